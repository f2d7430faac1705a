// Root hooks: one real database per test run, built by the migrations (never sync()), with reference data.
// SQLite in a temporary file by default; TEST_DATABASE_URL=mysql://… runs the same suite on MariaDB.
import { after, before } from 'mocha';
import { closeTestDatabase, openTestDatabase } from './helpers/db.js';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(120_000);
    await openTestDatabase();
  },
  async afterAll() {
    await closeTestDatabase();
  },
};

// Keep the imports used so a stray `before`/`after` from mocha is not flagged.
void after;
void before;
