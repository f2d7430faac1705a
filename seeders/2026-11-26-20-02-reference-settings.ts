import type { MigrationFn } from 'umzug';
import type { SeedContext } from '../server/db/migrator.js';

// Province-wide settings the reports read. Each value is JSON.
const SETTINGS: Record<string, unknown> = {
  'province.name': 'Hưng Yên',
  'report.recipients': [
    'Ban Tuyên giáo Trung ương',
    'Thường trực Tỉnh ủy',
    'Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy',
    'Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy',
    'Các trung tâm chính trị cấp huyện',
    'Lưu Văn phòng Ban',
  ],
  'report.lagging_threshold': 0.15,
};

export const up: MigrationFn<SeedContext> = async ({ context: { queryInterface } }) => {
  const now = new Date();
  await queryInterface.bulkInsert(
    'settings',
    Object.entries(SETTINGS).map(([key, value]) => ({ key, value: JSON.stringify(value), created_at: now, updated_at: now })),
  );
};

export const down: MigrationFn<SeedContext> = async ({ context: { queryInterface } }) => {
  await queryInterface.bulkDelete('settings', { key: Object.keys(SETTINGS) });
};
