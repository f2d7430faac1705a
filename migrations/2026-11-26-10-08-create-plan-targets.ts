import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id, timestamps } from './support/schema.js';

const count = (allowNull: boolean) => ({ type: DataTypes.INTEGER, allowNull });

// One target per program in a plan: the year's courses and trainees, optionally split by quarter.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'plan_targets', {
    id: id(),
    plan_id: fk('plans', { onDelete: 'CASCADE' }),
    program_id: fk('programs'),
    planned_courses: count(false),
    planned_trainees: count(false),
    q1_courses: count(true),
    q2_courses: count(true),
    q3_courses: count(true),
    q4_courses: count(true),
    q1_trainees: count(true),
    q2_trainees: count(true),
    q3_trainees: count(true),
    q4_trainees: count(true),
    ...timestamps(),
  });
  await qi.addIndex('plan_targets', ['plan_id', 'program_id'], { name: 'plan_targets_plan_program', unique: true });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('plan_targets');
};
