// Trainees: one record per person across the province; the citizen ID, when present, is the person.
// Scope: the board sees everyone; a unit sees the people it created or enrolled in one of its courses.
// Finding a person is trainee-search.service.ts; the list page's filters trainees-find.service.ts.
import { Op, QueryTypes, type Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { audit, changedFields } from '../audit/audit.service.js';
import { Trainee } from '../db/models.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { pageInfo, pageWindow, type PageInfo } from '../http/pagination.js';
import { maskNationalId, searchKey } from '../lib/text.js';
import { unitLabeller } from '../units/index.js';
import { assertTraineeInScope, isTraineeInScope, traineeScopeSql } from './trainee-scope.js';
import type { TraineeInput } from './trainees.schema.js';
import type { Gender, PartyStatus } from './trainee.model.js';

export const TRAINEES_PER_PAGE = 30;

export { assertTraineeInScope, isTraineeInScope, traineeScopeSql } from './trainee-scope.js';
export { SEARCH_LIMIT, parseSearch, searchTrainees, type ParsedQuery, type SearchResult, type TraineeHit } from './trainee-search.service.js';

const sequelize = () => Trainee.sequelize!;
const notFound = () => new AppError('not_found', 'common.errors.notFound');

// --- Records ---

export interface TraineeRow {
  id: number;
  fullName: string;
  birthDate: string | null;
  birthYear: number | null;
  gender: Gender | null;
  /** The unit has the person: the full value, for the API; pages show the masked one. */
  nationalId: string | null;
  nationalIdMasked: string | null;
  workplace: string | null;
}

/** The people the actor's unit works with (everyone for the board), newest first. */
export async function listTrainees(actor: Actor, page: number): Promise<{ trainees: TraineeRow[]; pager: PageInfo }> {
  const scope = traineeScopeSql(actor, 't');
  const { limit, offset } = pageWindow(page, TRAINEES_PER_PAGE);
  const [countRow] = await sequelize().query<{ n: number }>(`SELECT COUNT(*) AS "n" FROM trainees t WHERE t.merged_into_id IS NULL${scope.sql}`, {
    replacements: scope.replacements,
    type: QueryTypes.SELECT,
  });
  const rows = await sequelize().query<Record<string, unknown>>(
    `SELECT t.id AS "id", t.full_name AS "fullName", t.birth_date AS "birthDate", t.birth_year AS "birthYear", t.gender AS "gender",
            t.national_id AS "nationalId", t.workplace AS "workplace"
       FROM trainees t WHERE t.merged_into_id IS NULL${scope.sql} ORDER BY t.id DESC LIMIT ${limit} OFFSET ${offset}`,
    { replacements: scope.replacements, type: QueryTypes.SELECT },
  );
  return {
    trainees: rows.map((r) => ({
      id: Number(r.id),
      fullName: String(r.fullName),
      birthDate: (r.birthDate as string | null) ?? null,
      birthYear: r.birthYear === null ? null : Number(r.birthYear),
      gender: (r.gender as Gender | null) ?? null,
      nationalId: (r.nationalId as string | null) ?? null,
      nationalIdMasked: maskNationalId(r.nationalId as string | null),
      workplace: (r.workplace as string | null) ?? null,
    })),
    pager: pageInfo(Number(countRow?.n ?? 0), page, TRAINEES_PER_PAGE),
  };
}

export interface TraineeEnrollmentRow {
  enrollmentId: number;
  courseId: number;
  courseName: string;
  unitCode: string;
  unitName: string;
  startDate: string;
  endDate: string;
  status: string;
  score: number | null;
  grade: string | null;
  /** The actor may open the course. */
  inScope: boolean;
}

export interface TraineeView extends TraineeInput {
  id: number;
  nationalIdMasked: string | null;
  createdByUnitId: number | null;
  lockVersion: number;
  createdAt: Date;
  updatedAt: Date;
  enrollments: TraineeEnrollmentRow[];
}

const FIELDS = [
  'fullName', 'birthDate', 'birthYear', 'gender', 'ethnicity', 'religion', 'nationalId', 'hometown', 'address', 'phone', 'email',
  'educationLevel', 'professionalLevel', 'theoryLevel', 'position', 'workplace', 'partyStatus', 'partyJoinedOn', 'partyOfficialOn',
] as const satisfies ReadonlyArray<keyof TraineeInput>;

function valuesOf(t: Trainee): TraineeInput {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) out[f] = t[f] ?? null;
  out.birthYear = t.birthYear === null || t.birthYear === undefined ? null : Number(t.birthYear);
  return out as unknown as TraineeInput;
}

