import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id, lockVersion, timestamps } from './support/schema.js';

// One row per person across all units; the citizen ID, when present, identifies the person.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'trainees', {
    id: id(),
    full_name: { type: DataTypes.STRING(150), allowNull: false },
    // Lower-case, accent-free copy of full_name, so "nguyen thi hang" finds "Nguyễn Thị Hằng" on every database.
    search_name: { type: DataTypes.STRING(150), allowNull: false },
    birth_date: { type: DataTypes.DATEONLY, allowNull: true },
    birth_year: { type: DataTypes.SMALLINT, allowNull: true },
    gender: { type: DataTypes.STRING(8), allowNull: true },
    ethnicity: { type: DataTypes.STRING(50), allowNull: true },
    religion: { type: DataTypes.STRING(50), allowNull: true },
    national_id: { type: DataTypes.STRING(12), allowNull: true, unique: true },
    hometown: { type: DataTypes.STRING(255), allowNull: true },
    address: { type: DataTypes.STRING(255), allowNull: true },
    phone: { type: DataTypes.STRING(20), allowNull: true },
    email: { type: DataTypes.STRING(150), allowNull: true },
    education_level: { type: DataTypes.STRING(50), allowNull: true },
    professional_level: { type: DataTypes.STRING(100), allowNull: true },
    theory_level: { type: DataTypes.STRING(50), allowNull: true },
    position: { type: DataTypes.STRING(150), allowNull: true },
    workplace: { type: DataTypes.STRING(255), allowNull: true },
    party_status: { type: DataTypes.STRING(16), allowNull: true },
    party_joined_on: { type: DataTypes.DATEONLY, allowNull: true },
    party_official_on: { type: DataTypes.DATEONLY, allowNull: true },
    created_by_unit_id: fk('units', { allowNull: true }),
    lock_version: lockVersion(),
    ...timestamps(),
  });
  await qi.addIndex('trainees', ['search_name'], { name: 'trainees_search_name' });
  await qi.addIndex('trainees', ['birth_year'], { name: 'trainees_birth_year' });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('trainees');
};
