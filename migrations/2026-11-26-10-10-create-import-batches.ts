import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id, timestamps } from './support/schema.js';

// A committed roster or results file. The unique file hash per course makes a second commit of the same file a no-op.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'import_batches', {
    id: id(),
    unit_id: fk('units'),
    course_id: fk('courses'),
    user_id: fk('users', { allowNull: true }),
    kind: { type: DataTypes.STRING(16), allowNull: false },
    file_name: { type: DataTypes.STRING(255), allowNull: false },
    file_sha256: { type: DataTypes.STRING(64), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    row_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    created_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    matched_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    ...timestamps(),
  });
  await qi.addIndex('import_batches', ['course_id', 'kind', 'file_sha256'], { name: 'import_batches_course_file', unique: true });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('import_batches');
};
