import type { MigrationFn } from 'umzug';
import type { SeedContext } from '../server/db/migrator.js';

// The eight programs of DOMAIN.md. Grade thresholds and the attendance share are the assumed defaults,
// kept as data so the board can change them per program.
type Row = [code: string, name: string, category: string, usual: number, min: number, max: number, assessment: string, rule: string, credential: string | null];

const ROWS: Row[] = [
  ['NTVD', 'Bồi dưỡng nhận thức về Đảng', 'boi-duong-llct', 5, 4, 8, 'test', 'score', 'Giấy chứng nhận'],
  ['DVM', 'Bồi dưỡng lý luận chính trị dành cho đảng viên mới', 'boi-duong-llct', 7, 5, 7, 'essay', 'score', 'Giấy chứng nhận'],
  ['SCLLCT', 'Sơ cấp lý luận chính trị', 'dao-tao', 30, 25, 40, 'exam', 'score', 'Bằng sơ cấp lý luận chính trị'],
  ['LSD', 'Chuyên đề lịch sử Đảng', 'boi-duong-llct', 5, 3, 5, 'essay', 'score', 'Giấy chứng nhận'],
  ['CDHCM', 'Chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh', 'boi-duong-llct', 2, 1, 3, 'none', 'attendance', null],
  ['NVCTD', 'Bồi dưỡng nghiệp vụ công tác Đảng (bí thư chi bộ, cấp ủy viên cơ sở)', 'boi-duong-nv', 2, 2, 3, 'attendance', 'attendance', 'Giấy chứng nhận'],
  ['NVMTDT', 'Bồi dưỡng nghiệp vụ công tác Mặt trận, đoàn thể, dân vận', 'boi-duong-nv', 4, 3, 5, 'attendance', 'attendance', 'Giấy chứng nhận'],
  ['CNKT', 'Cập nhật kiến thức, học tập nghị quyết', 'boi-duong-nv', 2, 1, 3, 'none', 'attendance', null],
];

export const up: MigrationFn<SeedContext> = async ({ context: { queryInterface } }) => {
  const now = new Date();
  await queryInterface.bulkInsert(
    'programs',
    ROWS.map(([code, name, category, usual, min, max, assessment, rule, credential], index) => ({
      code,
      name,
      category,
      usual_days: usual,
      min_days: min,
      max_days: max,
      assessment,
      completion_rule: rule,
      credential,
      grade_excellent: 9.0,
      grade_good: 8.0,
      grade_fair: 7.0,
      grade_pass: 5.0,
      min_attendance: 0.8,
      sort_order: index,
      active: true,
      created_at: now,
      updated_at: now,
    })),
  );
};

export const down: MigrationFn<SeedContext> = async ({ context: { queryInterface } }) => {
  await queryInterface.bulkDelete('programs', {});
};
