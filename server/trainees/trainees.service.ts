// Trainees: one record per person across the province; the citizen ID, when present, is the person.
// Scope: the board sees everyone; a unit sees the people it created or enrolled in one of its courses.
// Finding a person (to enroll them) searches the whole province, but shows only what tells people apart.
import { Op, QueryTypes, type Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { unitScopeSql } from '../auth/scope.js';
import { audit, changedFields } from '../audit/audit.service.js';
import { Trainee, Unit } from '../db/models.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { pageInfo, pageWindow, type PageInfo } from '../http/pagination.js';
import { maskNationalId, searchKey } from '../lib/text.js';
import type { TraineeInput } from './trainees.schema.js';
import type { Gender, PartyStatus } from './trainee.model.js';

export const SEARCH_LIMIT = 20;
export const TRAINEES_PER_PAGE = 30;

const sequelize = () => Trainee.sequelize!;
const notFound = () => new AppError('not_found', 'common.errors.notFound');

/**
 * " AND (<the unit created the person> OR <the person is in one of the unit's courses>)" for a center, ""
 * for the board; built on the one scoping helper so a trainee account or a unit-less user sees nothing.
 */
export function traineeScopeSql(actor: Actor, alias: string): { sql: string; replacements: Record<string, number | number[]> } {
  const units = unitScopeSql(actor, 'sc.unit_id');
  if (!units.sql) return units;
  const created = unitScopeSql(actor, `${alias}.created_by_unit_id`).sql.replace(/^ AND /, '');
  return {
    sql:
      ` AND (${created} OR EXISTS (SELECT 1 FROM enrollments se JOIN courses sc ON sc.id = se.course_id` +
      ` WHERE se.trainee_id = ${alias}.id${units.sql}))`,
    replacements: units.replacements,
  };
}

export async function isTraineeInScope(actor: Actor, traineeId: number, transaction?: Transaction): Promise<boolean> {
  const scope = traineeScopeSql(actor, 't');
  const rows = await sequelize().query<{ id: number }>(`SELECT t.id FROM trainees t WHERE t.id = :traineeId${scope.sql}`, {
    replacements: { traineeId, ...scope.replacements },
    type: QueryTypes.SELECT,
    transaction,
  });
  return rows.length > 0;
}

export async function assertTraineeInScope(actor: Actor, traineeId: number, transaction?: Transaction): Promise<void> {
  if (!(await isTraineeInScope(actor, traineeId, transaction))) throw notFound();
}

// --- Search ---

export interface TraineeHit {
  id: number;
  fullName: string;
  birthYear: number | null;
  gender: Gender | null;
  /** Always masked. */
  nationalIdMasked: string | null;
  /** Full for the board and for a unit that has the person; masked otherwise. */
  nationalId: string | null;
  lastUnitCode: string | null;
  lastUnitName: string | null;
  /** The sending organisation of the person's latest enrollment, for units that have the person. */
  lastSendingOrg: string | null;
  inScope: boolean;
}

export interface SearchResult {
  mode: 'nationalId' | 'name' | 'none';
  /** Why nothing was searched: the query was too short or an ID incomplete. */
  hint: 'needMore' | 'idIncomplete' | null;
  hits: TraineeHit[];
  /** More matches than shown. */
  more: boolean;
}

export interface ParsedQuery {
  nationalId?: string;
  words: string[];
  birthYear?: number;
  hint: SearchResult['hint'];
}

/** "034190001234" → an exact citizen ID; "Nguyễn thi hang 1985" → the words nguyen, thi, hang and a birth year. */
export function parseSearch(q: string): ParsedQuery {
  const compact = q.replace(/[\s.-]/g, '');
  if (/^\d+$/.test(compact) && compact.length >= 6) {
    return compact.length === 12 ? { nationalId: compact, words: [], hint: null } : { words: [], hint: 'idIncomplete' };
  }
  const tokens = searchKey(q)
    .split(' ')
    .map((w) => w.replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  let birthYear: number | undefined;
  const words: string[] = [];
  for (const token of tokens) {
    if (/^(19|20)\d{2}$/.test(token) && birthYear === undefined) birthYear = Number(token);
    else if (!/^\d+$/.test(token)) words.push(token);
  }
  if (words.join('').length < 2) return { words: [], hint: 'needMore' };
  return { words: words.slice(0, 6), birthYear, hint: null };
}

/**
 * Finds people by exact citizen ID, or by name — each word matching the start of a word of the name, with
 * accents and case ignored — and optionally a birth year. Searches the whole province, so a person is found
 * and reused rather than entered twice; a hit outside the actor's scope carries only a masked ID.
 */
export async function searchTrainees(actor: Actor, q: string, limit = SEARCH_LIMIT): Promise<SearchResult> {
  const parsed = parseSearch(q);
  if (parsed.hint || (!parsed.nationalId && parsed.words.length === 0)) {
    return { mode: 'none', hint: parsed.hint ?? 'needMore', hits: [], more: false };
  }
  const conditions: string[] = [];
  const wholeWords: string[] = [];
  const replacements: Record<string, string | number> = {};
  if (parsed.nationalId) {
    conditions.push('t.national_id = :nationalId');
    replacements.nationalId = parsed.nationalId;
  } else {
    // The name typed in full, accents or not, comes before everyone who merely shares its words.
    replacements.wholeName = parsed.words.join(' ');
    parsed.words.forEach((word, i) => {
      // Every word must start a word of the name ("hang" finds Hằng, "thi" finds Thị and Thịnh) …
      conditions.push(`(t.search_name LIKE :w${i}a OR t.search_name LIKE :w${i}b)`);
      // … and names where it is a whole word come first (Thị before Thịnh), so the 20 shown are the likeliest.
      wholeWords.push(`CASE WHEN t.search_name = :w${i} OR t.search_name LIKE :w${i}c OR t.search_name LIKE :w${i}d OR t.search_name LIKE :w${i}e THEN 1 ELSE 0 END`);
      Object.assign(replacements, { [`w${i}`]: word, [`w${i}a`]: `${word}%`, [`w${i}b`]: `% ${word}%`, [`w${i}c`]: `${word} %`, [`w${i}d`]: `% ${word}`, [`w${i}e`]: `% ${word} %` });
    });
    if (parsed.birthYear) {
      conditions.push('t.birth_year = :birthYear');
      replacements.birthYear = parsed.birthYear;
    }
  }
  const scope = traineeScopeSql(actor, 't');
  const inScopeSql = scope.sql ? `CASE WHEN 1 = 1${scope.sql} THEN 1 ELSE 0 END` : '1';
  const latest = (column: string) =>
    `(SELECT ${column} FROM enrollments le JOIN courses lc ON lc.id = le.course_id WHERE le.trainee_id = t.id ORDER BY lc.start_date DESC, le.id DESC LIMIT 1)`;
  const rows = await sequelize().query<Record<string, unknown>>(
    `SELECT t.id AS "id", t.full_name AS "fullName", t.birth_year AS "birthYear", t.gender AS "gender", t.national_id AS "nationalId",
            t.created_by_unit_id AS "createdByUnitId", ${latest('lc.unit_id')} AS "lastUnitId", ${latest('le.sending_org')} AS "lastSendingOrg",
            ${inScopeSql} AS "inScope"
       FROM trainees t
      WHERE ${conditions.join(' AND ')}
      ORDER BY ${wholeWords.length ? `CASE WHEN t.search_name = :wholeName THEN 1 ELSE 0 END DESC, ${wholeWords.join(' + ')} DESC, ` : ''}t.search_name, t.birth_year, t.id
      LIMIT ${Math.max(1, Math.min(limit, 100)) + 1}`,
    { replacements: { ...replacements, ...scope.replacements }, type: QueryTypes.SELECT },
  );
  const units = new Map((await Unit.findAll({ attributes: ['id', 'code', 'shortName'] })).map((u) => [u.id, u]));
  const hits = rows.slice(0, limit).map((r): TraineeHit => {
    const inScope = Number(r.inScope) === 1;
    const unit = units.get(Number(r.lastUnitId ?? r.createdByUnitId));
    const nationalId = (r.nationalId as string | null) ?? null;
    return {
      id: Number(r.id),
      fullName: String(r.fullName),
      birthYear: r.birthYear === null ? null : Number(r.birthYear),
      gender: (r.gender as Gender | null) ?? null,
      nationalIdMasked: maskNationalId(nationalId),
      nationalId: inScope ? nationalId : maskNationalId(nationalId),
      lastUnitCode: unit?.code ?? null,
      lastUnitName: unit?.shortName ?? null,
      lastSendingOrg: inScope ? ((r.lastSendingOrg as string | null) ?? null) : null,
      inScope,
    };
  });
  return { mode: parsed.nationalId ? 'nationalId' : 'name', hint: null, hits, more: rows.length > limit };
}

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
  const [countRow] = await sequelize().query<{ n: number }>(`SELECT COUNT(*) AS "n" FROM trainees t WHERE 1 = 1${scope.sql}`, {
    replacements: scope.replacements,
    type: QueryTypes.SELECT,
  });
  const rows = await sequelize().query<Record<string, unknown>>(
    `SELECT t.id AS "id", t.full_name AS "fullName", t.birth_date AS "birthDate", t.birth_year AS "birthYear", t.gender AS "gender",
            t.national_id AS "nationalId", t.workplace AS "workplace"
       FROM trainees t WHERE 1 = 1${scope.sql} ORDER BY t.id DESC LIMIT ${limit} OFFSET ${offset}`,
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
    `SELECT e.id AS "enrollmentId", c.id AS "courseId", c.name AS "courseName", u.code AS "unitCode", u.short_name AS "unitName",
            c.start_date AS "startDate", c.end_date AS "endDate", c.unit_id AS "unitId", e.status AS "status", e.score AS "score", e.grade AS "grade"
       FROM enrollments e JOIN courses c ON c.id = e.course_id JOIN units u ON u.id = c.unit_id
      WHERE e.trainee_id = :traineeId
      ORDER BY c.start_date DESC, e.id DESC`,
    { replacements: { traineeId }, type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({
    enrollmentId: Number(r.enrollmentId),
    courseId: Number(r.courseId),
    courseName: String(r.courseName),
    unitCode: String(r.unitCode),
    unitName: String(r.unitName),
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
  const conditions = ['t.search_name = :searchName'];
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
