import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id, timestamps } from './support/schema.js';

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'users', {
    id: id(),
    username: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    // Null until a trainee account is activated: such an account cannot sign in.
    password_hash: { type: DataTypes.STRING(255), allowNull: true },
    full_name: { type: DataTypes.STRING(150), allowNull: false },
    email: { type: DataTypes.STRING(150), allowNull: true },
    role: { type: DataTypes.STRING(16), allowNull: false },
    unit_id: fk('units', { allowNull: true }),
    trainee_id: { ...fk('trainees', { allowNull: true }), unique: true },
    locale: { type: DataTypes.STRING(5), allowNull: true },
    disabled_at: { type: DataTypes.DATE, allowNull: true },
    last_login_at: { type: DataTypes.DATE, allowNull: true },
    password_changed_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps(),
  });
  await qi.addIndex('users', ['role', 'unit_id'], { name: 'users_role_unit' });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('users');
};
