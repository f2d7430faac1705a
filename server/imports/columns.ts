// The columns of a roster or results file, and how a header written by a person is recognised: case, spacing,
// accents, "đ", punctuation and line breaks do not matter, and a note in parentheses may be added
// ("Số CCCD (12 số)", "Chuyên cần (%)"). The first header listed for each field is the one the template uses.
import { searchKey } from '../lib/text.js';

export const ROSTER_FIELDS = [
  'stt',
  'fullName',
  'familyMiddleName',
  'givenName',
  'birthDate',
  'birthDateMale',
  'birthDateFemale',
  'gender',
  'nationalId',
  'ethnicity',
  'religion',
  'workplace',
  'position',
  'partyStatus',
  'partyJoinedOn',
  'partyOfficialOn',
  'phone',
  'email',
  'sendingOrg',
  'hometown',
  'address',
  'educationLevel',
  'professionalLevel',
  'theoryLevel',
] as const;
export const RESULT_FIELDS = ['attendance', 'score', 'grade', 'result'] as const;

export type RosterField = (typeof ROSTER_FIELDS)[number];
export type ResultField = (typeof RESULT_FIELDS)[number];
export type Field = RosterField | ResultField;

/** Headers per field: the first is the canonical one (template, exports, messages); the rest are synonyms. */
export const HEADERS: Record<Field, readonly string[]> = {
  stt: ['STT', 'TT', 'Số TT', 'Số thứ tự'],
  fullName: ['Họ và tên', 'Họ tên', 'Họ và tên học viên', 'Họ tên học viên', 'Tên học viên', 'Họ, tên'],
  familyMiddleName: ['Họ và tên đệm', 'Họ đệm', 'Họ và đệm', 'Họ, tên đệm', 'Họ tên đệm'],
  givenName: ['Tên'],
  birthDate: ['Ngày sinh', 'Ngày tháng năm sinh', 'Ngày, tháng, năm sinh', 'Năm sinh', 'Sinh ngày'],
  // The old paper layout: the birth date written under "Nam" or under "Nữ", which also gives the gender.
  birthDateMale: ['Ngày sinh (Nam)', 'Năm sinh (Nam)', 'Ngày, tháng, năm sinh (Nam)'],
  birthDateFemale: ['Ngày sinh (Nữ)', 'Năm sinh (Nữ)', 'Ngày, tháng, năm sinh (Nữ)'],
  gender: ['Giới tính', 'Giới', 'Nam/Nữ', 'Nam, nữ'],
  nationalId: [
    'Số CCCD',
    'CCCD',
    'Số căn cước',
    'Số căn cước công dân',
    'Căn cước công dân',
    'Căn cước',
    'Số định danh',
    'Số định danh cá nhân',
    'Mã định danh',
    'Số CMND/CCCD',
    'CMND/CCCD',
    'Số CCCD/CMND',
    'CCCD/CMND',
    'Số CMND',
    'CMND',
  ],
  ethnicity: ['Dân tộc'],
  religion: ['Tôn giáo'],
  workplace: ['Đơn vị công tác', 'Nơi công tác', 'Cơ quan công tác', 'Cơ quan, đơn vị công tác', 'Cơ quan, đơn vị', 'Chức vụ, đơn vị công tác'],
  position: ['Chức vụ', 'Chức danh', 'Chức vụ, chức danh', 'Chức vụ hiện nay', 'Chức vụ Đảng, chính quyền'],
  partyStatus: ['Đảng viên', 'Là đảng viên', 'Đảng viên (có/không)', 'Tình trạng đảng viên', 'Đảng viên/quần chúng'],
  partyJoinedOn: ['Ngày vào Đảng', 'Ngày kết nạp', 'Ngày kết nạp Đảng', 'Ngày kết nạp vào Đảng', 'Ngày vào Đảng dự bị'],
  partyOfficialOn: ['Ngày chính thức', 'Ngày vào Đảng chính thức', 'Ngày Đảng chính thức', 'Ngày công nhận chính thức'],
  phone: ['Điện thoại', 'Số điện thoại', 'SĐT', 'ĐT', 'Điện thoại liên hệ', 'Di động'],
  email: ['Email', 'E-mail', 'Thư điện tử', 'Địa chỉ email'],
  sendingOrg: ['Đơn vị cử đi học', 'Đơn vị cử', 'Nơi cử đi học', 'Đơn vị cử học', 'Chi bộ, đảng bộ cử đi học', 'Chi bộ'],
  hometown: ['Quê quán', 'Nguyên quán'],
  address: ['Nơi ở', 'Nơi ở hiện nay', 'Chỗ ở hiện nay', 'Địa chỉ', 'Nơi cư trú', 'Địa chỉ thường trú'],
  educationLevel: ['Trình độ học vấn', 'Trình độ văn hóa', 'Học vấn', 'Văn hóa', 'Giáo dục phổ thông'],
  professionalLevel: ['Trình độ chuyên môn', 'Chuyên môn', 'Trình độ chuyên môn, nghiệp vụ'],
  theoryLevel: ['Trình độ lý luận chính trị', 'Trình độ LLCT', 'Lý luận chính trị', 'LLCT'],
  attendance: ['Chuyên cần (%)', 'Chuyên cần', 'Tỷ lệ chuyên cần', 'Tỷ lệ tham dự', 'Tỷ lệ dự học', 'Số buổi tham dự (%)'],
  score: ['Điểm', 'Điểm số', 'Điểm thi', 'Điểm bài thu hoạch', 'Điểm kiểm tra', 'Điểm tổng kết', 'Điểm trung bình'],
  grade: ['Xếp loại', 'Xếp loại học tập', 'Loại'],
  result: ['Kết quả', 'Kết quả học tập', 'Kết quả khóa học', 'Hoàn thành'],
};

export const canonicalHeader = (field: Field): string => HEADERS[field][0]!;

/** "Ngày,\ntháng, năm SINH" → "ngaythangnamsinh". */
export function headerKey(text: string): string {
  return searchKey(text).replace(/[^a-z0-9]/g, '');
}

/** The same without a parenthesised note: "Số CCCD (12 chữ số)" → "socccd". */
const headerKeyWithoutNote = (text: string) => headerKey(text.replace(/\([^)]*\)/g, ' '));

const FIELD_BY_KEY = new Map<string, Field>();
for (const [field, headers] of Object.entries(HEADERS) as Array<[Field, readonly string[]]>) {
  for (const header of headers) {
    for (const key of [headerKey(header), headerKeyWithoutNote(header)]) if (!FIELD_BY_KEY.has(key)) FIELD_BY_KEY.set(key, field);
  }
}

/** The field a header names, or null. */
export function fieldOfHeader(text: string): Field | null {
  if (!text.trim()) return null;
  return FIELD_BY_KEY.get(headerKey(text)) ?? FIELD_BY_KEY.get(headerKeyWithoutNote(text)) ?? null;
}
