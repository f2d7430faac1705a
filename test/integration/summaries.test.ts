// Issue #12.1–2: the course summaries the progress report reads are kept by triggers in the statement of every
// write. Hand-counted cases, a property test on random sequences of writes (through the services, and raw
// writes as a maintenance script or a factory makes them), concurrent writers into one course, and the
// rebuild and check; the persons' tables (person_days, person_counts) after the same writes too.
// Everything happens in units of this file's own, in 2151–2152 (makeUnit).
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import type { Actor } from '../../server/auth/actor.js';
import { createCourse } from '../../server/courses/course-create.js';
import { cancelCourse, updateCourse } from '../../server/courses/index.js';
import { Course, Enrollment, type Trainee, type Unit } from '../../server/db/models.js';
import { enroll, withdrawEnrollment } from '../../server/enrollments/index.js';
import { inTransaction } from '../../server/db/transaction.js';
import { AppError } from '../../server/http/errors.js';
import { seededRandom, type Random } from '../../server/lib/random.js';
import { progressReport } from '../../server/reports/reports.service.js';
import { rebuildSummaries, storedSummaries, verifySummaries, type CourseDifference, type CourseSummary } from '../../server/summaries/index.js';
import { testDb } from '../helpers/db.js';
import { makeTrainee, programByCode } from '../helpers/factories.js';
import { boardActor, makeUnit } from '../helpers/units.js';

const sequelize = () => testDb().sequelize;

/** The differences between stored and recounted summaries, for these courses only (other tests own the rest). */
async function differencesFor(courseIds: number[]) {
  const mine = new Set(courseIds);
  return (await verifySummaries(sequelize())).filter((d) => d.table === 'course_summaries' && mine.has(d.courseId));
}

/** The persons' differences (person_days, person_counts) for these trainees and this file's years only. */
async function personDifferencesFor(traineeIds: number[]) {
  const mine = new Set(traineeIds);
  return (await verifySummaries(sequelize())).filter(
    (d) => (d.table === 'person_days' && mine.has(d.row.traineeId)) || (d.table === 'person_counts' && ['2151', '2152'].includes(d.row.day.slice(0, 4))),
  );
}

async function storedOf(courseId: number): Promise<CourseSummary | undefined> {
  return (await storedSummaries(sequelize())).find((s) => s.courseId === courseId);
}

/** Refusals (full, cancelled, has results…) are part of a random sequence; anything else is a failure. */
async function tolerate(work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (err) {
    if (err instanceof AppError) return false;
    if ((err as Error).name === 'SequelizeUniqueConstraintError') return false;
    throw err;
  }
}

