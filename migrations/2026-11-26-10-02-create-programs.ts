import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, id, timestamps } from './support/schema.js';

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'programs', {
    id: id(),
    code: { type: DataTypes.STRING(20), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(255), allowNull: false },
    category: { type: DataTypes.STRING(20), allowNull: false },
    usual_days: { type: DataTypes.INTEGER, allowNull: false },
    min_days: { type: DataTypes.INTEGER, allowNull: false },
    max_days: { type: DataTypes.INTEGER, allowNull: false },
    // How the course assesses (exam, essay, test, attendance, none) and what decides completion (score, attendance).
    assessment: { type: DataTypes.STRING(16), allowNull: false },
    completion_rule: { type: DataTypes.STRING(16), allowNull: false },
    credential: { type: DataTypes.STRING(100), allowNull: true },
    grade_excellent: { type: DataTypes.DECIMAL(3, 1), allowNull: false, defaultValue: 9.0 },
    grade_good: { type: DataTypes.DECIMAL(3, 1), allowNull: false, defaultValue: 8.0 },
    grade_fair: { type: DataTypes.DECIMAL(3, 1), allowNull: false, defaultValue: 7.0 },
    grade_pass: { type: DataTypes.DECIMAL(3, 1), allowNull: false, defaultValue: 5.0 },
    min_attendance: { type: DataTypes.DECIMAL(4, 3), allowNull: false, defaultValue: 0.8 },
    sort_order: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    ...timestamps(),
  });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('programs');
};
