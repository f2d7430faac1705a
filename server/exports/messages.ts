import { defineMessages } from '../i18n/define.js';

export const messages = defineMessages(
  {
    download: 'Tải xuống',
    xlsx: 'Excel',
    csv: 'CSV',
    xlsxTitle: 'Tải tệp Excel (.xlsx)',
    csvTitle: 'Tải tệp CSV (UTF-8)',
    roster: 'Danh sách và kết quả',
    bieu1: 'Biểu 1 – theo đơn vị',
    bieu2: 'Biểu 2 – theo chương trình',
  },
  {
    download: 'Download',
    xlsx: 'Excel',
    csv: 'CSV',
    xlsxTitle: 'Download as Excel (.xlsx)',
    csvTitle: 'Download as CSV (UTF-8)',
    roster: 'Roster and results',
    bieu1: 'Table 1 – by unit',
    bieu2: 'Table 2 – by program',
  },
);
