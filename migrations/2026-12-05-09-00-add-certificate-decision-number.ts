import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';

// The number of the decision (quyết định) a certificate was issued under, as the unit types it when issuing
// ("15/QĐ-TTCT"); printed on the certificate and kept in the register. Optional: many units issue without one.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.addColumn('certificates', 'decision_number', { type: DataTypes.STRING(60), allowNull: true });
};

// Plain DROP COLUMN, as for reissue_reason (the self-reference replaces_id makes a SQLite table rebuild risky).
export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query('ALTER TABLE certificates DROP COLUMN decision_number');
};
