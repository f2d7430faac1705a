// Vocabulary for the demo data: Vietnamese names, the communes of each district of Hưng Yên, and the
// organisations that send trainees. Real place names; every person is invented.

export const FAMILY_NAMES: ReadonlyArray<readonly [string, number]> = [
  ['Nguyễn', 31], ['Trần', 11], ['Lê', 9], ['Phạm', 8], ['Hoàng', 5], ['Vũ', 5], ['Đỗ', 4], ['Bùi', 4],
  ['Đặng', 3], ['Ngô', 2], ['Đào', 2], ['Đinh', 2], ['Dương', 2], ['Lương', 1], ['Trịnh', 1], ['Hà', 1],
  ['Phan', 2], ['Lưu', 1], ['Tạ', 1], ['Mai', 1], ['Đoàn', 1], ['Cao', 1], ['Lại', 1],
];

export const MALE_MIDDLE = ['Văn', 'Văn', 'Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Xuân', 'Thành', 'Công', 'Đình', 'Tiến', 'Mạnh', 'Ngọc', 'Trọng', 'Duy'];
export const FEMALE_MIDDLE = ['Thị', 'Thị', 'Thị', 'Thị', 'Thu', 'Thanh', 'Ngọc', 'Hồng', 'Minh', 'Phương', 'Kim', 'Bích', 'Diệu', 'Hải'];

export const MALE_GIVEN = [
  'Anh', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Đông', 'Đức', 'Giang', 'Hải', 'Hào', 'Hiếu', 'Hùng', 'Huy', 'Hưng', 'Khánh',
  'Khoa', 'Kiên', 'Lâm', 'Long', 'Lộc', 'Mạnh', 'Minh', 'Nam', 'Nghĩa', 'Phong', 'Phúc', 'Quân', 'Quang', 'Quý',
  'Sơn', 'Tài', 'Thắng', 'Thành', 'Thịnh', 'Toàn', 'Trung', 'Tuấn', 'Tùng', 'Văn', 'Việt', 'Vinh', 'Vũ', 'Chiến',
  'Hậu', 'Khải', 'Lực', 'Thuận', 'Trường', 'Tú', 'Hoàng',
];
export const FEMALE_GIVEN = [
  'Anh', 'Ánh', 'Chi', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Huệ', 'Hương', 'Huyền', 'Lan',
  'Liên', 'Linh', 'Loan', 'Mai', 'Minh', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhung', 'Oanh', 'Phương', 'Quỳnh', 'Thảo',
  'Thơm', 'Thu', 'Thủy', 'Trang', 'Tuyết', 'Vân', 'Yến', 'Hậu', 'Hồng', 'Lụa', 'Nhàn', 'Thúy', 'Xuân', 'Điệp', 'Gấm',
];

