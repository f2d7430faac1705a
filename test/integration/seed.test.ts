import { expect } from 'chai';
import { QueryTypes, type Sequelize } from 'sequelize';
import { migrate, seed, seeder, type Database } from '../../server/db/index.js';
import { createSequelize, dialectOf } from '../../server/db/sequelize.js';
import { scratchDatabaseUrl } from '../helpers/db.js';

async function count(sequelize: Sequelize, sql: string): Promise<number> {
  const [row] = await sequelize.query<{ n: number | string }>(sql, { type: QueryTypes.SELECT });
  return Number(row!.n);
}

describe('seed data', () => {
  let db: Database;
  let cleanup: () => void;

  before(async function () {
    this.timeout(300_000);
    const scratch = await scratchDatabaseUrl('seed');
    cleanup = scratch.cleanup;
    const sequelize = createSequelize({ url: scratch.url });
    db = { sequelize, dialect: dialectOf(scratch.url), close: () => sequelize.close() };
    await migrate(db);
    const result = await seed(db, { demo: true, scryptLogN: 10 });
    expect(result.demo).to.have.length(1);
  });

  after(async () => {
    await db.close();
    cleanup();
  });

  it('when seeded, then the 14 units that train, the board and the 8 programs are there', async () => {
    const s = db.sequelize;
    expect(await count(s, "SELECT COUNT(*) AS n FROM units WHERE kind IN ('center', 'committee')")).to.equal(14);
    expect(await count(s, "SELECT COUNT(*) AS n FROM units WHERE kind = 'center'")).to.equal(10);
    expect(await count(s, "SELECT COUNT(*) AS n FROM units WHERE kind = 'board'")).to.equal(1);
    expect(await count(s, 'SELECT COUNT(*) AS n FROM programs')).to.equal(8);
    const [vanLam] = await s.query<{ name: string }>("SELECT name FROM units WHERE code = 'TTCTVL'", { type: QueryTypes.SELECT });
    expect(vanLam!.name).to.equal('Trung tâm Chính trị huyện Văn Lâm');
  });

  it('when seeded with demo data, then every unit has an approved 2023 and 2024 plan', async () => {
    for (const year of [2023, 2024]) {
      const n = await count(
        db.sequelize,
        `SELECT COUNT(DISTINCT p.unit_id) AS n FROM plans p JOIN units u ON u.id = p.unit_id
          WHERE p.year = ${year} AND p.status = 'approved' AND u.kind <> 'board'`,
      );
      expect(n, `approved plans in ${year}`).to.equal(14);
    }
  });

  it('when seeded with demo data, then courses and enrollments are at the published scale', async () => {
    const courses = await count(db.sequelize, 'SELECT COUNT(*) AS n FROM courses');
    const enrollments = await count(db.sequelize, 'SELECT COUNT(*) AS n FROM enrollments');
    expect(courses).to.be.within(550, 650);
    expect(enrollments).to.be.within(45_000, 60_000);
    const sizes = await db.sequelize.query<{ lo: number; hi: number }>(
      `SELECT MIN(n) AS lo, MAX(n) AS hi FROM (SELECT COUNT(*) AS n FROM enrollments GROUP BY course_id) AS sizes`,
      { type: QueryTypes.SELECT },
    );
    expect(Number(sizes[0]!.lo)).to.be.at.least(30);
    expect(Number(sizes[0]!.hi)).to.be.at.most(140);
  });

  it('when seeded with demo data, then completion is 90–98% and khá–giỏi around 85% of scored results', async () => {
    const [row] = await db.sequelize.query<{ finished: number; completed: number; scored: number; good: number }>(
      `SELECT COUNT(*) AS finished,
              SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) AS completed,
              SUM(CASE WHEN score IS NOT NULL THEN 1 ELSE 0 END) AS scored,
              SUM(CASE WHEN grade IN ('excellent', 'good', 'fair') THEN 1 ELSE 0 END) AS good
         FROM enrollments`,
      { type: QueryTypes.SELECT },
    );
    const completion = Number(row!.completed) / Number(row!.finished);
    const goodRate = Number(row!.good) / Number(row!.scored);
    expect(completion).to.be.within(0.9, 0.98);
    expect(goodRate).to.be.within(0.8, 0.92);
  });

  it('when seeded with demo data, then every completed enrollment of a certifying program has one certificate', async () => {
    const missing = await count(
      db.sequelize,
      `SELECT COUNT(*) AS n FROM enrollments e JOIN courses c ON c.id = e.course_id JOIN programs p ON p.id = c.program_id
        WHERE e.status = 'completed' AND p.credential IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM certificates ce WHERE ce.enrollment_id = e.id)`,
    );
    expect(missing).to.equal(0);
    const gaps = await count(
      db.sequelize,
      `SELECT COUNT(*) AS n FROM certificate_counters k
        WHERE k.last_seq <> (SELECT COUNT(*) FROM certificates ce WHERE ce.unit_id = k.unit_id AND ce.year = k.year)`,
    );
    expect(gaps, 'numbers run 1..n without gaps').to.equal(0);
  });

  it('when seeded with demo data, then names are Vietnamese, accented and stored as NFC', async () => {
    const rows = await db.sequelize.query<{ full_name: string }>('SELECT full_name FROM trainees ORDER BY id LIMIT 200', { type: QueryTypes.SELECT });
    expect(rows.some((r) => /[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]/i.test(r.full_name))).to.equal(true);
    expect(rows.every((r) => r.full_name === r.full_name.normalize('NFC'))).to.equal(true);
  });

  it('when seeded with demo data, then the demo accounts exist: one admin, one per unit, several trainees', async () => {
    expect(await count(db.sequelize, "SELECT COUNT(*) AS n FROM users WHERE role = 'admin'")).to.equal(1);
    expect(await count(db.sequelize, "SELECT COUNT(DISTINCT unit_id) AS n FROM users WHERE role = 'center'")).to.equal(14);
    const trainees = await count(db.sequelize, "SELECT COUNT(*) AS n FROM users WHERE role = 'trainee' AND trainee_id IS NOT NULL");
    expect(trainees).to.be.at.least(3);
  });

  it('when the seeders run a second time, then nothing is added twice', async () => {
    const before = await count(db.sequelize, 'SELECT (SELECT COUNT(*) FROM units) + (SELECT COUNT(*) FROM courses) + (SELECT COUNT(*) FROM users) AS n');
    const again = await seed(db, { demo: true, scryptLogN: 10 });
    expect(again.reference).to.deep.equal([]);
    expect(again.demo).to.deep.equal([]);
    const after = await count(db.sequelize, 'SELECT (SELECT COUNT(*) FROM units) + (SELECT COUNT(*) FROM courses) + (SELECT COUNT(*) FROM users) AS n');
    expect(after).to.equal(before);
    expect(await seeder(db.sequelize, 'demo', { scryptLogN: 10 }).executed()).to.have.length(1);
  });
});

describe('demo data and real data', () => {
  it('when the database already holds records, then demo data is not seeded into it', async function () {
    this.timeout(60_000);
    const scratch = await scratchDatabaseUrl('nodemo');
    const sequelize = createSequelize({ url: scratch.url });
    const db: Database = { sequelize, dialect: dialectOf(scratch.url), close: () => sequelize.close() };
    try {
      await migrate(db);
      await seed(db, { demo: false, scryptLogN: 10 });
      const now = new Date();
      await sequelize.getQueryInterface().bulkInsert('users', [
        { username: 'real-admin', full_name: 'Quản trị', role: 'admin', password_hash: null, created_at: now, updated_at: now },
      ]);
      const result = await seed(db, { demo: true, scryptLogN: 10 });
      expect(result.demoSkipped).to.equal('not-empty');
      expect(await count(sequelize, 'SELECT COUNT(*) AS n FROM courses')).to.equal(0);
    } finally {
      await db.close();
      scratch.cleanup();
    }
  });
});
