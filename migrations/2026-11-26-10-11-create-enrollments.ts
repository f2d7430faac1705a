import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { createTable, fk, id, lockVersion, timestamps } from './support/schema.js';

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await createTable(qi, 'enrollments', {
    id: id(),
    course_id: fk('courses'),
    trainee_id: fk('trainees'),
    sending_org: { type: DataTypes.STRING(255), allowNull: true },
    // Share of sessions attended, 0–1.
    attendance: { type: DataTypes.DECIMAL(4, 3), allowNull: true },
    score: { type: DataTypes.DECIMAL(3, 1), allowNull: true },
    grade: { type: DataTypes.STRING(12), allowNull: true },
    status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'enrolled' },
    withdraw_reason: { type: DataTypes.TEXT, allowNull: true },
    withdrawn_at: { type: DataTypes.DATE, allowNull: true },
    import_batch_id: fk('import_batches', { allowNull: true }),
    lock_version: lockVersion(),
    ...timestamps(),
  });
  await qi.addIndex('enrollments', ['course_id', 'trainee_id'], { name: 'enrollments_course_trainee', unique: true });
  await qi.addIndex('enrollments', ['trainee_id'], { name: 'enrollments_trainee' });
  // Covers the report aggregates (counts by status and grade per course) without touching the rows.
  await qi.addIndex('enrollments', ['course_id', 'status', 'grade', 'score'], { name: 'enrollments_course_result' });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.dropTable('enrollments');
};
