import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, timestamps } from './support/schema.js';

// express-session's store (connect-session-sequelize). user_id lets an admin end a disabled user's sessions.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'sessions', {
    sid: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    expires: { type: DataTypes.DATE, allowNull: true },
    data: { type: DataTypes.TEXT, allowNull: true },
    user_id: fk('users', { allowNull: true, onDelete: 'CASCADE' }),
    ...timestamps(),
  });
  await qi.addIndex('sessions', ['expires'], { name: 'sessions_expires' });
  await qi.addIndex('sessions', ['user_id'], { name: 'sessions_user' });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('sessions');
};
