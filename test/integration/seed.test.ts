import { expect } from 'chai';
import { QueryTypes, type Sequelize } from 'sequelize';
import { migrate, seed, seeder, type Database } from '../../server/db/index.js';
import { createSequelize, dialectOf } from '../../server/db/sequelize.js';
import { CENTER_SUCCESSORS, DEMO_TODAY } from '../../seeders/support/units-2025.js';
import { scratchDatabaseUrl } from '../helpers/db.js';

async function count(sequelize: Sequelize, sql: string, replacements: Record<string, unknown> = {}): Promise<number> {
  const [row] = await sequelize.query<{ n: number | string }>(sql, { type: QueryTypes.SELECT, replacements });
  return Number(row!.n);
}

const rows = <T extends object>(sequelize: Sequelize, sql: string, replacements: Record<string, unknown> = {}) =>
  sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });

const DEMO_SEEDERS = ['2026-11-26-21-00-demo-data', '2026-12-03-21-00-demo-units-to-today', '2026-12-04-03-00-demo-close-2023'];

describe('seed data', () => {
  let db: Database;
  let cleanup: () => void;

  before(async function () {
    this.timeout(300_000);
    const scratch = await scratchDatabaseUrl('seed');
    cleanup = scratch.cleanup;
    const sequelize = createSequelize({ url: scratch.url });
    db = { sequelize, reports: sequelize, dialect: dialectOf(scratch.url), close: () => sequelize.close() };
    await migrate(db);
    const result = await seed(db, { demo: true, scryptLogN: 10 });
    expect(result.demo).to.deep.equal(DEMO_SEEDERS);
  });

  after(async () => {
    await db.close();
    cleanup();
  });

  it('when seeded, then the 14 units that trained in 2024, the board and the 8 programs are there', async () => {
    const s = db.sequelize;
    expect(await count(s, "SELECT COUNT(*) AS n FROM units WHERE kind IN ('center', 'committee') AND valid_from <= '2024-12-31'")).to.equal(14);
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

  it('when seeded with demo data, then 2023 is closed for the whole province (audited) and later years are open', async () => {
    const closings = await rows<{ year: number; unit_id: number | null; active_key: string }>(db.sequelize, 'SELECT year, unit_id, active_key FROM year_closings WHERE reopened_at IS NULL');
    expect(closings.map((c) => [Number(c.year), c.unit_id, c.active_key])).to.deep.equal([[2023, null, '2023:*']]);
    expect(await count(db.sequelize, "SELECT COUNT(*) AS n FROM audit_logs WHERE entity_type = 'year_closing' AND action = 'close'")).to.equal(1);
  });

  it('when seeded with demo data, then every year has courses and enrollments at the published scale', async () => {
    const years = await rows<{ y: string; courses: number; enrollments: number }>(
      db.sequelize,
      `SELECT SUBSTR(c.start_date, 1, 4) AS y, COUNT(DISTINCT c.id) AS courses, COUNT(e.id) AS enrollments
         FROM courses c LEFT JOIN enrollments e ON e.course_id = c.id GROUP BY SUBSTR(c.start_date, 1, 4) ORDER BY y`,
    );
    expect(years.map((y) => y.y)).to.deep.equal(['2023', '2024', '2025', '2026']);
    for (const y of years.slice(0, 3)) {
      expect(Number(y.courses), `courses in ${y.y}`).to.be.within(270, 330);
      expect(Number(y.enrollments), `enrollments in ${y.y}`).to.be.within(24_000, 30_000);
    }
    // 2026 runs to the demo's "today": the courses after it are planned, most without a roster yet.
    expect(Number(years[3]!.courses), 'courses in 2026').to.be.within(260, 330);
    expect(Number(years[3]!.enrollments), 'enrollments in 2026').to.be.within(22_000, 30_000);
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
              SUM(CASE WHEN e.status = 'completed' THEN 1 ELSE 0 END) AS completed,
              SUM(CASE WHEN e.score IS NOT NULL THEN 1 ELSE 0 END) AS scored,
              SUM(CASE WHEN e.grade IN ('excellent', 'good', 'fair') THEN 1 ELSE 0 END) AS good
         FROM enrollments e JOIN courses c ON c.id = e.course_id WHERE c.status = 'finished'`,
      { type: QueryTypes.SELECT },
    );
    const completion = Number(row!.completed) / Number(row!.finished);
    const goodRate = Number(row!.good) / Number(row!.scored);
    expect(completion).to.be.within(0.9, 0.98);
    expect(goodRate).to.be.within(0.8, 0.92);
  });

  it('when seeded with demo data, then every scored result carries its attendance, and none completed below the program share (issue #11)', async () => {
    const scoredWithout = await count(
      db.sequelize,
      `SELECT COUNT(*) AS n FROM enrollments e JOIN courses c ON c.id = e.course_id JOIN programs p ON p.id = c.program_id
        WHERE p.completion_rule = 'score' AND e.score IS NOT NULL AND e.status <> 'withdrawn' AND e.attendance IS NULL`,
    );
    expect(scoredWithout).to.equal(0);
    const completedShort = await count(
      db.sequelize,
      `SELECT COUNT(*) AS n FROM enrollments e JOIN courses c ON c.id = e.course_id JOIN programs p ON p.id = c.program_id
        WHERE e.status = 'completed' AND (e.attendance IS NULL OR e.attendance < p.min_attendance)`,
    );
    expect(completedShort).to.equal(0);
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
    const misdated = await count(
      db.sequelize,
      `SELECT COUNT(*) AS n FROM certificates WHERE SUBSTR(issued_on, 1, 4) <> SUBSTR(number, 6, 4) OR issued_on > :today`,
      { today: DEMO_TODAY },
    );
    expect(misdated, 'numbered by the year of issue, none issued after today').to.equal(0);
  });

  it('when seeded with demo data, then names are Vietnamese, accented and stored as NFC', async () => {
    const rows = await db.sequelize.query<{ full_name: string }>('SELECT full_name FROM trainees ORDER BY id LIMIT 200', { type: QueryTypes.SELECT });
    expect(rows.some((r) => /[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]/i.test(r.full_name))).to.equal(true);
    expect(rows.every((r) => r.full_name === r.full_name.normalize('NFC'))).to.equal(true);
  });

  it('when seeded with demo data, then the demo accounts exist: one admin, one per unit, several trainees', async () => {
    expect(await count(db.sequelize, "SELECT COUNT(*) AS n FROM users WHERE role = 'admin'")).to.equal(1);
    expect(await count(db.sequelize, "SELECT COUNT(DISTINCT unit_id) AS n FROM users WHERE role = 'center'")).to.equal(14);
    const atEndedUnits = await count(db.sequelize, "SELECT COUNT(*) AS n FROM users s JOIN units u ON u.id = s.unit_id WHERE s.role = 'center' AND u.valid_to IS NOT NULL");
    expect(atEndedUnits, 'no staff account left at a unit that has ended').to.equal(0);
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
    expect((await seeder(db.sequelize, 'demo', { scryptLogN: 10 }).executed()).map((m) => m.name)).to.deep.equal(DEMO_SEEDERS);
  });

  describe('the units brought to today (issue #10)', () => {
    const centers = Object.keys(CENTER_SUCCESSORS);

    it('when seeded, then the ten centers ended on 30/6/2025, each by a dissolution naming its successors in order', async () => {
      const ended = await rows<{ code: string; valid_to: string }>(db.sequelize, "SELECT code, valid_to FROM units WHERE kind = 'center' ORDER BY sort_order");
      expect(ended.map((u) => u.code)).to.deep.equal(centers);
      expect(ended.map((u) => String(u.valid_to).slice(0, 10))).to.deep.equal(centers.map(() => '2025-06-30'));
      for (const [center, { successors }] of Object.entries(CENTER_SUCCESSORS)) {
        const found = await rows<{ kind: string; effective_date: string; decision_number: string; staff_action: string; code: string; position: number }>(
          db.sequelize,
          `SELECT e.kind, e.effective_date, e.decision_number, e.staff_action, s.code, x.position
             FROM unit_events e JOIN units u ON u.id = e.unit_id
             JOIN unit_event_successors x ON x.event_id = e.id JOIN units s ON s.id = x.successor_unit_id
            WHERE u.code = :center AND e.kind = 'dissolve' ORDER BY x.position`,
          { center },
        );
        expect(found.map((f) => [f.code, Number(f.position)]), center).to.deep.equal(successors.map((s, i) => [s.code, i]));
        expect(found.every((f) => f.staff_action === 'move' && String(f.effective_date).slice(0, 10) === '2025-07-01' && /-QĐ\/TU$/.test(f.decision_number))).to.equal(true);
      }
    });

    it('when seeded, then the two "khối" committees merged into one, and Quân sự and Công an go on', async () => {
      const merged = await rows<{ code: string; valid_to: string; successor: string }>(
        db.sequelize,
        `SELECT u.code, u.valid_to, s.code AS successor FROM unit_events e JOIN units u ON u.id = e.unit_id
           JOIN unit_event_successors x ON x.event_id = e.id JOIN units s ON s.id = x.successor_unit_id
          WHERE e.kind = 'merge' ORDER BY u.code`,
      );
      expect(merged.map((m) => [m.code, String(m.valid_to).slice(0, 10), m.successor])).to.deep.equal([
        ['DUKCCQ', '2025-02-28', 'DUCQD'],
        ['DUKDN', '2025-02-28', 'DUCQD'],
      ]);
      expect(await count(db.sequelize, "SELECT COUNT(*) AS n FROM units WHERE code IN ('DUQS', 'DUCA') AND valid_to IS NULL")).to.equal(2);
    });

    it('when seeded, then the board is renamed from 2025 and every unit has its name rows, signers included', async () => {
      const names = await rows<{ valid_from: string; name: string; header_name: string; symbol: string }>(
        db.sequelize,
        "SELECT n.valid_from, n.name, n.header_name, n.symbol FROM unit_names n JOIN units u ON u.id = n.unit_id WHERE u.code = 'BTGTU' ORDER BY n.valid_from",
      );
      expect(names.map((n) => [n.name, n.header_name, n.symbol])).to.deep.equal([
        ['Ban Tuyên giáo Tỉnh ủy Hưng Yên', 'BAN TUYÊN GIÁO', 'BTGTU'],
        ['Ban Tuyên giáo và Dân vận Tỉnh ủy Hưng Yên', 'BAN TUYÊN GIÁO VÀ DÂN VẬN', 'BTGDVTU'],
      ]);
      const [board] = await rows<{ name: string; symbol: string }>(db.sequelize, "SELECT name, symbol FROM units WHERE code = 'BTGTU'");
      expect(board).to.deep.equal({ name: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Hưng Yên', symbol: 'BTGDVTU' });
      expect(await count(db.sequelize, 'SELECT COUNT(*) AS n FROM units')).to.equal(27);
      expect(await count(db.sequelize, 'SELECT COUNT(*) AS n FROM unit_names'), 'one row per unit, two for the board').to.equal(28);
      expect(await count(db.sequelize, 'SELECT COUNT(*) AS n FROM units u WHERE NOT EXISTS (SELECT 1 FROM unit_names n WHERE n.unit_id = u.id AND n.valid_from = u.valid_from)')).to.equal(0);
      expect(await count(db.sequelize, 'SELECT COUNT(*) AS n FROM unit_names WHERE signer_name IS NULL'), 'signers copied to the name rows').to.equal(0);
    });

    it('when seeded, then the centers\' staff work for the first successor', async () => {
      const staff = await rows<{ username: string; code: string }>(
        db.sequelize,
        "SELECT s.username, u.code FROM users s JOIN units u ON u.id = s.unit_id WHERE s.username IN ('hungyen', 'vanlam', 'kimdong', 'phucu', 'khoicoquan', 'khoidoanhnghiep', 'quansu', 'sonnam') ORDER BY s.username",
      );
      expect(Object.fromEntries(staff.map((s) => [s.username, s.code]))).to.deep.equal({
        hungyen: 'DUPPH', kimdong: 'DUXLB', khoicoquan: 'DUCQD', khoidoanhnghiep: 'DUCQD', phucu: 'DUXPC', quansu: 'DUQS', sonnam: 'DUPSN', vanlam: 'DUXNQ',
      });
    });

    it('when seeded, then 2025 has the centers\' amended first-half plans and the successors\' second-half ones', async () => {
      const plans = await rows<{ code: string; versions: number; inForce: string }>(
        db.sequelize,
        `SELECT u.code, COUNT(*) AS versions, MAX(p.decided_at) AS "inForce" FROM plans p JOIN units u ON u.id = p.unit_id
          WHERE p.year = 2025 AND p.status = 'approved' GROUP BY u.code`,
      );
      const byCode = new Map(plans.map((p) => [p.code, Number(p.versions)]));
      for (const center of centers) expect(byCode.get(center), center).to.equal(2);
      for (const s of Object.values(CENTER_SUCCESSORS).flatMap((c) => c.successors)) expect(byCode.get(s.code), s.code).to.equal(1);
      const late = await count(db.sequelize, 'SELECT COUNT(*) AS n FROM courses c JOIN units u ON u.id = c.unit_id WHERE u.valid_to IS NOT NULL AND c.end_date > u.valid_to');
      const early = await count(db.sequelize, 'SELECT COUNT(*) AS n FROM courses c JOIN units u ON u.id = c.unit_id WHERE c.start_date < u.valid_from');
      const afterEnd = await count(db.sequelize, 'SELECT COUNT(*) AS n FROM certificates ce JOIN units u ON u.id = ce.unit_id WHERE u.valid_to IS NOT NULL AND ce.issued_on > u.valid_to');
      expect([late, early, afterEnd], 'courses and certificates inside each unit\'s life').to.deep.equal([0, 0, 0]);
    });

    it('when seeded, then 2026 has an approved plan and courses for every unit of today, planned after today and finished before', async () => {
      const today = await rows<{ code: string; plans: number; courses: number; finished: number }>(
        db.sequelize,
        `SELECT u.code,
                (SELECT COUNT(*) FROM plans p WHERE p.unit_id = u.id AND p.year = 2026 AND p.status = 'approved') AS plans,
                (SELECT COUNT(*) FROM courses c WHERE c.unit_id = u.id AND c.start_date BETWEEN '2026-01-01' AND :today) AS courses,
                (SELECT COUNT(*) FROM courses c WHERE c.unit_id = u.id AND c.status = 'finished' AND c.start_date >= '2026-01-01') AS finished
           FROM units u WHERE u.kind <> 'board' AND u.valid_to IS NULL ORDER BY u.sort_order`,
        { today: DEMO_TODAY },
      );
      expect(today).to.have.length(14);
      for (const u of today) {
        expect(Number(u.plans), u.code).to.equal(1);
        expect(Number(u.courses), u.code).to.be.at.least(8);
        expect(Number(u.finished), u.code).to.be.at.least(6);
      }
      expect(await count(db.sequelize, "SELECT COUNT(*) AS n FROM courses WHERE start_date > :today AND status NOT IN ('planned', 'cancelled')", { today: DEMO_TODAY })).to.equal(0);
      expect(await count(db.sequelize, "SELECT COUNT(*) AS n FROM courses WHERE start_date > :today AND status = 'planned'", { today: DEMO_TODAY })).to.be.at.least(3);
      expect(await count(db.sequelize, "SELECT COUNT(*) AS n FROM courses WHERE end_date >= :today AND status = 'finished'", { today: DEMO_TODAY })).to.equal(0);
      const pending = await count(
        db.sequelize,
        "SELECT COUNT(*) AS n FROM enrollments e JOIN courses c ON c.id = e.course_id WHERE c.status IN ('open', 'planned') AND (e.score IS NOT NULL OR e.status IN ('completed', 'failed'))",
      );
      expect(pending, 'no result before a course has ended').to.equal(0);
    });

    it('when seeded, then a 2024 certificate of Kim Động still names HUYỆN ỦY KIM ĐỘNG, and a 2026 one its successor', async () => {
      const [kimDong] = await rows<{ unit_name: string; unit_parent_body: string; signer_name: string }>(
        db.sequelize,
        "SELECT ce.unit_name, ce.unit_parent_body, ce.signer_name FROM certificates ce JOIN units u ON u.id = ce.unit_id WHERE u.code = 'TTCTKD' AND ce.year = 2024 ORDER BY ce.seq LIMIT 1",
      );
      expect(kimDong).to.deep.equal({ unit_name: 'TRUNG TÂM CHÍNH TRỊ', unit_parent_body: 'HUYỆN ỦY KIM ĐỘNG', signer_name: 'Bùi Văn Khải' });
      const [luongBang] = await rows<{ number: string; unit_name: string; unit_parent_body: string }>(
        db.sequelize,
        "SELECT ce.number, ce.unit_name, ce.unit_parent_body FROM certificates ce JOIN units u ON u.id = ce.unit_id WHERE u.code = 'DUXLB' AND ce.year = 2026 ORDER BY ce.seq LIMIT 1",
      );
      expect(luongBang).to.deep.equal({ number: '0001/2026/GCN-DUXLB', unit_name: 'ĐẢNG ỦY XÃ LƯƠNG BẰNG', unit_parent_body: 'TỈNH ỦY HƯNG YÊN' });
    });

    it('when seeded, then people of 2023–2024 come back to their center\'s successor, with post-2025 commune names', async () => {
      const returning = await count(
        db.sequelize,
        `SELECT COUNT(DISTINCT e.trainee_id) AS n FROM enrollments e JOIN courses c ON c.id = e.course_id JOIN units u ON u.id = c.unit_id
           JOIN trainees t ON t.id = e.trainee_id JOIN units o ON o.id = t.created_by_unit_id
          WHERE u.code = 'DUXNQ' AND o.code = 'TTCTVL'`,
      );
      expect(returning).to.be.at.least(100);
      const orgs = await rows<{ sending_org: string }>(
        db.sequelize,
        "SELECT DISTINCT e.sending_org FROM enrollments e JOIN courses c ON c.id = e.course_id JOIN units u ON u.id = c.unit_id WHERE u.code = 'DUXNQ'",
      );
      const communes = CENTER_SUCCESSORS.TTCTVL!.successors[0]!.communes;
      expect(orgs.length).to.be.greaterThan(0);
      expect(orgs.every((o) => communes.some((c) => o.sending_org.endsWith(`Đảng bộ ${c}`)))).to.equal(true);
    });
  });
});

describe('demo data and real data', () => {
  it('when the database already holds records, then demo data is not seeded into it', async function () {
    this.timeout(60_000);
    const scratch = await scratchDatabaseUrl('nodemo');
    const sequelize = createSequelize({ url: scratch.url });
    const db: Database = { sequelize, reports: sequelize, dialect: dialectOf(scratch.url), close: () => sequelize.close() };
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
