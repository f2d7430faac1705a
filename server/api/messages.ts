import { defineMessages } from '../i18n/define.js';

export const messages = defineMessages(
  {
    badToken: 'Khóa truy cập API không hợp lệ, đã hết hạn hoặc đã bị thu hồi.',
    tokenRequired: 'Cần khóa truy cập API (Authorization: Bearer <khóa>).',
    notFound: 'Không có địa chỉ API này.',
  },
  {
    badToken: 'The API token is invalid, expired or revoked.',
    tokenRequired: 'An API token is required (Authorization: Bearer <token>).',
    notFound: 'No such API endpoint.',
  },
);
