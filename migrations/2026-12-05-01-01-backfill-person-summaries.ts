import type { QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { computed, KEY } from './2026-12-05-01-00-create-person-summaries.js';

// Data: the persons' days and their counts for what the database already holds (the triggers keep them from
// here on). The same recount as `npm run db:rebuild-summaries`, frozen with the triggers' SQL.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.transaction(async (transaction) => {
    await qi.sequelize.query('DELETE FROM person_counts', { transaction });
    await qi.sequelize.query('DELETE FROM person_days', { transaction });
    await qi.sequelize.query(`INSERT INTO person_days (trainee_id, ${KEY}) SELECT trainee_id, ${KEY} FROM (${computed('1 = 1')}) r`, { transaction });
    await qi.sequelize.query(`INSERT INTO person_counts (${KEY}, n) SELECT ${KEY}, COUNT(*) FROM person_days GROUP BY ${KEY}`, { transaction });
  });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query('DELETE FROM person_counts');
  await qi.sequelize.query('DELETE FROM person_days');
};