/** Communes and wards (before the 2025 rearrangement) by unit code. */
export const COMMUNES: Record<string, string[]> = {
  TTCTHY: ['phường Lê Lợi', 'phường Minh Khai', 'phường Quang Trung', 'phường Hiến Nam', 'phường An Tảo', 'phường Hồng Châu', 'phường Lam Sơn', 'xã Bảo Khê', 'xã Trung Nghĩa', 'xã Liên Phương', 'xã Hồng Nam', 'xã Quảng Châu', 'xã Hoàng Hanh', 'xã Phương Chiểu', 'xã Tân Hưng', 'xã Hùng Cường'],
  TTCTMH: ['phường Bần Yên Nhân', 'phường Phan Đình Phùng', 'phường Nhân Hòa', 'phường Dị Sử', 'phường Bạch Sam', 'phường Minh Đức', 'phường Phùng Chí Kiên', 'xã Xuân Dục', 'xã Ngọc Lâm', 'xã Hòa Phong', 'xã Cẩm Xá', 'xã Dương Quang', 'xã Hưng Long'],
  TTCTVL: ['thị trấn Như Quỳnh', 'xã Lạc Đạo', 'xã Chỉ Đạo', 'xã Đại Đồng', 'xã Việt Hưng', 'xã Tân Quang', 'xã Đình Dù', 'xã Minh Hải', 'xã Lương Tài', 'xã Trưng Trắc', 'xã Lạc Hồng'],
  TTCTVG: ['thị trấn Văn Giang', 'xã Xuân Quan', 'xã Cửu Cao', 'xã Phụng Công', 'xã Long Hưng', 'xã Liên Nghĩa', 'xã Tân Tiến', 'xã Thắng Lợi', 'xã Mễ Sở', 'xã Nghĩa Trụ', 'xã Vĩnh Khúc'],
  TTCTYM: ['thị trấn Yên Mỹ', 'xã Giai Phạm', 'xã Nghĩa Hiệp', 'xã Đồng Than', 'xã Ngọc Long', 'xã Liêu Xá', 'xã Hoàn Long', 'xã Tân Lập', 'xã Thanh Long', 'xã Yên Phú', 'xã Việt Cường', 'xã Trung Hòa', 'xã Yên Hòa', 'xã Minh Châu', 'xã Trung Hưng', 'xã Lý Thường Kiệt', 'xã Tân Việt'],
  TTCTAT: ['thị trấn Ân Thi', 'xã Phù Ủng', 'xã Bãi Sậy', 'xã Bắc Sơn', 'xã Đào Dương', 'xã Tân Phúc', 'xã Vân Du', 'xã Quang Vinh', 'xã Xuân Trúc', 'xã Hoàng Hoa Thám', 'xã Quảng Lãng', 'xã Văn Nhuệ', 'xã Đặng Lễ', 'xã Cẩm Ninh', 'xã Nguyễn Trãi', 'xã Hồng Quang', 'xã Hồ Tùng Mậu', 'xã Tiền Phong', 'xã Hạ Lễ', 'xã Hồng Vân'],
  TTCTKC: ['thị trấn Khoái Châu', 'xã Đông Tảo', 'xã Bình Minh', 'xã Dạ Trạch', 'xã Hàm Tử', 'xã Ông Đình', 'xã Tân Dân', 'xã Tứ Dân', 'xã An Vĩ', 'xã Đông Kết', 'xã Bình Kiều', 'xã Dân Tiến', 'xã Đồng Tiến', 'xã Hồng Tiến', 'xã Tân Châu', 'xã Liên Khê', 'xã Phùng Hưng', 'xã Việt Hòa', 'xã Đông Ninh', 'xã Đại Tập', 'xã Chí Tân', 'xã Đại Hưng', 'xã Thuần Hưng', 'xã Thành Công', 'xã Nhuế Dương'],
  TTCTKD: ['thị trấn Lương Bằng', 'xã Nghĩa Dân', 'xã Toàn Thắng', 'xã Vĩnh Xá', 'xã Phạm Ngũ Lão', 'xã Thọ Vinh', 'xã Đồng Thanh', 'xã Song Mai', 'xã Chính Nghĩa', 'xã Nhân La', 'xã Phú Thịnh', 'xã Mai Động', 'xã Đức Hợp', 'xã Hùng An', 'xã Ngọc Thanh', 'xã Vũ Xá', 'xã Hiệp Cường'],
  TTCTTL: ['thị trấn Vương', 'xã Hưng Đạo', 'xã Ngô Quyền', 'xã Nhật Tân', 'xã Dị Chế', 'xã Lệ Xá', 'xã An Viên', 'xã Đức Thắng', 'xã Trung Dũng', 'xã Hải Triều', 'xã Thủ Sỹ', 'xã Thiện Phiến', 'xã Thụy Lôi', 'xã Cương Chính', 'xã Minh Phượng'],
  TTCTPC: ['thị trấn Trần Cao', 'xã Minh Tân', 'xã Phan Sào Nam', 'xã Quang Hưng', 'xã Minh Hoàng', 'xã Đoàn Đào', 'xã Tống Phan', 'xã Đình Cao', 'xã Nhật Quang', 'xã Tiền Tiến', 'xã Tam Đa', 'xã Minh Tiến', 'xã Nguyên Hòa', 'xã Tống Trân'],
};

/** Every commune and ward before 2025: where the committees' people come from. */
export const ALL_COMMUNES = Object.values(COMMUNES).flat();