describe('course summaries kept on write (issue #12)', () => {
  let admin: Actor;
  let units: Unit[];
  let programIds: number[];
  let people: Trainee[];

  before(async () => {
    admin = await boardActor();
    units = [await makeUnit(), await makeUnit()];
    programIds = [(await programByCode('NTVD')).id, (await programByCode('DVM')).id, (await programByCode('LSD')).id];
    people = [];
    for (let i = 0; i < 12; i++) people.push(await makeTrainee());
  });

  const newCourse = (unit: Unit, startDate = '2151-03-02', endDate = '2151-03-06', programId = programIds[0]!) =>
    createCourse(admin, { unitId: unit.id, programId, startDate, endDate, capacity: 40 });

  it('when a course is opened, filled, graded, withdrawn from and moved, then its row holds the hand counts and the report reads them', async () => {
    const course = await newCourse(units[0]!);
    expect(await storedOf(course.id)).to.include({ enrolled: 0, unitId: units[0]!.id, startDate: '2151-03-02' });
    const ids: number[] = [];
    for (const p of people.slice(0, 4)) ids.push((await enroll(admin, course.id, { traineeId: p.id })).enrollmentId);
    // Results written as an import writes them (the course is in 2151: the services refuse results before it starts).
    await Enrollment.update({ score: 9.2, grade: 'excellent', status: 'completed' }, { where: { id: ids[0]! } });
    await Enrollment.update({ score: 8.5, grade: 'good', status: 'completed' }, { where: { id: ids[1]! } });
    await Enrollment.update({ score: 4, grade: 'fail', status: 'failed' }, { where: { id: ids[2]! } });
    const third = (await Enrollment.findByPk(ids[1]!))!;
    await withdrawEnrollment(admin, third.id, third.lockVersion, 'Chuyển công tác');
    expect(await storedOf(course.id)).to.deep.include({ enrolled: 4, completed: 1, excellent: 1, good: 0, fail: 1, fair: 0, average: 0, scored: 2 });

    const fresh = (await Course.findByPk(course.id))!;
    await updateCourse(admin, course.id, fresh.lockVersion, { startDate: '2151-05-04', endDate: '2151-05-08' });
    expect(await storedOf(course.id)).to.include({ startDate: '2151-05-04', endDate: '2151-05-08', enrolled: 4 });

    const report = await progressReport(admin, { year: 2151, asOf: '2151-12-31', unitCode: units[0]!.code });
    const row = report.units.find((u) => u.unitCode === units[0]!.code)!;
    expect(row).to.include({ courses: 1, enrolled: 4, finished: 4, completed: 1 });
    expect(row.grades).to.deep.equal({ excellent: 1, good: 0, fair: 0, average: 0, fail: 1 });
    // Before the course ends its enrollments are not finished: the row's end date is read, not the enrollments.
    const early = await progressReport(admin, { year: 2151, asOf: '2151-05-05', unitCode: units[0]!.code });
    expect(early.units.find((u) => u.unitCode === units[0]!.code)).to.include({ courses: 1, enrolled: 4, finished: 0 });
    expect(await differencesFor([course.id])).to.deep.equal([]);
  });

  it('when a course is cancelled, then its row goes; taken back, it is counted again from its enrollments', async () => {
    const course = await newCourse(units[1]!);
    await enroll(admin, course.id, { traineeId: people[5]!.id });
    await enroll(admin, course.id, { traineeId: people[6]!.id });
    await cancelCourse(admin, course.id, (await Course.findByPk(course.id))!.lockVersion, 'Không đủ học viên');
    expect(await storedOf(course.id)).to.equal(undefined);
    await Course.update({ status: 'planned' }, { where: { id: course.id } });
    expect(await storedOf(course.id)).to.include({ enrolled: 2, unitId: units[1]!.id });
    await Course.destroy({ where: { id: course.id } }).catch(() => undefined); // refused while enrollments exist
    await Enrollment.destroy({ where: { courseId: course.id } });
    expect(await storedOf(course.id)).to.include({ enrolled: 0 });
    await Course.destroy({ where: { id: course.id } });
    expect(await storedOf(course.id)).to.equal(undefined);
  });

  function randomStep(random: Random, courses: number[]) {
    const course = () => random.pick(courses);
    return random.weighted<() => Promise<unknown>>([
      [() => tolerate(async () => courses.push((await newCourse(random.pick(units), `2151-0${random.int(1, 9)}-0${random.int(1, 5)}`, `2151-10-1${random.int(0, 9)}`, random.pick(programIds))).id)), 2],
      [() => tolerate(() => enroll(admin, course(), { traineeId: random.pick(people).id })), 6],
      [
        () =>
          tolerate(async () => {
            const c = (await Course.findByPk(course()))!;
            const shift = random.chance(0.5) ? { startDate: `2152-0${random.int(1, 9)}-01`, endDate: '2152-11-30' } : { programId: random.pick(programIds) };
            await updateCourse(admin, c.id, c.lockVersion, shift);
          }),
        2,
      ],
      [() => tolerate(async () => cancelCourse(admin, course(), (await Course.findByPk(course()))!.lockVersion, 'Hoãn')), 1],
      [
        () =>
          tolerate(async () => {
            const e = await Enrollment.findOne({ where: { courseId: course() } });
            if (e) await withdrawEnrollment(admin, e.id, e.lockVersion, 'Ốm');
          }),
        2,
      ],
      [
        // A results write (import, grid, a maintenance script): any status, grade and score, a withdrawn one included.
        async () => {
          const e = await Enrollment.findOne({ where: { courseId: course() }, order: sequelize().random() });
          if (!e) return;
          const grade = random.pick(['excellent', 'good', 'fair', 'average', 'fail', null] as const);
          await e.update({ grade, score: grade === null ? null : random.int(0, 100) / 10, status: random.pick(['enrolled', 'completed', 'failed', 'withdrawn'] as const) });
        },
        4,
      ],
      [() => tolerate(() => Course.update({ unitId: random.pick(units).id, endDate: '2152-12-31' }, { where: { id: course() } })), 1],
      [() => tolerate(() => Course.update({ status: random.pick(['planned', 'cancelled', 'open'] as const) }, { where: { id: course() } })), 1],
      [() => tolerate(async () => Enrollment.update({ courseId: course() }, { where: { id: (await Enrollment.findOne({ where: { courseId: course() } }))?.id ?? 0 } })), 1],
      [() => tolerate(async () => Enrollment.destroy({ where: { id: (await Enrollment.findOne({ where: { courseId: course() } }))?.id ?? 0 } })), 1],
      [
        // An import: several enrollments in one multi-row INSERT.
        async () => {
          const target = course();
          const taken = new Set((await Enrollment.findAll({ where: { courseId: target } })).map((e) => e.traineeId));
          const fresh = people.filter((p) => !taken.has(p.id) && random.chance(0.25));
          await Enrollment.bulkCreate(fresh.map((p) => ({ courseId: target, traineeId: p.id, status: 'enrolled' as const })));
        },
        1,
      ],
    ]);
  }

  for (const seed of [12, 1207, 20261203]) {
    it(`when a random sequence of writes runs (seed ${seed}), then the summaries equal a full recount`, async () => {
      const random = seededRandom(seed);
      const courses: number[] = [];
      for (let i = 0; i < 3; i++) courses.push((await newCourse(random.pick(units))).id);
      for (let step = 0; step < 60; step++) await randomStep(random, courses)();
      expect(await differencesFor(courses)).to.deep.equal([]);
      expect(await personDifferencesFor(people.map((p) => p.id))).to.deep.equal([]);
      const rows = (await storedSummaries(sequelize())).filter((s) => courses.includes(s.courseId));
      // Not vacuous: the sequence enrolled people.
      expect(rows.reduce((sum, r) => sum + r.enrolled, 0)).to.be.greaterThan(5);
    });
  }

  it('when many write into one course at the same moment, then no count is lost', async () => {
    const course = await newCourse(units[0]!, '2151-07-06', '2151-07-10');
    await Promise.all(people.slice(0, 10).map((p) => enroll(admin, course.id, { traineeId: p.id })));
    expect(await storedOf(course.id)).to.include({ enrolled: 10 });
    // Results written concurrently, each in its own transaction and without the course's lock.
    const rows = await Enrollment.findAll({ where: { courseId: course.id } });
    await Promise.all(
      rows.map((e, i) => inTransaction(sequelize(), (transaction) => e.update({ score: 9, grade: 'excellent', status: i % 3 === 0 ? 'withdrawn' : 'completed' }, { transaction }))),
    );
    const kept = rows.filter((_e, i) => i % 3 !== 0).length;
    expect(await storedOf(course.id)).to.deep.include({ enrolled: 10, completed: kept, excellent: kept, scored: kept });
    expect(await differencesFor([course.id])).to.deep.equal([]);
    expect(await personDifferencesFor(people.map((p) => p.id))).to.deep.equal([]);
  });

  it('when a summary row drifts, then the check names it and the rebuild puts it right', async () => {
    const course = await newCourse(units[1]!, '2151-08-03', '2151-08-07');
    await enroll(admin, course.id, { traineeId: people[0]!.id });
    await sequelize().query('UPDATE course_summaries SET enrolled = 99 WHERE course_id = :id', { replacements: { id: course.id }, type: QueryTypes.UPDATE });
    const [drift] = (await differencesFor([course.id])) as CourseDifference[];
    expect(drift?.stored?.enrolled).to.equal(99);
    expect(drift?.recounted?.enrolled).to.equal(1);
    expect((await rebuildSummaries(sequelize())).courses).to.be.greaterThan(0);
    expect(await differencesFor([course.id])).to.deep.equal([]);
    expect(await storedOf(course.id)).to.include({ enrolled: 1 });
  });
});
