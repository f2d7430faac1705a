// Trainee accounts as center staff see them: which trainees of a course have an account, in what state, and
// who may act for whom. Issuing codes is in issue.service.ts.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { assertInScope, unitScope, unitScopeSql } from '../auth/scope.js';
import type { Config } from '../config.js';
import { AccountActivation, Course, Enrollment, Trainee, Unit, User } from '../db/models.js';
import { AppError } from '../http/errors.js';
import { pageInfo, pageWindow, type PageInfo } from '../http/pagination.js';
import { maskNationalId } from '../lib/text.js';
import { assertTraineeInScope } from '../trainees/index.js';
import { activationKey, MAX_FAILED_ATTEMPTS } from './activation-code.js';

export interface AccountsContext {
  sequelize: Sequelize;
  /** HMAC key for activation codes (see activation-code.ts). */
  key: Buffer;
  codeDays: number;
  scryptLogN: number;
}

export function accountsContext(config: Config, sequelize: Sequelize): AccountsContext {
  return { sequelize, key: activationKey(config.sessionSecret), codeDays: config.activationCodeDays, scryptLogN: config.scryptLogN };
}

export type AccountState = 'none' | 'pending' | 'expired' | 'locked' | 'active' | 'disabled';

export interface AccountStatus {
  state: AccountState;
  userId: number | null;
  username: string | null;
  /** When the pending code stops working (pending state, or an active account with a new code out). */
  codeExpiresAt: Date | null;
}

export interface TraineeAccountRow extends AccountStatus {
  traineeId: number;
  fullName: string;
  birthYear: number | null;
  maskedNationalId: string | null;
  hasNationalId: boolean;
  enrollmentStatus?: string;
}

export type UserWithActivation = User & { activation?: AccountActivation | null };
export type TraineeWithAccount = Trainee & { account?: UserWithActivation | null };

export const accountInclude = [{ model: User, as: 'account', required: false, include: [{ model: AccountActivation, as: 'activation', required: false }] }];

export function accountStatus(user: UserWithActivation | null | undefined, now = new Date()): AccountStatus {
  if (!user) return { state: 'none', userId: null, username: null, codeExpiresAt: null };
  const activation = user.activation ?? null;
  const codeLive = activation !== null && activation.expiresAt > now && activation.failedAttempts < MAX_FAILED_ATTEMPTS;
  const base = { userId: user.id, username: user.username, codeExpiresAt: codeLive ? activation!.expiresAt : null };
  if (user.disabledAt) return { ...base, state: 'disabled' };
  if (user.passwordHash) return { ...base, state: 'active' };
  if (codeLive) return { ...base, state: 'pending' };
  if (activation && activation.failedAttempts >= MAX_FAILED_ATTEMPTS) return { ...base, state: 'locked' };
  return { ...base, state: 'expired' };
}

function toRow(trainee: TraineeWithAccount, now: Date): TraineeAccountRow {
  return {
    traineeId: trainee.id,
    fullName: trainee.fullName,
    birthYear: trainee.birthYear ?? (trainee.birthDate ? Number(trainee.birthDate.slice(0, 4)) : null),
    maskedNationalId: maskNationalId(trainee.nationalId),
    hasNationalId: Boolean(trainee.nationalId),
    ...accountStatus(trainee.account, now),
  };
}

const isoDay = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '').slice(0, 10));

export interface CourseAccountSummary {
  id: number;
  name: string;
  unitName: string;
  startDate: string;
  endDate: string;
  trainees: number;
  accounts: number;
  active: number;
}

