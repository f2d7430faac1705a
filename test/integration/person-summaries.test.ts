// Issue #12.1–2, distinct persons: person_days and person_counts, kept by triggers, give the report's distinct
// persons for any window exactly. Hand-counted cases, the figures against the former full scan (kept as the
// fallback and the oracle) on random windows after random writes — services, raw writes as an import or a
// maintenance script makes them, course moves in date, unit and program, cancellations taken back, enrollments
// moved and deleted — and concurrent writers of the same persons. Units of this file's own (makeUnit), years
// 2171–2172.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import type { Actor } from '../../server/auth/actor.js';
import { cancelCourse, updateCourse } from '../../server/courses/index.js';
import { Course, Enrollment, type Program, type Trainee, type Unit } from '../../server/db/models.js';
import { inTransaction } from '../../server/db/transaction.js';
import { enroll, withdrawEnrollment } from '../../server/enrollments/index.js';
import { AppError } from '../../server/http/errors.js';
import { seededRandom, type Random } from '../../server/lib/random.js';
import { distinctTrainees, personCounts, programSets, type PersonCounts } from '../../server/reports/persons.queries.js';
import { loadPrograms, type SqlDates, type SqlScope } from '../../server/reports/reports.queries.js';
import { progressReport } from '../../server/reports/reports.service.js';
import { rebuildSummaries, verifySummaries, type PersonDifference } from '../../server/summaries/index.js';
import { testDb } from '../helpers/db.js';
import { makeTrainee, programByCode } from '../helpers/factories.js';
import { boardActor, makeUnit } from '../helpers/units.js';

const sequelize = () => testDb().sequelize;
const YEARS = ['2171', '2172'];

/** The persons' differences between the tables and a recount, for these trainees and this file's years only. */
async function differencesFor(traineeIds: number[]): Promise<PersonDifference[]> {
  const mine = new Set(traineeIds);
  return (await verifySummaries(sequelize())).filter(
    (d): d is PersonDifference =>
      (d.table === 'person_days' && mine.has(d.row.traineeId)) || (d.table === 'person_counts' && YEARS.includes(d.row.day.slice(0, 4))),
  );
}

const dates = (from: string, to: string): SqlDates => ({ from, to, ytdFrom: `${from.slice(0, 4)}-01-01`, ytdTo: to, asOf: to });
const allUnits = (): SqlScope => ({ courses: '', plans: '', units: '', replacements: {}, unitIds: null });
const oneUnit = (id: number): SqlScope => ({ courses: ' AND c.unit_id = :u', plans: '', units: '', replacements: { u: id }, unitIds: [id] });

/** What the former full scan counts for a window and scope: COUNT(DISTINCT) per row, the program sets across. */
async function scanned(d: SqlDates, scope: SqlScope): Promise<PersonCounts> {
  const programs = await loadPrograms(sequelize());
  const rows = await distinctTrainees(sequelize(), d, scope);
  const sets = await programSets(sequelize(), programs.map((p) => p.id), d, scope);
  const counts: PersonCounts = { ...rows, byProgram: new Map(), byCategory: new Map(), total: 0 };
  for (const set of sets) {
    counts.total += set.trainees;
    const categories = new Set(set.programs.map((i) => programs[i]!.category));
    for (const i of set.programs) counts.byProgram.set(programs[i]!.id, (counts.byProgram.get(programs[i]!.id) ?? 0) + set.trainees);
    for (const c of categories) counts.byCategory.set(c, (counts.byCategory.get(c) ?? 0) + set.trainees);
  }
  return counts;
}

const plain = (c: PersonCounts) => ({
  byUnitProgram: Object.fromEntries([...c.byUnitProgram].filter(([, v]) => v > 0).sort()),
  byUnit: Object.fromEntries([...c.byUnit].filter(([, v]) => v > 0).sort()),
  byProgram: Object.fromEntries([...c.byProgram].filter(([, v]) => v > 0).sort()),
  byCategory: Object.fromEntries([...c.byCategory].filter(([, v]) => v > 0).sort()),
  total: c.total,
});

async function summed(d: SqlDates, scope: SqlScope): Promise<PersonCounts> {
  return personCounts(sequelize(), await loadPrograms(sequelize()), d, scope, new Map());
}

