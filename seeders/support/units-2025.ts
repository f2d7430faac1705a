// The 2025 rearrangement as the demo tells it (DOMAIN.md "Units change"), kept as data. What is known: the
// district level ended on 1 July 2025 and the ten district political centers with it; Hưng Yên merged with
// Thái Bình and kept its name; the board became Ban Tuyên giáo và Dân vận Tỉnh ủy in 2025. Everything else
// here — decision numbers, the board's and the committees' dates, which new commune or ward committee took
// over each center's work, the signers — is ASSUMED: the province's decisions set the real ones. Edit this
// file, not the seeder, to tell another history.

/** The day the district level ended: the centers' last day is the day before. */
export const DISTRICTS_END = '2025-07-01';

/** The demo's "today": courses after it are planned, courses under way are open. Fixed, so the demo is the same on every machine. */
export const DEMO_TODAY = '2026-12-03';

export interface NameChangeSpec {
  code: string;
  effectiveDate: string;
  decisionNumber: string;
  name: string;
  shortName: string;
  headerName: string;
  symbol: string;
  note: string;
}

/** Assumed: the date (1/3/2025) and the decision number; the new name and header are the real ones. */
export const BOARD_RENAME: NameChangeSpec = {
  code: 'BTGTU',
  effectiveDate: '2025-03-01',
  decisionNumber: '1650-QĐ/TU',
  name: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Hưng Yên',
  shortName: 'Ban Tuyên giáo và Dân vận Tỉnh ủy',
  headerName: 'BAN TUYÊN GIÁO VÀ DÂN VẬN',
  symbol: 'BTGDVTU',
  note: 'Hợp nhất Ban Tuyên giáo Tỉnh ủy và Ban Dân vận Tỉnh ủy.',
};

type Signer = [name: string, authority: string | null, title: string];

export interface NewUnitSpec {
  code: string;
  name: string;
  shortName: string;
  headerName: string;
  place: string;
  validFrom: string;
  /** Decision that established it (assumed). */
  decisionNumber: string;
  signer: Signer;
  /** Sign-in name of a new staff account, for a successor that receives no moved staff. */
  username?: string;
}

/** Assumed: a new committee for the Party's provincial agencies took over both "khối" committees on 1/3/2025. */
export const AGENCIES_COMMITTEE: NewUnitSpec & { merged: string[]; mergeDecision: string; orgs: string[] } = {
  code: 'DUCQD',
  name: 'Đảng ủy các cơ quan Đảng tỉnh',
  shortName: 'Các cơ quan Đảng tỉnh',
  headerName: 'ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG TỈNH',
  place: 'Hưng Yên',
  validFrom: '2025-03-01',
  decisionNumber: '1655-QĐ/TU',
  mergeDecision: '1656-QĐ/TU',
  signer: ['Lương Văn Thành', 'T/M ĐẢNG ỦY', 'PHÓ BÍ THƯ'],
  merged: ['DUKCCQ', 'DUKDN'],
  // Its member organisations (assumed list): the Party's agencies, the Front, and the former members.
  orgs: [
    'Chi bộ Văn phòng Tỉnh ủy', 'Chi bộ Ban Tổ chức Tỉnh ủy', 'Chi bộ Ban Tuyên giáo và Dân vận Tỉnh ủy', 'Chi bộ Ủy ban Kiểm tra Tỉnh ủy',
    'Đảng bộ Báo và Phát thanh, Truyền hình Hưng Yên', 'Chi bộ Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'Đảng bộ Trường Chính trị Nguyễn Văn Linh',
    'Đảng bộ Sở Giáo dục và Đào tạo', 'Đảng bộ Sở Y tế', 'Đảng bộ Sở Tài chính', 'Đảng bộ Sở Nông nghiệp và Môi trường', 'Đảng bộ Sở Xây dựng',
    'Đảng bộ Công ty Điện lực Hưng Yên', 'Đảng bộ Viễn thông Hưng Yên',
  ],
};

export interface SuccessorSpec extends NewUnitSpec {
  /** Share of the former center's programme this committee runs (a center's shares add up to 1). */
  share: number;
  /** Ahead of (>1) or behind (<1) its plan in 2025 (second half) and 2026. */
  pace: [number, number];
  quarterly: boolean;
  /**
   * Communes and wards after 1/7/2025 whose Party organisations send trainees to it. The names are those we
   * believe the 2025 resolution on Hưng Yên's communes gave; treat them as assumed until checked against it.
   */
  communes: string[];
}

