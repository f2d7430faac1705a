// Root hooks: one real database per test run, built by the migrations (never sync()), with reference data.
// SQLite in a temporary file by default; TEST_DATABASE_URL=mysql://… runs the same suite on MariaDB.
import { after, before } from 'mocha';
import { describeDifference, verifySummaries } from '../server/summaries/index.js';
import { closeTestDatabase, openTestDatabase, testDb } from './helpers/db.js';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(120_000);
    await openTestDatabase();
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(120_000);
    // Issue #12: after every test has written what it wrote, the summaries (courses, persons) still equal a full recount.
    const differences = await verifySummaries(testDb().sequelize);
    await closeTestDatabase();
    if (differences.length > 0) {
      throw new Error(`Summaries differ from a recount (${differences.length}):\n${differences.slice(0, 20).map(describeDifference).join('\n')}`);
    }
  },
};

// Keep the imports used so a stray `before`/`after` from mocha is not flagged.
void after;
void before;