async function tolerate(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (err instanceof AppError || /Unique|ForeignKey/.test((err as Error).name)) return;
    throw err;
  }
}

describe('distinct persons kept on write (issue #12)', () => {
  let admin: Actor;
  let units: Unit[];
  let programs: Program[];
  let people: Trainee[];

  before(async () => {
    admin = await boardActor();
    units = [await makeUnit(), await makeUnit(), await makeUnit()];
    // Two programs of one category (bồi dưỡng LLCT), one of another (đào tạo).
    programs = [await programByCode('NTVD'), await programByCode('DVM'), await programByCode('SCLLCT')];
    people = [];
    for (let i = 0; i < 14; i++) people.push(await makeTrainee());
  });

  const course = (unit: Unit, program: Program, startDate: string, status: Course['status'] = 'planned') =>
    Course.create({ unitId: unit.id, programId: program.id, name: 'Lớp thử', startDate, endDate: `${startDate.slice(0, 4)}-12-20`, place: 'Hội trường', capacity: 90, status });
  const join = (c: Course, t: Trainee) => Enrollment.create({ courseId: c.id, traineeId: t.id, status: 'enrolled' });

  it('when two persons attend courses on several days, then each counts once in every window that holds one of their days', async () => {
    const [u] = units;
    const [ntvd, dvm, scllct] = programs;
    const [a, b, c] = people;
    const march = await course(u!, ntvd!, '2171-03-02');
    const may = await course(u!, ntvd!, '2171-05-04');
    const mayDvm = await course(u!, dvm!, '2171-05-04');
    const sept = await course(u!, scllct!, '2171-09-07');
    await join(march, a!);
    await join(may, a!);
    await join(mayDvm, a!); // the same day in another program: one day in the unit's key
    await join(may, b!);
    await join(sept, b!);
    await join(sept, c!);
    const days = await sequelize().query<{ category: string; program_id: number; day: string; prev_day: string }>(
      'SELECT program_id, category, day, prev_day FROM person_days WHERE trainee_id = :t AND unit_id = :u ORDER BY program_id, category, day',
      { replacements: { t: a!.id, u: u!.id }, type: QueryTypes.SELECT },
    );
    const text = days.map((r) => `${r.program_id === 0 ? r.category || 'unit' : r.program_id === ntvd!.id ? 'NTVD' : 'DVM'} ${String(r.day).slice(0, 10)} ← ${String(r.prev_day).slice(0, 10)}`);
    expect(text).to.have.members([
      'boi-duong-llct 2171-03-02 ← 1000-01-01',
      'boi-duong-llct 2171-05-04 ← 2171-03-02',
      'unit 2171-03-02 ← 1000-01-01',
      'unit 2171-05-04 ← 2171-03-02',
      'NTVD 2171-03-02 ← 1000-01-01',
      'NTVD 2171-05-04 ← 2171-03-02',
      'DVM 2171-05-04 ← 1000-01-01',
    ]);

    const q2 = plain(await summed(dates('2171-04-01', '2171-06-30'), oneUnit(u!.id)));
    expect(q2.byUnit).to.deep.equal({ [u!.id]: 2 });
    expect(q2.byUnitProgram).to.deep.equal({ [`${u!.id}:${ntvd!.id}`]: 2, [`${u!.id}:${dvm!.id}`]: 1 });
    expect(q2.byCategory).to.deep.equal({ 'boi-duong-llct': 2 });
    expect(q2.total).to.equal(2);
    const year = plain(await summed(dates('2171-01-01', '2171-12-31'), oneUnit(u!.id)));
    expect(year.byUnit).to.deep.equal({ [u!.id]: 3 });
    expect(year.byCategory).to.deep.equal({ 'boi-duong-llct': 2, 'dao-tao': 2 });
    // As of 4 May (the day itself in), and from 5 May: A and B no longer, B and C in September.
    expect((await summed(dates('2171-01-01', '2171-05-04'), oneUnit(u!.id))).total).to.equal(2);
    expect((await summed(dates('2171-05-05', '2171-12-31'), oneUnit(u!.id))).total).to.equal(2);
    expect((await summed(dates('2171-05-05', '2171-09-06'), oneUnit(u!.id))).total).to.equal(0);

    // The report reads them: the unit's row, its programs, the categories and the total.
    const report = await progressReport(admin, { year: 2171, asOf: '2171-12-31', period: 'q2', unitCode: u!.code });
    const row = report.units.find((r) => r.unitCode === u!.code)!;
    expect(row.trainees).to.equal(2);
    expect(row.programs.find((p) => p.programCode === 'NTVD')?.trainees).to.equal(2);
    expect(report.categories.find((k) => k.category === 'boi-duong-llct')?.trainees).to.equal(2);
    expect(report.totals.trainees).to.equal(2);

    // Cancelling May's NTVD course leaves A in May through DVM only; taken back, both again.
    await cancelCourse(admin, may.id, (await Course.findByPk(may.id))!.lockVersion, 'Hoãn');
    expect(plain(await summed(dates('2171-04-01', '2171-06-30'), oneUnit(u!.id))).byUnitProgram).to.deep.equal({ [`${u!.id}:${dvm!.id}`]: 1 });
    await Course.update({ status: 'planned' }, { where: { id: may.id } });
    expect(plain(await summed(dates('2171-04-01', '2171-06-30'), oneUnit(u!.id))).byUnit).to.deep.equal({ [u!.id]: 2 });
    expect(await differencesFor([a!.id, b!.id, c!.id])).to.deep.equal([]);
  });

  it('when a program changes category, then its persons move with it', async () => {
    const [, u] = units;
    const lsd = await programByCode('LSD');
    const k = await course(u!, lsd, '2171-11-02');
    await join(k, people[3]!);
    const before = plain(await summed(dates('2171-11-01', '2171-11-30'), oneUnit(u!.id)));
    expect(before.byCategory).to.deep.equal({ 'boi-duong-llct': 1 });
    await sequelize().query("UPDATE programs SET category = 'boi-duong-nv' WHERE id = :id", { replacements: { id: lsd.id } });
    try {
      expect(plain(await summed(dates('2171-11-01', '2171-11-30'), oneUnit(u!.id))).byCategory).to.deep.equal({ 'boi-duong-nv': 1 });
    } finally {
      await sequelize().query("UPDATE programs SET category = 'boi-duong-llct' WHERE id = :id", { replacements: { id: lsd.id } });
    }
    expect(plain(await summed(dates('2171-11-01', '2171-11-30'), oneUnit(u!.id))).byCategory).to.deep.equal({ 'boi-duong-llct': 1 });
    expect(await differencesFor([people[3]!.id])).to.deep.equal([]);
  });

  const day = (random: Random) => `${random.pick(YEARS)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;

  function randomStep(random: Random, courses: number[]): () => Promise<unknown> {
    const some = () => random.pick(courses);
    const anEnrollment = () => Enrollment.findOne({ where: { courseId: some() }, order: sequelize().random() });
    return random.weighted<() => Promise<unknown>>([
      [async () => courses.push((await course(random.pick(units), random.pick(programs), day(random))).id), 2],
      [() => tolerate(() => join({ id: some() } as Course, random.pick(people))), 5],
      [() => tolerate(() => enroll(admin, some(), { traineeId: random.pick(people).id })), 2],
      [
        // An import: several enrollments in one multi-row INSERT.
        async () => {
          const target = some();
          const taken = new Set((await Enrollment.findAll({ where: { courseId: target } })).map((e) => e.traineeId));
          const fresh = people.filter((p) => !taken.has(p.id) && random.chance(0.3));
          await Enrollment.bulkCreate(fresh.map((p) => ({ courseId: target, traineeId: p.id, status: 'enrolled' as const })));
        },
        2,
      ],
      [
        () =>
          tolerate(async () => {
            const c = (await Course.findByPk(some()))!;
            const start = day(random);
            await updateCourse(admin, c.id, c.lockVersion, { startDate: start, endDate: `${start.slice(0, 4)}-12-28` });
          }),
        2,
      ],
      [() => Course.update({ startDate: day(random) }, { where: { id: some() } }), 2],
      [() => Course.update({ unitId: random.pick(units).id }, { where: { id: some() } }), 2],
      [() => Course.update({ programId: random.pick(programs).id }, { where: { id: some() } }), 2],
      [() => Course.update({ status: random.pick(['planned', 'cancelled', 'open', 'finished'] as const) }, { where: { id: some() } }), 3],
      [() => Course.update({ name: 'Lớp đổi tên' }, { where: { id: some() } }), 1],
      [
        () =>
          tolerate(async () => {
            const e = await anEnrollment();
            if (e) await withdrawEnrollment(admin, e.id, e.lockVersion, 'Ốm');
          }),
        1,
      ],
      [async () => (await anEnrollment())?.update({ status: 'withdrawn', grade: 'good', score: 8 }), 1],
      [() => tolerate(async () => (await anEnrollment())?.update({ courseId: some() })), 2],
      [() => tolerate(async () => (await anEnrollment())?.update({ traineeId: random.pick(people).id })), 2],
      [async () => (await anEnrollment())?.destroy(), 2],
      [async () => Enrollment.destroy({ where: { courseId: some() } }), 1],
    ]);
  }

  for (const seed of [12, 5150, 20261205]) {
    it(`when a random sequence of writes runs (seed ${seed}), then the tables equal a recount and every window's persons equal the full scan`, async function () {
      this.timeout(120_000);
      const random = seededRandom(seed);
      const courses: number[] = [];
      for (let i = 0; i < 4; i++) courses.push((await course(random.pick(units), random.pick(programs), day(random))).id);
      for (let step = 0; step < 70; step++) await randomStep(random, courses)();
      expect(await differencesFor(people.map((p) => p.id))).to.deep.equal([]);
      let persons = 0;
      for (let w = 0; w < 8; w++) {
        const [from, to] = [day(random), day(random)].sort();
        const window = w === 0 ? dates('2171-01-01', '2172-12-31') : w === 1 ? dates(to!, from!) : dates(from!, to!);
        for (const scope of [allUnits(), ...units.map((u) => oneUnit(u.id))]) {
          const mine = await summed(window, scope);
          expect(plain(mine), `${window.from}–${window.to} ${scope.unitIds ?? 'all'}`).to.deep.equal(plain(await scanned(window, scope)));
          if (w === 0 && scope.unitIds === null) persons = mine.total;
        }
      }
      // Not vacuous: over both years the writes left persons to count.
      expect(persons).to.be.greaterThan(3);
    });
  }

  it('when several write the same persons at the same moment, then the tables still equal a recount', async function () {
    this.timeout(60_000);
    const crowd = people.slice(0, 6);
    const same = await Promise.all(units.map((u) => course(u, programs[0]!, '2172-06-01')));
    const other = await Promise.all(units.map((u) => course(u, programs[1]!, '2172-06-15')));
    // Each transaction writes every one of the six into its own course: the same persons' rows, at once.
    await Promise.all(
      [...same, ...other].map((c) =>
        inTransaction(sequelize(), (transaction) =>
          Enrollment.bulkCreate(crowd.map((p) => ({ courseId: c.id, traineeId: p.id, status: 'enrolled' as const })), { transaction }),
        ),
      ),
    );
    await Promise.all(same.map((c) => inTransaction(sequelize(), (transaction) => Course.update({ startDate: '2172-06-08' }, { where: { id: c.id }, transaction }))));
    expect(await differencesFor(crowd.map((p) => p.id))).to.deep.equal([]);
    const june = await summed(dates('2172-06-01', '2172-06-30'), allUnits());
    expect(june.total).to.equal(plain(await scanned(dates('2172-06-01', '2172-06-30'), allUnits())).total);
    expect(june.byProgram.get(programs[0]!.id)).to.be.at.least(6);
  });

  it('when a count drifts, then the check names it and the rebuild puts it right', async () => {
    const k = await course(units[2]!, programs[2]!, '2172-10-05');
    await join(k, people[9]!);
    await sequelize().query("UPDATE person_counts SET n = n + 5 WHERE day = '2172-10-05' AND unit_id = :u", { replacements: { u: units[2]!.id } });
    await sequelize().query('DELETE FROM person_days WHERE trainee_id = :t', { replacements: { t: people[9]!.id } });
    const drift = await differencesFor([people[9]!.id]);
    expect(drift.filter((d) => d.table === 'person_counts' && d.side === 'stored').length).to.be.greaterThan(0);
    expect(drift.filter((d) => d.table === 'person_days' && d.side === 'recounted').length).to.be.greaterThan(0);
    expect((await rebuildSummaries(sequelize())).personDays).to.be.greaterThan(0);
    expect(await differencesFor([people[9]!.id])).to.deep.equal([]);
  });
});
