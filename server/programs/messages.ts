import { defineMessages } from '../i18n/define.js';

export const messages = defineMessages(
  {
    unknown: 'Không có chương trình với mã này.',
    assessment: {
      exam: 'Thi',
      essay: 'Bài thu hoạch',
      test: 'Kiểm tra',
      attendance: 'Theo chuyên cần',
      none: 'Không đánh giá',
    },
  },
  {
    unknown: 'No program has this code.',
    assessment: {
      exam: 'Exam',
      essay: 'Essay',
      test: 'Test',
      attendance: 'Attendance',
      none: 'Not assessed',
    },
  },
);
