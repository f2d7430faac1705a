import { defineMessages } from '../i18n/define.js';

export const messages = defineMessages(
  {
    badToken: 'Khóa truy cập API không hợp lệ, đã hết hạn hoặc đã bị thu hồi.',
    tokenRequired: 'Cần khóa truy cập API (Authorization: Bearer <khóa>).',
    notFound: 'Không có địa chỉ API này.',
    tooMany: 'Quá nhiều yêu cầu API trong một phút. Vui lòng chờ một phút rồi thử lại.',
    docsTitle: 'Tài liệu API',
    docsNoScript: 'Trang tài liệu API cần JavaScript. Bản mô tả dạng máy đọc được ở /api/openapi.json.',
  },
  {
    badToken: 'The API token is invalid, expired or revoked.',
    tokenRequired: 'An API token is required (Authorization: Bearer <token>).',
    notFound: 'No such API endpoint.',
    tooMany: 'Too many API requests in one minute. Please wait a minute and try again.',
    docsTitle: 'API documentation',
    docsNoScript: 'The API documentation page needs JavaScript. The machine-readable description is at /api/openapi.json.',
  },
);