const ward = (name: string) => `phường ${name}`;
const commune = (name: string) => `xã ${name}`;
const successor = (code: string, kind: 'phường' | 'xã', place: string, validFrom: string, decisionNumber: string, rest: Omit<SuccessorSpec, 'code' | 'name' | 'shortName' | 'headerName' | 'place' | 'validFrom' | 'decisionNumber'>): SuccessorSpec => ({
  code,
  name: `Đảng ủy ${kind} ${place}`,
  shortName: `${kind === 'phường' ? 'Phường' : 'Xã'} ${place}`,
  headerName: `ĐẢNG ỦY ${kind.toLocaleUpperCase('vi')} ${place.toLocaleUpperCase('vi')}`,
  place,
  validFrom,
  decisionNumber,
  ...rest,
});

/**
 * Center → the committees that took over its work on 1/7/2025, the one that carries its figures (and its
 * staff) first. ASSUMED mapping: the province's decisions set the real one. Thành phố Hưng Yên's work is split
 * between two wards, to show a dissolution with two successors.
 */
export const CENTER_SUCCESSORS: Record<string, { decisionNumber: string; successors: SuccessorSpec[] }> = {
  TTCTHY: {
    decisionNumber: '1790-QĐ/TU',
    successors: [
      successor('DUPPH', 'phường', 'Phố Hiến', DISTRICTS_END, '1801-QĐ/TU', {
        share: 0.6, pace: [1.01, 0.98], quarterly: true, signer: ['Phạm Quang Huy', 'T/M BAN THƯỜNG VỤ', 'BÍ THƯ'],
        communes: [ward('Phố Hiến'), ward('Hồng Châu'), commune('Hoàng Hoa Thám')],
      }),
      successor('DUPSN', 'phường', 'Sơn Nam', DISTRICTS_END, '1802-QĐ/TU', {
        share: 0.4, pace: [0.97, 1.02], quarterly: false, signer: ['Lê Thị Thanh Hoa', 'T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ'], username: 'sonnam',
        communes: [ward('Sơn Nam'), commune('Tân Hưng')],
      }),
    ],
  },
  TTCTMH: { decisionNumber: '1791-QĐ/TU', successors: [successor('DUPMH', 'phường', 'Mỹ Hào', DISTRICTS_END, '1803-QĐ/TU', { share: 1, pace: [1.05, 1.03], quarterly: false, signer: ['Nguyễn Đức Toàn', 'T/M BAN THƯỜNG VỤ', 'BÍ THƯ'], communes: [ward('Mỹ Hào'), ward('Đường Hào'), ward('Thượng Hồng')] })] },
  TTCTVL: { decisionNumber: '1792-QĐ/TU', successors: [successor('DUXNQ', 'xã', 'Như Quỳnh', DISTRICTS_END, '1804-QĐ/TU', { share: 1, pace: [1.08, 1.06], quarterly: true, signer: ['Trần Văn Khánh', 'T/M BAN THƯỜNG VỤ', 'BÍ THƯ'], communes: [commune('Như Quỳnh'), commune('Lạc Đạo'), commune('Đại Đồng')] })] },
  TTCTVG: { decisionNumber: '1793-QĐ/TU', successors: [successor('DUXVG', 'xã', 'Văn Giang', DISTRICTS_END, '1805-QĐ/TU', { share: 1, pace: [1.0, 0.99], quarterly: false, signer: ['Đỗ Thị Mai Anh', 'T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ'], communes: [commune('Văn Giang'), commune('Phụng Công'), commune('Nghĩa Trụ'), commune('Mễ Sở')] })] },
  TTCTYM: { decisionNumber: '1794-QĐ/TU', successors: [successor('DUXYM', 'xã', 'Yên Mỹ', DISTRICTS_END, '1806-QĐ/TU', { share: 1, pace: [0.95, 0.9], quarterly: true, signer: ['Vũ Mạnh Cường', 'T/M BAN THƯỜNG VỤ', 'BÍ THƯ'], communes: [commune('Yên Mỹ'), commune('Việt Yên'), commune('Hoàn Long'), commune('Nguyễn Văn Linh')] })] },
  TTCTAT: { decisionNumber: '1795-QĐ/TU', successors: [successor('DUXAT', 'xã', 'Ân Thi', DISTRICTS_END, '1807-QĐ/TU', { share: 1, pace: [0.9, 0.72], quarterly: false, signer: ['Hoàng Văn Sơn', 'T/M BAN THƯỜNG VỤ', 'BÍ THƯ'], communes: [commune('Ân Thi'), commune('Xuân Trúc'), commune('Phạm Ngũ Lão'), commune('Nguyễn Trãi'), commune('Hồng Quang')] })] },
  TTCTKC: { decisionNumber: '1796-QĐ/TU', successors: [successor('DUXKC', 'xã', 'Khoái Châu', DISTRICTS_END, '1808-QĐ/TU', { share: 1, pace: [1.07, 1.05], quarterly: true, signer: ['Nguyễn Thị Thu Trang', 'T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ'], communes: [commune('Khoái Châu'), commune('Triệu Việt Vương'), commune('Việt Tiến'), commune('Chí Minh'), commune('Châu Ninh')] })] },
  TTCTKD: { decisionNumber: '1797-QĐ/TU', successors: [successor('DUXLB', 'xã', 'Lương Bằng', DISTRICTS_END, '1809-QĐ/TU', { share: 1, pace: [0.99, 0.97], quarterly: false, signer: ['Bùi Đức Thịnh', 'T/M BAN THƯỜNG VỤ', 'BÍ THƯ'], communes: [commune('Lương Bằng'), commune('Nghĩa Dân'), commune('Hiệp Cường'), commune('Đức Hợp')] })] },
  TTCTTL: { decisionNumber: '1798-QĐ/TU', successors: [successor('DUXTL', 'xã', 'Tiên Lữ', DISTRICTS_END, '1810-QĐ/TU', { share: 1, pace: [1.03, 1.04], quarterly: true, signer: ['Đặng Thị Hồng', 'T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ'], communes: [commune('Tiên Lữ'), commune('Tiên Hoa'), commune('Quang Hưng'), commune('Đoàn Đào')] })] },
  TTCTPC: { decisionNumber: '1799-QĐ/TU', successors: [successor('DUXPC', 'xã', 'Phù Cừ', DISTRICTS_END, '1811-QĐ/TU', { share: 1, pace: [0.93, 0.76], quarterly: false, signer: ['Ngô Văn Hải', 'T/M BAN THƯỜNG VỤ', 'BÍ THƯ'], communes: [commune('Phù Cừ'), commune('Tống Trân'), commune('Nguyễn Du')] })] },
};

