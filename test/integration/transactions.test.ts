import { expect } from 'chai';
import { Course } from '../../server/db/models.js';
import { forUpdate, inTransaction } from '../../server/db/transaction.js';
import { makeCourse } from '../helpers/factories.js';
import { testDb } from '../helpers/db.js';

describe('transactions under load', () => {
  it('when many transactions run at the same moment, then each completes in turn and no update is lost', async function () {
    this.timeout(20_000);
    const course = await makeCourse({ capacity: 1 });
    const sequelize = testDb().sequelize;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 16 }, () =>
        inTransaction(sequelize, async (transaction) => {
          const row = (await Course.findByPk(course.id, forUpdate(transaction)))!;
          await new Promise((resolve) => setTimeout(resolve, 5));
          await row.update({ capacity: row.capacity + 1 }, { transaction });
        }),
      ),
    );
    expect((await Course.findByPk(course.id))!.capacity).to.equal(17);
    // Stalled SQLite transactions would only come free at the 15-second busy timeout.
    expect(Date.now() - started).to.be.below(10_000);
  });
});
