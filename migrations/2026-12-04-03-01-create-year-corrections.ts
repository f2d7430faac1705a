import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id, lockVersion, timestamps } from './support/schema.js';

// Đề nghị điều chỉnh số liệu năm đã khóa sổ: one concrete change to a course or an enrollment of a closed year,
// with its reason, waiting for the board. `changes` is the JSON of the fields asked for, `before_data` what they
// held when asked, `base_version` the record's lock_version then (a record changed meanwhile refuses the approval).
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'year_corrections', {
    id: id(),
    unit_id: fk('units'),
    year: { type: DataTypes.INTEGER, allowNull: false },
    course_id: fk('courses'),
    target_type: { type: DataTypes.STRING(16), allowNull: false },
    target_id: { type: DataTypes.INTEGER, allowNull: false },
    change_kind: { type: DataTypes.STRING(16), allowNull: false },
    changes: { type: DataTypes.TEXT, allowNull: false },
    before_data: { type: DataTypes.TEXT, allowNull: false },
    base_version: { type: DataTypes.INTEGER, allowNull: false },
    reason: { type: DataTypes.TEXT, allowNull: false },
    status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'pending' },
    requested_by: fk('users', { allowNull: true }),
    decided_by: fk('users', { allowNull: true }),
    decided_at: { type: DataTypes.DATE, allowNull: true },
    decision_note: { type: DataTypes.TEXT, allowNull: true },
    lock_version: lockVersion(),
    ...timestamps(),
  });
  await qi.addIndex('year_corrections', ['unit_id', 'status', 'created_at'], { name: 'year_corrections_unit_status' });
  await qi.addIndex('year_corrections', ['status', 'created_at'], { name: 'year_corrections_status' });
  await qi.addIndex('year_corrections', ['target_type', 'target_id'], { name: 'year_corrections_target' });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('year_corrections');
};