/** The actor's courses, newest first, with how many of their trainees have an account. */
export async function listCourses(
  sequelize: Sequelize,
  actor: Actor,
  filter: { year?: number; page: number },
): Promise<{ rows: CourseAccountSummary[]; pager: PageInfo }> {
  const scope = unitScopeSql(actor, 'c.unit_id');
  const yearSql = filter.year ? ' AND c.start_date BETWEEN :from AND :to' : '';
  const replacements = { ...scope.replacements, from: `${filter.year}-01-01`, to: `${filter.year}-12-31` };
  const where = `WHERE c.status <> 'cancelled'${scope.sql}${yearSql}`;
  const [total] = await sequelize.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM courses c ${where}`, { replacements, type: QueryTypes.SELECT });
  const perPage = 30;
  const { limit, offset } = pageWindow(filter.page, perPage);
  const rows = await sequelize.query<Record<string, unknown>>(
    `SELECT c.id AS id, c.name AS name, un.name AS "unitName", c.start_date AS "startDate", c.end_date AS "endDate",
            COUNT(e.id) AS trainees, COUNT(us.id) AS accounts,
            SUM(CASE WHEN us.password_hash IS NOT NULL THEN 1 ELSE 0 END) AS active
       FROM courses c JOIN units un ON un.id = c.unit_id
       LEFT JOIN enrollments e ON e.course_id = c.id
       LEFT JOIN users us ON us.trainee_id = e.trainee_id
       ${where}
      GROUP BY c.id, c.name, un.name, c.start_date, c.end_date
      ORDER BY c.start_date DESC, c.id DESC
      LIMIT ${limit} OFFSET ${offset}`,
    { replacements, type: QueryTypes.SELECT },
  );
  return {
    rows: rows.map((r) => ({
      id: Number(r.id),
      name: String(r.name),
      unitName: String(r.unitName),
      startDate: isoDay(r.startDate),
      endDate: isoDay(r.endDate),
      trainees: Number(r.trainees ?? 0),
      accounts: Number(r.accounts ?? 0),
      active: Number(r.active ?? 0),
    })),
    pager: pageInfo(Number(total?.n ?? 0), filter.page, perPage),
  };
}

export async function courseInScope(actor: Actor, courseId: number, transaction?: Transaction): Promise<Course & { unit?: Unit }> {
  const course = (await Course.findByPk(courseId, { include: [{ model: Unit, as: 'unit', attributes: ['id', 'name'] }], transaction })) as
    | (Course & { unit?: Unit })
    | null;
  if (!course) throw new AppError('not_found', 'common.errors.notFound');
  assertInScope(actor, course.unitId);
  return course;
}

export interface CourseAccounts {
  course: { id: number; name: string; unitName: string; startDate: string; endDate: string };
  trainees: TraineeAccountRow[];
  withoutAccount: number;
  withoutNationalId: number;
}

export async function courseAccounts(actor: Actor, courseId: number): Promise<CourseAccounts> {
  const course = await courseInScope(actor, courseId);
  const enrollments = (await Enrollment.findAll({
    where: { courseId },
    include: [{ model: Trainee, as: 'trainee', include: accountInclude }],
    order: [[{ model: Trainee, as: 'trainee' }, 'searchName', 'ASC']],
  })) as Array<Enrollment & { trainee: TraineeWithAccount }>;
  const now = new Date();
  const trainees = enrollments.map((e) => ({ ...toRow(e.trainee, now), enrollmentStatus: e.status }));
  return {
    course: { id: course.id, name: course.name, unitName: course.unit?.name ?? '', startDate: course.startDate, endDate: course.endDate },
    trainees,
    withoutAccount: trainees.filter((t) => t.state === 'none' && t.hasNationalId).length,
    withoutNationalId: trainees.filter((t) => t.state === 'none' && !t.hasNationalId).length,
  };
}

export interface TraineeAccount {
  trainee: TraineeAccountRow;
  /** The courses of the actor's unit (all units for the board) this trainee sat, for context. */
  courses: Array<{ id: number; name: string; startDate: string; status: string }>;
}

export async function traineeAccount(actor: Actor, traineeId: number): Promise<TraineeAccount> {
  await assertTraineeInScope(actor, traineeId);
  const trainee = (await Trainee.findByPk(traineeId, { include: accountInclude })) as TraineeWithAccount | null;
  if (!trainee) throw new AppError('not_found', 'common.errors.notFound');
  const enrollments = (await Enrollment.findAll({
    where: { traineeId },
    include: [{ model: Course, as: 'course', where: unitScope(actor), attributes: ['id', 'name', 'startDate'] }],
    order: [[{ model: Course, as: 'course' }, 'startDate', 'DESC']],
  })) as Array<Enrollment & { course: Course }>;
  return {
    trainee: toRow(trainee, new Date()),
    courses: enrollments.map((e) => ({ id: e.course.id, name: e.course.name, startDate: e.course.startDate, status: e.status })),
  };
}