/** Party organisations under the committees directly under the provincial committee. */
export const COMMITTEE_ORGS: Record<string, string[]> = {
  DUKCCQ: ['Đảng bộ Sở Giáo dục và Đào tạo', 'Đảng bộ Sở Y tế', 'Đảng bộ Sở Tài chính', 'Chi bộ Sở Tư pháp', 'Đảng bộ Sở Nông nghiệp và Phát triển nông thôn', 'Chi bộ Văn phòng Ủy ban nhân dân tỉnh', 'Đảng bộ Sở Giao thông vận tải', 'Chi bộ Sở Văn hóa, Thể thao và Du lịch', 'Đảng bộ Bảo hiểm xã hội tỉnh', 'Đảng bộ Cục Thuế tỉnh', 'Chi bộ Sở Nội vụ', 'Đảng bộ Trường Cao đẳng Y tế Hưng Yên'],
  DUKDN: ['Đảng bộ Công ty Điện lực Hưng Yên', 'Đảng bộ Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh Hưng Yên', 'Chi bộ Công ty cổ phần Nước sạch Hưng Yên', 'Đảng bộ Viễn thông Hưng Yên', 'Đảng bộ Bưu điện tỉnh Hưng Yên', 'Chi bộ Công ty TNHH Một thành viên Khai thác công trình thủy lợi', 'Đảng bộ Ngân hàng Thương mại cổ phần Công thương chi nhánh Hưng Yên', 'Chi bộ Công ty cổ phần Môi trường và Công trình đô thị'],
  DUQS: ['Đảng bộ Cơ quan Bộ Chỉ huy Quân sự tỉnh', 'Đảng bộ Ban Chỉ huy Quân sự huyện Văn Lâm', 'Đảng bộ Ban Chỉ huy Quân sự huyện Khoái Châu', 'Đảng bộ Ban Chỉ huy Quân sự huyện Kim Động', 'Chi bộ Đại đội Bộ binh 1', 'Đảng bộ Trung đoàn 123', 'Đảng bộ Ban Chỉ huy Quân sự thị xã Mỹ Hào'],
  DUCA: ['Đảng bộ Công an thành phố Hưng Yên', 'Đảng bộ Công an huyện Văn Giang', 'Đảng bộ Công an huyện Yên Mỹ', 'Chi bộ Phòng Cảnh sát giao thông', 'Chi bộ Phòng Cảnh sát hình sự', 'Đảng bộ Công an huyện Ân Thi', 'Chi bộ Phòng Tham mưu', 'Đảng bộ Công an huyện Tiên Lữ'],
};

export const VILLAGES = ['thôn Đông', 'thôn Đoài', 'thôn Nam', 'thôn Bắc', 'thôn Thượng', 'thôn Hạ', 'thôn Trung', 'thôn Tiền', 'thôn Hậu', 'thôn An Lạc', 'thôn Phú Thị', 'khu phố 1', 'khu phố 2', 'khu phố 3'];

export const COMMUNE_POSITIONS = ['Bí thư chi bộ', 'Phó Bí thư chi bộ', 'Trưởng thôn', 'Chi hội trưởng Hội Nông dân', 'Chi hội trưởng Hội Phụ nữ', 'Bí thư Chi đoàn', 'Công chức văn hóa – xã hội', 'Công chức địa chính – xây dựng', 'Giáo viên', 'Nhân viên y tế thôn', 'Trưởng ban công tác Mặt trận', 'Cán bộ Hội Cựu chiến binh', 'Công an viên', 'Đảng viên', 'Nông dân', 'Kinh doanh tự do'];
export const AGENCY_POSITIONS = ['Chuyên viên', 'Chuyên viên chính', 'Phó Trưởng phòng', 'Trưởng phòng', 'Kế toán', 'Kỹ sư', 'Nhân viên', 'Giáo viên', 'Bác sĩ', 'Điều dưỡng'];
export const FORCE_POSITIONS = ['Chiến sĩ', 'Tiểu đội trưởng', 'Trung đội trưởng', 'Cán bộ', 'Trợ lý', 'Đội trưởng', 'Phó Đội trưởng'];

