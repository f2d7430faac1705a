// The data migration of issue #11, item 4: enrollments stored as completed under the old rule although their
// recorded attendance is below the program's share are worked out again; certified ones and those without an
// attendance stay as they are; undoing it puts everything back. On a scratch database of its own.
import { expect } from 'chai';
import { QueryTypes, type Sequelize } from 'sequelize';
import { migrator, seeder } from '../../server/db/migrator.js';
import { createSequelize } from '../../server/db/sequelize.js';
import { scratchDatabaseUrl } from '../helpers/db.js';

const BEFORE = '2026-12-03-10-02-backfill-unit-names';
const MIGRATION = '2026-12-04-01-00-recompute-attendance-results';

describe('migration: attendance in scored programs (issue #11, item 4)', () => {
  it('when stored results broke the attendance rule, then those without a valid certificate are worked out again, audited, and undoing puts them back', async function () {
    this.timeout(120_000);
    const scratch = await scratchDatabaseUrl('attendance');
    const sequelize = createSequelize({ url: scratch.url });
    const select = <T extends object>(sql: string, replacements: Record<string, unknown> = {}) => sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });
    try {
      await migrator(sequelize).up({ to: BEFORE });
      await seeder(sequelize, 'reference', { scryptLogN: 10 }).up();
      const ids = await fixture(sequelize);

      const applied = await migrator(sequelize).up();
      expect(applied.map((m) => m.name)).to.include(MIGRATION);

      const state = async () => {
        const rows = await select<{ id: number; status: string; grade: string | null; lock_version: number }>('SELECT id, status, grade, lock_version FROM enrollments ORDER BY id');
        return Object.fromEntries(Object.entries(ids).map(([name, id]) => {
          const r = rows.find((x) => Number(x.id) === id)!;
          return [name, [r.status, r.grade, Number(r.lock_version)]];
        }));
      };
      expect(await state()).to.deep.equal({
        shortEnded: ['failed', 'fail', 1],
        shortCertified: ['completed', 'excellent', 0],
        noAttendance: ['completed', 'good', 0],
        enough: ['completed', 'good', 0],
        shortRunning: ['enrolled', null, 1],
        attendanceProgram: ['completed', null, 0],
        alreadyFailed: ['failed', 'fail', 0],
        shortRevoked: ['failed', 'fail', 1],
      });

      const audits = await select<{ entity_id: number; username: string | null; action: string; before_data: string; after_data: string }>(
        "SELECT entity_id, username, action, before_data, after_data FROM audit_logs WHERE entity_type = 'enrollment' ORDER BY entity_id",
      );
      expect(audits.map((a) => [Number(a.entity_id), a.username, a.action, JSON.parse(a.before_data), JSON.parse(a.after_data)])).to.deep.equal([
        [ids.shortEnded, null, 'results', { status: 'completed', grade: 'excellent' }, { status: 'failed', grade: 'fail' }],
        [ids.shortRunning, null, 'results', { status: 'completed', grade: 'excellent' }, { status: 'enrolled', grade: null }],
        [ids.shortRevoked, null, 'results', { status: 'completed', grade: 'good' }, { status: 'failed', grade: 'fail' }],
      ]);

      // The query server/enrollments/CONTEXT.md gives for the certificates issued under the old rule.
      const listed = await select<{ number: string }>(
        `SELECT x.number FROM certificates x JOIN enrollments e ON e.id = x.enrollment_id JOIN courses c ON c.id = e.course_id JOIN programs p ON p.id = c.program_id
          WHERE x.status = 'valid' AND p.completion_rule = 'score' AND e.attendance < p.min_attendance ORDER BY x.number`,
      );
      expect(listed.map((r) => r.number)).to.deep.equal(['0001/2024/GCN-TTCTVL']);

      await migrator(sequelize).down({ to: MIGRATION });
      expect(await state()).to.deep.include({ shortEnded: ['completed', 'excellent', 2], shortRunning: ['completed', 'excellent', 2], shortCertified: ['completed', 'excellent', 0] });
      expect(await select("SELECT id FROM audit_logs WHERE entity_type = 'enrollment'")).to.deep.equal([]);
    } finally {
      await sequelize.close();
      scratch.cleanup();
    }
  });
});

