import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id, timestamps } from './support/schema.js';

// An uploaded roster or results file waiting between its preview and its commit: the bytes are kept here (not in
// the session, not on one server's disk) for a day at most. One row per user, course, kind and file.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'import_uploads', {
    id: id(),
    user_id: fk('users', { onDelete: 'CASCADE' }),
    course_id: fk('courses', { onDelete: 'CASCADE' }),
    kind: { type: DataTypes.STRING(16), allowNull: false },
    file_name: { type: DataTypes.STRING(255), allowNull: false },
    file_sha256: { type: DataTypes.STRING(64), allowNull: false },
    byte_size: { type: DataTypes.INTEGER, allowNull: false },
    // MEDIUMBLOB on MariaDB (up to 16 MB); uploads are at most 5 MB.
    content: { type: DataTypes.BLOB('medium'), allowNull: false },
    ...timestamps(),
  });
  await qi.addIndex('import_uploads', ['user_id', 'course_id', 'kind', 'file_sha256'], { name: 'import_uploads_file', unique: true });
  await qi.addIndex('import_uploads', ['created_at'], { name: 'import_uploads_created' });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('import_uploads');
};
