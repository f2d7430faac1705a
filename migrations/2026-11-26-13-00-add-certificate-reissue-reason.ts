import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';

// Why a certificate was re-issued ("mất bản gốc", "sai họ tên"), kept on the new certificate beside the
// link to the one it replaces, so the register answers the question without digging in the audit log.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.addColumn('certificates', 'reissue_reason', { type: DataTypes.TEXT, allowNull: true });
};

// Plain DROP COLUMN (SQLite ≥ 3.35, MySQL): Sequelize's SQLite removeColumn rebuilds the table, which the
// self-reference replaces_id makes needlessly risky.
export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query('ALTER TABLE certificates DROP COLUMN reissue_reason');
};
