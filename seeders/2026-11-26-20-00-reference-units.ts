import type { MigrationFn } from 'umzug';
import type { SeedContext } from '../server/db/migrator.js';

// The provincial board and the 14 units that run courses (DOMAIN.md, "Units"). Signer names are left
// empty: each unit fills its own in the unit settings before issuing certificates.
type Row = [code: string, kind: string, name: string, shortName: string, parentBody: string, headerName: string, place: string, title: string];

const ROWS: Row[] = [
  ['BTGTU', 'board', 'Ban Tuyên giáo Tỉnh ủy Hưng Yên', 'Ban Tuyên giáo Tỉnh ủy', 'TỈNH ỦY HƯNG YÊN', 'BAN TUYÊN GIÁO', 'Hưng Yên', 'TRƯỞNG BAN'],
  ['TTCTHY', 'center', 'Trung tâm Chính trị thành phố Hưng Yên', 'Thành phố Hưng Yên', 'THÀNH ỦY HƯNG YÊN', 'TRUNG TÂM CHÍNH TRỊ', 'Hưng Yên', 'GIÁM ĐỐC'],
  ['TTCTMH', 'center', 'Trung tâm Chính trị thị xã Mỹ Hào', 'Thị xã Mỹ Hào', 'THỊ ỦY MỸ HÀO', 'TRUNG TÂM CHÍNH TRỊ', 'Mỹ Hào', 'GIÁM ĐỐC'],
  ['TTCTVL', 'center', 'Trung tâm Chính trị huyện Văn Lâm', 'Huyện Văn Lâm', 'HUYỆN ỦY VĂN LÂM', 'TRUNG TÂM CHÍNH TRỊ', 'Văn Lâm', 'GIÁM ĐỐC'],
  ['TTCTVG', 'center', 'Trung tâm Chính trị huyện Văn Giang', 'Huyện Văn Giang', 'HUYỆN ỦY VĂN GIANG', 'TRUNG TÂM CHÍNH TRỊ', 'Văn Giang', 'GIÁM ĐỐC'],
  ['TTCTYM', 'center', 'Trung tâm Chính trị huyện Yên Mỹ', 'Huyện Yên Mỹ', 'HUYỆN ỦY YÊN MỸ', 'TRUNG TÂM CHÍNH TRỊ', 'Yên Mỹ', 'GIÁM ĐỐC'],
  ['TTCTAT', 'center', 'Trung tâm Chính trị huyện Ân Thi', 'Huyện Ân Thi', 'HUYỆN ỦY ÂN THI', 'TRUNG TÂM CHÍNH TRỊ', 'Ân Thi', 'GIÁM ĐỐC'],
  ['TTCTKC', 'center', 'Trung tâm Chính trị huyện Khoái Châu', 'Huyện Khoái Châu', 'HUYỆN ỦY KHOÁI CHÂU', 'TRUNG TÂM CHÍNH TRỊ', 'Khoái Châu', 'GIÁM ĐỐC'],
  ['TTCTKD', 'center', 'Trung tâm Chính trị huyện Kim Động', 'Huyện Kim Động', 'HUYỆN ỦY KIM ĐỘNG', 'TRUNG TÂM CHÍNH TRỊ', 'Kim Động', 'GIÁM ĐỐC'],
  ['TTCTTL', 'center', 'Trung tâm Chính trị huyện Tiên Lữ', 'Huyện Tiên Lữ', 'HUYỆN ỦY TIÊN LỮ', 'TRUNG TÂM CHÍNH TRỊ', 'Tiên Lữ', 'GIÁM ĐỐC'],
  ['TTCTPC', 'center', 'Trung tâm Chính trị huyện Phù Cừ', 'Huyện Phù Cừ', 'HUYỆN ỦY PHÙ CỪ', 'TRUNG TÂM CHÍNH TRỊ', 'Phù Cừ', 'GIÁM ĐỐC'],
  ['DUKCCQ', 'committee', 'Đảng ủy Khối các cơ quan tỉnh', 'Khối các cơ quan tỉnh', 'TỈNH ỦY HƯNG YÊN', 'ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH', 'Hưng Yên', 'BÍ THƯ'],
  ['DUKDN', 'committee', 'Đảng ủy Khối Doanh nghiệp tỉnh', 'Khối Doanh nghiệp tỉnh', 'TỈNH ỦY HƯNG YÊN', 'ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH', 'Hưng Yên', 'BÍ THƯ'],
  ['DUQS', 'committee', 'Đảng ủy Quân sự tỉnh', 'Quân sự tỉnh', 'TỈNH ỦY HƯNG YÊN', 'ĐẢNG ỦY QUÂN SỰ TỈNH', 'Hưng Yên', 'BÍ THƯ'],
  ['DUCA', 'committee', 'Đảng ủy Công an tỉnh', 'Công an tỉnh', 'TỈNH ỦY HƯNG YÊN', 'ĐẢNG ỦY CÔNG AN TỈNH', 'Hưng Yên', 'BÍ THƯ'],
];

export const up: MigrationFn<SeedContext> = async ({ context: { queryInterface } }) => {
  const now = new Date();
  await queryInterface.bulkInsert(
    'units',
    ROWS.map(([code, kind, name, shortName, parentBody, headerName, place, title], index) => ({
      code,
      kind,
      name,
      short_name: shortName,
      parent_body: parentBody,
      header_name: headerName,
      symbol: code,
      place,
      signer_name: null,
      signer_title: title,
      signer_authority: null,
      sort_order: index,
      valid_from: '2020-01-01',
      valid_to: null,
      lock_version: 0,
      created_at: now,
      updated_at: now,
    })),
  );
  // Mỹ Hào became a thị xã on 1 January 2020 (Nghị quyết 818/NQ-UBTVQH14): its centre kept its records.
  const [[myHao]] = (await queryInterface.sequelize.query("SELECT id FROM units WHERE code = 'TTCTMH'")) as [Array<{ id: number }>, unknown];
  await queryInterface.bulkInsert('unit_events', [
    {
      unit_id: myHao!.id,
      kind: 'rename',
      effective_date: '2020-01-01',
      decision_number: '818/NQ-UBTVQH14',
      old_name: 'Trung tâm Bồi dưỡng chính trị huyện Mỹ Hào',
      new_name: 'Trung tâm Chính trị thị xã Mỹ Hào',
      note: 'Huyện Mỹ Hào thành thị xã Mỹ Hào.',
      created_at: now,
      updated_at: now,
    },
  ]);
};

export const down: MigrationFn<SeedContext> = async ({ context: { queryInterface } }) => {
  await queryInterface.bulkDelete('unit_events', {});
  await queryInterface.bulkDelete('units', {});
};