/** A center's records from before the rule: one enrollment of each kind the migration must tell apart. */
async function fixture(sequelize: Sequelize): Promise<Record<string, number>> {
  const now = new Date();
  const run = (sql: string, replacements: Record<string, unknown>) => sequelize.query(sql, { replacements });
  const one = async (sql: string, replacements: Record<string, unknown>) => Number((await sequelize.query<{ id: number }>(sql, { type: QueryTypes.SELECT, replacements }))[0]!.id);
  const unitId = await one("SELECT id FROM units WHERE code = 'TTCTVL'", {});

  const course = async (name: string, programCode: string, endDate: string) => {
    await run(
      `INSERT INTO courses (unit_id, program_id, name, start_date, end_date, capacity, status, lock_version, created_at, updated_at)
       SELECT :unitId, p.id, :name, '2024-03-04', :endDate, 80, 'open', 0, :now, :now FROM programs p WHERE p.code = :programCode`,
      { unitId, name, endDate, programCode, now },
    );
    return one('SELECT id FROM courses WHERE name = :name', { name });
  };
  const ended = await course('Lớp NTVD cũ', 'NTVD', '2024-03-08');
  const running = await course('Lớp NTVD đang học', 'NTVD', '2999-12-31');
  const byAttendance = await course('Lớp NVCTD cũ', 'NVCTD', '2024-03-08');

  const enrollment = async (name: string, courseId: number, values: { status: string; score: number | null; grade: string | null; attendance: number | null }) => {
    await run('INSERT INTO trainees (full_name, search_name, created_by_unit_id, created_at, updated_at) VALUES (:name, :name, :unitId, :now, :now)', { name, unitId, now });
    const traineeId = await one('SELECT id FROM trainees WHERE full_name = :name', { name });
    await run(
      `INSERT INTO enrollments (course_id, trainee_id, attendance, score, grade, status, lock_version, created_at, updated_at)
       VALUES (:courseId, :traineeId, :attendance, :score, :grade, :status, 0, :now, :now)`,
      { courseId, traineeId, ...values, now },
    );
    return one('SELECT id FROM enrollments WHERE trainee_id = :traineeId', { traineeId });
  };
  const certify = (enrollmentId: number, seq: number, status: string) =>
    run(
      `INSERT INTO certificates (enrollment_id, unit_id, year, seq, number, issued_on, unit_name, unit_parent_body, signer_name, signer_title, verify_code, status, created_at, updated_at)
       VALUES (:enrollmentId, :unitId, 2024, :seq, :number, '2024-03-15', 'TRUNG TÂM CHÍNH TRỊ', 'HUYỆN ỦY VĂN LÂM', 'Nguyễn Văn A', 'GIÁM ĐỐC', :code, :status, :now, :now)`,
      { enrollmentId, unitId, seq, number: `${String(seq).padStart(4, '0')}/2024/GCN-TTCTVL`, code: `code${seq}abcdefghijk`, status, now },
    );

  const ids = {
    shortEnded: await enrollment('Học viên Một', ended, { status: 'completed', score: 9, grade: 'excellent', attendance: 0.7 }),
    shortCertified: await enrollment('Học viên Hai', ended, { status: 'completed', score: 9, grade: 'excellent', attendance: 0.7 }),
    noAttendance: await enrollment('Học viên Ba', ended, { status: 'completed', score: 8, grade: 'good', attendance: null }),
    enough: await enrollment('Học viên Bốn', ended, { status: 'completed', score: 8, grade: 'good', attendance: 0.8 }),
    shortRunning: await enrollment('Học viên Năm', running, { status: 'completed', score: 9.5, grade: 'excellent', attendance: 0.5 }),
    attendanceProgram: await enrollment('Học viên Sáu', byAttendance, { status: 'completed', score: null, grade: null, attendance: 0.85 }),
    alreadyFailed: await enrollment('Học viên Bảy', ended, { status: 'failed', score: 4, grade: 'fail', attendance: 0.5 }),
    shortRevoked: await enrollment('Học viên Tám', ended, { status: 'completed', score: 8, grade: 'good', attendance: 0.75 }),
  };
  await certify(ids.shortCertified, 1, 'valid');
  await certify(ids.shortRevoked, 2, 'revoked');
  return ids;
}