export const RELIGIONS: ReadonlyArray<readonly [string, number]> = [['Không', 88], ['Công giáo', 8], ['Phật giáo', 4]];
export const ETHNICITIES: ReadonlyArray<readonly [string, number]> = [['Kinh', 990], ['Tày', 4], ['Mường', 3], ['Nùng', 2], ['Thái', 1]];
export const EDUCATION = ['12/12', '12/12', '12/12', '9/12'];
export const PROFESSIONAL = ['Đại học', 'Đại học', 'Cao đẳng', 'Trung cấp', 'Thạc sĩ', 'Chưa qua đào tạo'];

/** Course name and place per program; {n} the course number in the year, {y} the year. */
export const COURSE_NAMES: Record<string, string> = {
  NTVD: 'Lớp bồi dưỡng nhận thức về Đảng khóa {n} năm {y}',
  DVM: 'Lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới khóa {n} năm {y}',
  SCLLCT: 'Lớp sơ cấp lý luận chính trị khóa {n} năm {y}',
  LSD: 'Lớp chuyên đề lịch sử Đảng bộ khóa {n} năm {y}',
  CDHCM: 'Lớp học tập chuyên đề tư tưởng, đạo đức, phong cách Hồ Chí Minh năm {y} (đợt {n})',
  NVCTD: 'Lớp bồi dưỡng nghiệp vụ công tác Đảng cho bí thư, cấp ủy viên chi bộ khóa {n} năm {y}',
  NVMTDT: 'Lớp bồi dưỡng nghiệp vụ công tác Mặt trận, đoàn thể, dân vận khóa {n} năm {y}',
  CNKT: 'Lớp học tập, quán triệt nghị quyết của Đảng năm {y} (đợt {n})',
};

export function randomCommune(unitCode: string, pick: <T>(items: readonly T[]) => T): string {
  return pick(COMMUNES[unitCode] ?? ALL_COMMUNES);
}

/** Invented directors and deputies who sign the demo certificates. */
export const SIGNERS: Record<string, [name: string, authority: string | null, title: string]> = {
  BTGTU: ['Nguyễn Thị Thu Hương', 'K/T TRƯỞNG BAN', 'PHÓ TRƯỞNG BAN'],
  TTCTHY: ['Đỗ Văn Hùng', null, 'GIÁM ĐỐC'],
  TTCTMH: ['Trần Thị Minh Nguyệt', null, 'GIÁM ĐỐC'],
  TTCTVL: ['Nguyễn Văn Tuấn', null, 'GIÁM ĐỐC'],
  TTCTVG: ['Phạm Thị Lan', null, 'GIÁM ĐỐC'],
  TTCTYM: ['Lê Đức Thắng', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
  TTCTAT: ['Vũ Văn Dũng', null, 'GIÁM ĐỐC'],
  TTCTKC: ['Hoàng Thị Hạnh', null, 'GIÁM ĐỐC'],
  TTCTKD: ['Bùi Văn Khải', null, 'GIÁM ĐỐC'],
  TTCTTL: ['Đặng Văn Long', null, 'GIÁM ĐỐC'],
  TTCTPC: ['Ngô Thị Huyền', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
  DUKCCQ: ['Lương Văn Thành', 'T/M ĐẢNG ỦY', 'PHÓ BÍ THƯ'],
  DUKDN: ['Trịnh Thị Nga', 'T/M ĐẢNG ỦY', 'PHÓ BÍ THƯ'],
  DUQS: ['Đinh Quang Vinh', 'T/M ĐẢNG ỦY', 'PHÓ BÍ THƯ'],
  DUCA: ['Dương Minh Quân', 'T/M ĐẢNG ỦY', 'PHÓ BÍ THƯ'],
};

/** Demo sign-in names for the staff of each unit. */
export const DEMO_USERNAMES: Record<string, string> = {
  TTCTHY: 'hungyen',
  TTCTMH: 'myhao',
  TTCTVL: 'vanlam',
  TTCTVG: 'vangiang',
  TTCTYM: 'yenmy',
  TTCTAT: 'anthi',
  TTCTKC: 'khoaichau',
  TTCTKD: 'kimdong',
  TTCTTL: 'tienlu',
  TTCTPC: 'phucu',
  DUKCCQ: 'khoicoquan',
  DUKDN: 'khoidoanhnghiep',
  DUQS: 'quansu',
  DUCA: 'congan',
};
