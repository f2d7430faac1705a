import { defineMessages } from '../i18n/define.js';

export const messages = defineMessages(
  {
    greeting: 'Kính gửi {name},',
    footer: 'Thư này được gửi tự động từ Hệ thống quản lý đào tạo, bồi dưỡng lý luận chính trị; vui lòng không trả lời thư này.',
    planSubmitted: {
      subject: 'Kế hoạch năm {year} của {unit} chờ phê duyệt',
      body: '{unit} đã trình kế hoạch đào tạo, bồi dưỡng năm {year}. Xem và phê duyệt tại địa chỉ:',
    },
    planApproved: {
      subject: 'Kế hoạch năm {year} của {unit} đã được phê duyệt',
      body: 'Ban Tuyên giáo đã phê duyệt kế hoạch đào tạo, bồi dưỡng năm {year} của {unit}. Xem tại địa chỉ:',
    },
    planReturned: {
      subject: 'Kế hoạch năm {year} của {unit} bị trả lại',
      body: 'Ban Tuyên giáo đã trả lại kế hoạch đào tạo, bồi dưỡng năm {year} của {unit}. Xem lý do và chỉnh sửa tại địa chỉ:',
    },
    urgingIssued: {
      subject: 'Văn bản đôn đốc số {symbol}',
      body: 'Ban Tuyên giáo đã ban hành văn bản số {symbol} đôn đốc thực hiện kế hoạch đào tạo, bồi dưỡng năm {year}. Xem và xác nhận đã nhận tại địa chỉ:',
    },
    correctionAnswered: {
      subject: 'Yêu cầu sửa sai sót số {id} đã được trả lời',
      body: 'Yêu cầu sửa sai sót số {id} của bạn đã được trả lời. Xem câu trả lời tại địa chỉ:',
    },
  },
  {
    greeting: 'Dear {name},',
    footer: 'This message was sent automatically by the political-theory training management system; please do not reply.',
    planSubmitted: {
      subject: 'The {year} plan of {unit} waits for approval',
      body: '{unit} submitted its training plan for {year}. Review and approve it at:',
    },
    planApproved: {
      subject: 'The {year} plan of {unit} was approved',
      body: 'The board approved the training plan of {unit} for {year}. See it at:',
    },
    planReturned: {
      subject: 'The {year} plan of {unit} was returned',
      body: 'The board returned the training plan of {unit} for {year}. See the reason and edit it at:',
    },
    urgingIssued: {
      subject: 'Urging {symbol}',
      body: 'The board issued {symbol}, urging the implementation of the {year} training plan. Read and acknowledge it at:',
    },
    correctionAnswered: {
      subject: 'Your correction request no. {id} was answered',
      body: 'Your correction request no. {id} was answered. Read the answer at:',
    },
  },
);