/** The trainee's courses, newest first, across every unit; only the actor's own courses are links. */
async function enrollmentsOf(actor: Actor, traineeId: number): Promise<TraineeEnrollmentRow[]> {
  const rows = await sequelize().query<Record<string, unknown>>(
    `SELECT e.id AS "enrollmentId", c.id AS "courseId", c.name AS "courseName", u.code AS "unitCode",
            c.start_date AS "startDate", c.end_date AS "endDate", c.unit_id AS "unitId", e.status AS "status", e.score AS "score", e.grade AS "grade"
       FROM enrollments e JOIN courses c ON c.id = e.course_id JOIN units u ON u.id = c.unit_id
      WHERE e.trainee_id = :traineeId
      ORDER BY c.start_date DESC, e.id DESC`,
    { replacements: { traineeId }, type: QueryTypes.SELECT },
  );
  // Each course under its unit's own name as of its start date (a record of 2019 says what the center was called then).
  const unitName = await unitLabeller(rows.map((r) => Number(r.unitId)));
  return rows.map((r) => ({
    enrollmentId: Number(r.enrollmentId),
    courseId: Number(r.courseId),
    courseName: String(r.courseName),
    unitCode: String(r.unitCode),
    unitName: unitName(Number(r.unitId), String(r.startDate).slice(0, 10)) ?? String(r.unitCode),
    startDate: String(r.startDate),
    endDate: String(r.endDate),
    status: String(r.status),
    score: r.score === null ? null : Number(r.score),
    grade: (r.grade as string | null) ?? null,
    inScope: actor.role === 'admin' || Number(r.unitId) === actor.unitId,
  }));
}

export async function getTrainee(actor: Actor, id: number): Promise<TraineeView> {
  const trainee = await Trainee.findByPk(id);
  if (!trainee) throw notFound();
  await assertTraineeInScope(actor, id);
  return {
    id: trainee.id,
    ...valuesOf(trainee),
    nationalIdMasked: maskNationalId(trainee.nationalId),
    createdByUnitId: trainee.createdByUnitId ?? null,
    lockVersion: trainee.lockVersion,
    createdAt: trainee.createdAt,
    updatedAt: trainee.updatedAt,
    enrollments: await enrollmentsOf(actor, id),
  };
}

/** The API's view of a person the caller may see in full. */
export function traineeJson(t: TraineeView) {
  return {
    id: t.id,
    fullName: t.fullName,
    dateOfBirth: t.birthDate,
    birthYear: t.birthYear,
    gender: t.gender,
    ethnicity: t.ethnicity,
    religion: t.religion,
    nationalId: t.nationalId,
    hometown: t.hometown,
    address: t.address,
    phone: t.phone,
    email: t.email,
    educationLevel: t.educationLevel,
    professionalLevel: t.professionalLevel,
    theoryLevel: t.theoryLevel,
    position: t.position,
    workplace: t.workplace,
    partyStatus: t.partyStatus,
    partyJoinedOn: t.partyJoinedOn,
    partyOfficialOn: t.partyOfficialOn,
    lockVersion: t.lockVersion,
    enrollments: t.enrollments.map((e) => ({
      id: e.inScope ? e.enrollmentId : null,
      courseId: e.inScope ? e.courseId : null,
      courseName: e.courseName,
      unitCode: e.unitCode,
      startDate: e.startDate,
      endDate: e.endDate,
      status: e.status,
      score: e.score,
      grade: e.grade,
    })),
  };
}

const stored = (input: TraineeInput) => ({ ...input, searchName: searchKey(input.fullName) });

/** The existing person with this citizen ID, or a 409 naming the field (with the record's id when the actor may open it). */
async function refuseExistingId(actor: Actor, nationalId: string | null, exceptId: number | null, transaction: Transaction): Promise<void> {
  if (!nationalId) return;
  const existing = await Trainee.findOne({ where: { nationalId, ...(exceptId ? { id: { [Op.ne]: exceptId } } : {}) }, transaction });
  if (!existing) return;
  if (exceptId) throw new AppError('conflict', 'trainees.errors.nationalIdTaken', { fields: { nationalId: 'trainees.errors.nationalIdTaken' } });
  const visible = await isTraineeInScope(actor, existing.id, transaction);
  const message = visible ? 'trainees.errors.nationalIdExists' : 'trainees.errors.nationalIdExistsElsewhere';
  throw new AppError('conflict', message, { fields: { nationalId: message }, details: visible ? { existingId: existing.id } : undefined });
}

export interface NewPersonOptions {
  /** The user saw the possible namesakes and says this is someone else. */
  confirmNew?: boolean;
}

/**
 * Without a citizen ID, a second record for the same person is one click away (find them, then fill "new person"
 * anyway). A person with the same name and birth year, whom no citizen ID proves different, is therefore a
 * possible duplicate: the user is asked to enroll that person, or to confirm this is someone else.
 */
