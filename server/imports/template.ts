// The downloadable templates: a roster ("Danh sách học viên") and a results sheet ("Kết quả học tập"), each with
// an example row and a "Hướng dẫn" sheet explaining every column. The text here is the content of a Vietnamese
// document (headers must be what the importer reads), so it lives here rather than in the UI catalog.
import ExcelJS from 'exceljs';
import { canonicalHeader, type Field } from './columns.js';
import { LIMITS } from './limits.js';
import { TEMPLATE_EXAMPLE } from './roster-row.js';

interface TemplateColumn {
  field: Field;
  required: 'Bắt buộc' | 'Nên có' | 'Không bắt buộc';
  how: string;
  example: string | number;
  width: number;
  numFmt?: string;
  list?: string[];
}

// Every column the user types into is Text-formatted: what is typed is kept as typed ("034…" keeps its zero,
// "17/05/1990" is not reinterpreted by the computer's regional settings, "1990" does not become a date in 1905),
// and the importer reads the text. Dates pasted from elsewhere arrive as real dates, which it reads too.
const TEXT = '@';
const dmy = (iso: string) => iso.split('-').reverse().join('/');

const ROSTER: TemplateColumn[] = [
  { field: 'stt', required: 'Không bắt buộc', how: 'Số thứ tự; hệ thống không dùng cột này.', example: 1, width: 6 },
  { field: 'fullName', required: 'Bắt buộc', how: 'Họ, tên đệm và tên đầy đủ, có dấu. Có thể tách thành hai cột "Họ và tên đệm" và "Tên".', example: TEMPLATE_EXAMPLE.fullName, width: 26 },
  { field: 'birthDate', required: 'Bắt buộc', how: 'Ngày/tháng/năm (dd/mm/yyyy). Nếu chỉ biết năm sinh, ghi năm (ví dụ 1990).', example: '17/05/1990', width: 12, numFmt: TEXT },
  { field: 'gender', required: 'Không bắt buộc', how: 'Nam hoặc Nữ (chọn trong danh sách).', example: 'Nữ', width: 9, list: ['Nam', 'Nữ'] },
  { field: 'nationalId', required: 'Nên có', how: 'Số căn cước công dân, đủ 12 chữ số, giữ số 0 ở đầu (cột đã định dạng Văn bản). Số CCCD giúp nhận ra học viên đã có trong hệ thống; dòng không có CCCD luôn tạo hồ sơ học viên mới.', example: TEMPLATE_EXAMPLE.nationalId, width: 15, numFmt: TEXT },
  { field: 'ethnicity', required: 'Không bắt buộc', how: 'Tên dân tộc.', example: 'Kinh', width: 10 },
  { field: 'religion', required: 'Không bắt buộc', how: 'Tên tôn giáo; ghi "Không" nếu không theo tôn giáo nào.', example: 'Không', width: 10 },
  { field: 'workplace', required: 'Không bắt buộc', how: 'Cơ quan, đơn vị nơi học viên đang công tác.', example: 'UBND xã Lạc Đạo, huyện Văn Lâm', width: 30 },
  { field: 'position', required: 'Không bắt buộc', how: 'Chức vụ, chức danh hiện nay.', example: 'Công chức Văn phòng - Thống kê', width: 24 },
  { field: 'partyStatus', required: 'Không bắt buộc', how: 'Đảng viên chính thức, Đảng viên dự bị hoặc Quần chúng (chọn trong danh sách). Cũng nhận "Có" hoặc "x" (là đảng viên dự bị nếu vào Đảng chưa đủ 12 tháng, còn lại là chính thức) và "Không".', example: 'Đảng viên chính thức', width: 20, list: ['Đảng viên chính thức', 'Đảng viên dự bị', 'Quần chúng'] },
  { field: 'partyJoinedOn', required: 'Không bắt buộc', how: 'Ngày kết nạp vào Đảng (dd/mm/yyyy); để trống nếu không phải đảng viên.', example: '19/05/2015', width: 14, numFmt: TEXT },
  { field: 'phone', required: 'Không bắt buộc', how: 'Số điện thoại 10 chữ số, bắt đầu bằng 0.', example: '0912345678', width: 13, numFmt: TEXT },
  { field: 'email', required: 'Không bắt buộc', how: 'Địa chỉ thư điện tử.', example: 'nguyenthihang@example.com', width: 26 },
  { field: 'sendingOrg', required: 'Không bắt buộc', how: 'Chi bộ, đảng bộ cơ sở hoặc cơ quan cử học viên đi học.', example: 'Chi bộ thôn Đình Dù, Đảng bộ xã Đình Dù', width: 32 },
];

const RESULTS: TemplateColumn[] = [
  ...ROSTER.filter((c) => ['stt', 'fullName', 'birthDate', 'nationalId'].includes(c.field)).map((c) => (c.field === 'nationalId' ? { ...c, required: 'Nên có' as const, how: 'Số CCCD 12 chữ số. Học viên được xác định theo số CCCD; nếu không có thì theo họ tên và ngày sinh.' } : c)),
  { field: 'attendance', required: 'Không bắt buộc', how: 'Tỷ lệ số buổi có mặt: 95 hoặc 95%; cũng nhận số buổi dự/tổng số buổi (18/20).', example: 95, width: 14 },
  { field: 'score', required: 'Không bắt buộc', how: 'Điểm từ 0 đến 10, một chữ số thập phân (8,5 hoặc 8.5).', example: 8.5, width: 8, numFmt: '0.0' },
  { field: 'grade', required: 'Không bắt buộc', how: 'Xuất sắc, Giỏi, Khá, Trung bình hoặc Không đạt. Hệ thống tự xếp loại theo điểm và quy định của chương trình; nếu khác với cột này sẽ có cảnh báo.', example: 'Giỏi', width: 12, list: ['Xuất sắc', 'Giỏi', 'Khá', 'Trung bình', 'Không đạt'] },
  { field: 'result', required: 'Không bắt buộc', how: 'Hoàn thành, Không hoàn thành hoặc Thôi học. "Thôi học" ghi nhận học viên thôi học; hai giá trị còn lại được đối chiếu với kết quả tính từ điểm và chuyên cần.', example: 'Hoàn thành', width: 16, list: ['Hoàn thành', 'Không hoàn thành', 'Thôi học'] },
];

