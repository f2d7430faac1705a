import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id, lockVersion, tableOptions, timestamps } from './support/schema.js';

// Certificates keep the issuing unit's name and signer as they were on the day of issue.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'certificates', {
    id: id(),
    enrollment_id: fk('enrollments'),
    unit_id: fk('units'),
    year: { type: DataTypes.SMALLINT, allowNull: false },
    seq: { type: DataTypes.INTEGER, allowNull: false },
    number: { type: DataTypes.STRING(50), allowNull: false },
    issued_on: { type: DataTypes.DATEONLY, allowNull: false },
    unit_name: { type: DataTypes.STRING(255), allowNull: false },
    unit_parent_body: { type: DataTypes.STRING(255), allowNull: false },
    signer_name: { type: DataTypes.STRING(100), allowNull: false },
    signer_title: { type: DataTypes.STRING(100), allowNull: false },
    signer_authority: { type: DataTypes.STRING(100), allowNull: true },
    verify_code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
    status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'valid' },
    replaces_id: fk('certificates', { allowNull: true }),
    revoke_reason: { type: DataTypes.TEXT, allowNull: true },
    revoked_at: { type: DataTypes.DATE, allowNull: true },
    created_by: fk('users', { allowNull: true }),
    lock_version: lockVersion(),
    ...timestamps(),
  });
  await qi.addIndex('certificates', ['unit_id', 'year', 'seq'], { name: 'certificates_unit_year_seq', unique: true });
  await qi.addIndex('certificates', ['unit_id', 'year', 'number'], { name: 'certificates_unit_year_number', unique: true });
  await qi.addIndex('certificates', ['enrollment_id'], { name: 'certificates_enrollment' });
  // The last number issued per unit and year; issuing locks this row so numbers never repeat or skip.
  await qi.createTable(
    'certificate_counters',
    {
      unit_id: { ...fk('units'), primaryKey: true },
      year: { type: DataTypes.SMALLINT, allowNull: false, primaryKey: true },
      last_seq: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      ...timestamps(),
    },
    tableOptions,
  );
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('certificate_counters');
  await qi.dropTable('certificates');
};