/** How the units that ended in 2025 ran in the months they still had, against their amended plans. */
export const PACE_2025: Record<string, number> = {
  TTCTHY: 1.0, TTCTMH: 1.04, TTCTVL: 1.08, TTCTVG: 0.99, TTCTYM: 0.96, TTCTAT: 0.9, TTCTKC: 1.06, TTCTKD: 1.0, TTCTTL: 1.02, TTCTPC: 0.9,
  DUKCCQ: 1.0, DUKDN: 1.0,
};

/** Committees that go on through 2025 and 2026, and the new agencies committee: programme size and pace [2025, 2026]. */
export const CONTINUING: Record<string, { size: number; pace: [number, number]; quarterly: boolean }> = {
  DUCQD: { size: 2.2, pace: [1.02, 0.95], quarterly: true },
  DUQS: { size: 0.8, pace: [1.0, 1.0], quarterly: false },
  DUCA: { size: 0.9, pace: [1.04, 1.02], quarterly: true },
};

/** Member organisations from 2026, after the district police and military commands ended (assumed lists). */
export const ORGS_2026: Record<string, string[]> = {
  DUQS: ['Đảng bộ Cơ quan Bộ Chỉ huy Quân sự tỉnh', 'Đảng bộ Ban Chỉ huy Phòng thủ khu vực 1', 'Đảng bộ Ban Chỉ huy Phòng thủ khu vực 2', 'Đảng bộ Ban Chỉ huy Phòng thủ khu vực 3', 'Chi bộ Đại đội Bộ binh 1', 'Đảng bộ Trung đoàn 123'],
  DUCA: ['Đảng bộ Công an phường Phố Hiến', 'Đảng bộ Công an phường Mỹ Hào', 'Đảng bộ Công an xã Như Quỳnh', 'Đảng bộ Công an xã Văn Giang', 'Đảng bộ Công an xã Khoái Châu', 'Chi bộ Phòng Cảnh sát giao thông', 'Chi bộ Phòng Cảnh sát hình sự', 'Chi bộ Phòng Tham mưu'],
};

/**
 * A plan approved for the whole year is amended (a new version) to the months a unit still had, once its end
 * was decided: the centers plan the first half, the "khối" committees January and February. The choice keeps
 * them from showing as behind a plan they could never reach; the first version stays readable.
 */
export const AMENDMENTS: Record<string, { decidedOn: string; note: string }> = {
  center: { decidedOn: '2025-05-20', note: 'Điều chỉnh kế hoạch năm 2025: trung tâm kết thúc hoạt động từ ngày 01/07/2025 theo chủ trương sắp xếp tổ chức bộ máy.' },
  committee: { decidedOn: '2025-01-20', note: 'Điều chỉnh kế hoạch năm 2025: đảng ủy khối kết thúc hoạt động từ ngày 01/03/2025, chuyển nhiệm vụ về Đảng ủy các cơ quan Đảng tỉnh.' },
};
