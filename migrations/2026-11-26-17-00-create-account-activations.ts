import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id, timestamps } from './support/schema.js';

// One pending activation code per trainee account. Only a keyed hash of the code is kept; the row goes
// away when the code is used, and a new code replaces it.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'account_activations', {
    id: id(),
    user_id: { ...fk('users', { onDelete: 'CASCADE' }), unique: true },
    code_hash: { type: DataTypes.STRING(64), allowNull: false },
    expires_at: { type: DataTypes.DATE, allowNull: false },
    // Wrong codes typed against this account; at the limit the code stops working even when right.
    failed_attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    issued_by: fk('users', { allowNull: true }),
    ...timestamps(),
  });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('account_activations');
};