async function refusePossibleDuplicate(input: TraineeInput, options: NewPersonOptions, transaction: Transaction): Promise<void> {
  if (options.confirmNew) return;
  const conditions = ['t.search_name = :searchName', 't.merged_into_id IS NULL'];
  const replacements: Record<string, string | number> = { searchName: searchKey(input.fullName) };
  if (input.birthYear !== null) {
    conditions.push('(t.birth_year = :birthYear OR t.birth_year IS NULL)');
    replacements.birthYear = input.birthYear;
  }
  if (input.nationalId) conditions.push('t.national_id IS NULL');
  const rows = await sequelize().query<{ n: number }>(`SELECT COUNT(*) AS "n" FROM trainees t WHERE ${conditions.join(' AND ')}`, {
    replacements,
    type: QueryTypes.SELECT,
    transaction,
  });
  const count = Number(rows[0]?.n ?? 0);
  if (count > 0) {
    const q = [input.fullName, input.birthYear].filter(Boolean).join(' ');
    throw new AppError('conflict', 'trainees.errors.possibleDuplicate', {
      params: { count },
      fields: { confirmNew: 'trainees.errors.possibleDuplicateField' },
      details: { possibleDuplicates: count, q },
    });
  }
}

async function insertTrainee(actor: Actor, input: TraineeInput, transaction: Transaction): Promise<Trainee> {
  const trainee = await Trainee.create({ ...stored(input), createdByUnitId: actor.unitId }, { transaction });
  await audit(actor, { action: 'create', entityType: 'trainee', entityId: trainee.id, unitId: actor.unitId, after: { ...valuesOf(trainee) } }, transaction);
  return trainee;
}

/**
 * A plain "add a trainee": a citizen ID already on file is refused (409) rather than silently reused, because the
 * form's other values would otherwise be lost or overwrite someone's record; the answer points to the record when
 * the actor may open it. (Enrolling reuses the person instead: see findOrCreateTrainee.)
 */
export async function createTrainee(actor: Actor, input: TraineeInput, options: NewPersonOptions = {}): Promise<TraineeView> {
  const id = await inTransaction(sequelize(), async (transaction) => {
    await refuseExistingId(actor, input.nationalId, null, transaction);
    await refusePossibleDuplicate(input, options, transaction);
    return (await insertTrainee(actor, input, transaction)).id;
  });
  return getTrainee(actor, id);
}

export async function updateTrainee(actor: Actor, id: number, lockVersion: number, input: TraineeInput): Promise<TraineeView> {
  await inTransaction(sequelize(), async (transaction) => {
    const trainee = await Trainee.findByPk(id, { transaction });
    if (!trainee) throw notFound();
    await assertTraineeInScope(actor, id, transaction);
    if (trainee.lockVersion !== lockVersion) {
      throw new AppError('conflict', 'common.errors.stale', { details: { ...valuesOf(trainee), lockVersion: trainee.lockVersion } });
    }
    await refuseExistingId(actor, input.nationalId, id, transaction);
    const before = valuesOf(trainee);
    const [count] = await Trainee.update(
      { ...stored(input), lockVersion: lockVersion + 1 },
      { where: { id, lockVersion }, transaction },
    );
    if (count !== 1) throw new AppError('conflict', 'common.errors.stale');
    await audit(actor, { action: 'update', entityType: 'trainee', entityId: id, unitId: actor.unitId, ...changedFields({ ...before }, { ...input }) }, transaction);
  });
  return getTrainee(actor, id);
}

/**
 * The enroll flow's "this person": the record with this citizen ID when there is one — never a second record —
 * provided the names agree (a different name means a mistyped ID, and enrolling the wrong person is worse than
 * asking); otherwise a new record owned by the actor's unit, unless a namesake of the same birth year is on file and
 * the user has not confirmed this is someone else. The existing record is not changed.
 */
export async function findOrCreateTrainee(
  actor: Actor,
  input: TraineeInput,
  transaction: Transaction,
  options: NewPersonOptions = {},
): Promise<{ trainee: Trainee; reused: boolean }> {
  if (input.nationalId) {
    const existing = await Trainee.findOne({ where: { nationalId: input.nationalId }, transaction });
    if (existing) {
      if (existing.searchName !== searchKey(input.fullName)) {
        throw new AppError('conflict', 'trainees.errors.nationalIdOtherName', { fields: { nationalId: 'trainees.errors.nationalIdOtherName' } });
      }
      return { trainee: existing, reused: true };
    }
  }
  await refusePossibleDuplicate(input, options, transaction);
  return { trainee: await insertTrainee(actor, input, transaction), reused: false };
}

export type { TraineeInput, PartyStatus };