const LIMIT_NOTE = `Nhận tệp Excel (.xlsx) hoặc CSV UTF-8 (phân cách bằng dấu phẩy hoặc dấu chấm phẩy), tối đa ${LIMITS.maxBytes / 1024 / 1024} MB và ${LIMITS.maxDataRows.toLocaleString('vi-VN')} dòng mỗi tệp. Hệ thống đọc trang tính đầu tiên.`;

const ROSTER_NOTES = [
  'Mỗi dòng là một học viên. Dòng 1 là tiêu đề cột: giữ nguyên tên cột (viết hoa hay thường, có dấu hay không dấu đều được).',
  'Xóa dòng ví dụ (dòng 2) trước khi nhập.',
  LIMIT_NOTE,
  'Hệ thống kiểm tra toàn bộ tệp và hiển thị bản xem trước: dòng tạo học viên mới, dòng khớp với học viên đã có (theo số CCCD), dòng có lỗi. Chỉ khi không còn lỗi mới ghi dữ liệu, và ghi tất cả các dòng cùng một lúc.',
  'Nhập lại đúng tệp đã nhập vào cùng lớp sẽ không tạo thêm học viên nào.',
  'Các cột khác (ví dụ Ghi chú) được bỏ qua. Có thể thêm các cột: Quê quán, Nơi ở, Trình độ học vấn, Trình độ chuyên môn, Trình độ lý luận chính trị, Ngày chính thức.',
];

const RESULTS_NOTES = [
  'Mỗi dòng là kết quả của một học viên đã có trong danh sách lớp. Dòng 1 là tiêu đề cột.',
  'Học viên được xác định theo số CCCD; nếu không có số CCCD thì theo họ tên và ngày sinh.',
  'Ô để trống giữ nguyên giá trị đã có trong hệ thống.',
  'Xóa dòng ví dụ (dòng 2) trước khi nhập.',
  LIMIT_NOTE,
];

export interface TemplateRow {
  fullName: string;
  birthDate: string | null;
  birthYear: number | null;
  nationalId: string | null;
}

type TemplateValues = Array<string | number | null>;

function addDataSheet(workbook: ExcelJS.Workbook, name: string, columns: TemplateColumn[], rows: TemplateValues[], example: boolean): void {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = columns.map((c) => ({ header: canonicalHeader(c.field), width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.height = 32;
  header.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE9D9' } }));
  for (const values of rows) {
    const row = sheet.addRow(values);
    if (example) row.font = { italic: true, color: { argb: 'FF7F7F7F' } };
  }
  const lastRow = LIMITS.maxDataRows + 1;
  const validations = (sheet as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  columns.forEach((c, i) => {
    if (!c.list) return;
    const letter = sheet.getColumn(i + 1).letter;
    // A drop-down that suggests, without refusing other words the importer also understands ("Có", "x"…).
    validations.add(`${letter}2:${letter}${lastRow}`, { type: 'list', allowBlank: true, formulae: [`"${c.list.join(',')}"`], showErrorMessage: false });
  });
}

function addNotesSheet(workbook: ExcelJS.Workbook, title: string, notes: string[], columns: TemplateColumn[]): void {
  const sheet = workbook.addWorksheet('Hướng dẫn');
  sheet.columns = [{ width: 22 }, { width: 16 }, { width: 80 }, { width: 28 }];
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow([]);
  notes.forEach((note, i) => {
    const row = sheet.addRow([`${i + 1}.`, note]);
    sheet.mergeCells(row.number, 2, row.number, 4);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.height = 32;
  });
  sheet.addRow([]);
  const header = sheet.addRow(['Cột', 'Bắt buộc', 'Cách ghi', 'Ví dụ']);
  header.font = { bold: true };
  for (const c of columns) {
    const row = sheet.addRow([canonicalHeader(c.field), c.required, c.how, String(c.example)]);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.getCell(4).numFmt = TEXT;
  }
}

const toBuffer = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());

export async function buildRosterTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Quản lý đào tạo LLCT';
  addDataSheet(workbook, 'Danh sách học viên', ROSTER, [ROSTER.map((c) => c.example)], true);
  addNotesSheet(workbook, 'HƯỚNG DẪN ĐIỀN DANH SÁCH HỌC VIÊN', ROSTER_NOTES, ROSTER);
  return toBuffer(workbook);
}

/** The results template; given a course's roster, it lists those people instead of an example row. */
export async function buildResultsTemplate(roster?: readonly TemplateRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Quản lý đào tạo LLCT';
  const rows: TemplateValues[] = roster
    ? roster.map((r, i) => [i + 1, r.fullName, r.birthDate ? dmy(r.birthDate) : r.birthYear === null ? null : String(r.birthYear), r.nationalId])
    : [RESULTS.map((c) => c.example)];
  addDataSheet(workbook, 'Kết quả học tập', RESULTS, rows, !roster);
  addNotesSheet(workbook, 'HƯỚNG DẪN ĐIỀN KẾT QUẢ HỌC TẬP', roster ? RESULTS_NOTES.filter((n) => !n.startsWith('Xóa dòng ví dụ')) : RESULTS_NOTES, RESULTS);
  return toBuffer(workbook);
}
