// Issuing trainee accounts and their one-time activation codes — for one trainee or a class's worth — and
// re-issuing a code. A code leaves this module once, in the return value of an issue; only its keyed hash is
// stored. Slips re-check each code posted back against that hash before it is printed.
import { Op, type Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { AccountActivation, Enrollment, Trainee, User } from '../db/models.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { todayInVietnam } from '../lib/format.js';
import { maskNationalId } from '../lib/text.js';
import { assertTraineeInScope } from '../trainees/index.js';
import {
  accountInclude,
  courseInScope,
  type AccountsContext,
  type TraineeWithAccount,
  type UserWithActivation,
} from './accounts.service.js';
import { codeDigest, digestMatches, formatCode, generateCode, MAX_FAILED_ATTEMPTS, normalizeCode } from './activation-code.js';

export interface IssuedCode {
  userId: number;
  traineeId: number;
  fullName: string;
  maskedNationalId: string | null;
  username: string;
  /** Formatted for reading: ABCD-EFGH-JK. Shown on the issuing response and printed slips, nowhere else. */
  code: string;
  expiresAt: Date;
  /** The account already existed; the new code replaces any earlier one. */
  reissued: boolean;
}

/** The end of the Vietnamese day `days` from now: a slip can then say "until the end of dd/mm/yyyy". */
export function codeExpiry(days: number, now = new Date()): Date {
  const day = todayInVietnam(new Date(now.getTime() + days * 86_400_000));
  return new Date(`${day}T23:59:59.999+07:00`);
}

async function freeUsername(traineeId: number, transaction: Transaction): Promise<string> {
  const base = `hv${String(traineeId).padStart(6, '0')}`;
  const taken = new Set(
    (await User.findAll({ where: { username: { [Op.like]: `${base}%` } }, attributes: ['username'], transaction })).map((u) => u.username),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Creates the account if needed and gives it a fresh code, voiding any earlier one. Inside a transaction. */
async function issueOne(ctx: AccountsContext, actor: Actor, trainee: TraineeWithAccount, transaction: Transaction): Promise<IssuedCode> {
  if (!trainee.nationalId) throw new AppError('invalid', 'accounts.noNationalId');
  let user = trainee.account ?? null;
  const reissued = user !== null;
  if (user?.disabledAt) throw new AppError('conflict', 'accounts.disabled');
  if (!user) {
    user = await User.create(
      { username: await freeUsername(trainee.id, transaction), fullName: trainee.fullName, role: 'trainee', unitId: null, traineeId: trainee.id, passwordHash: null },
      { transaction },
    );
    await audit(actor, { action: 'create', entityType: 'user', entityId: user.id, unitId: actor.unitId, after: { username: user.username, role: 'trainee', traineeId: trainee.id } }, transaction);
  }
  const code = generateCode();
  const expiresAt = codeExpiry(ctx.codeDays);
  await AccountActivation.destroy({ where: { userId: user.id }, transaction });
  await AccountActivation.create({ userId: user.id, codeHash: codeDigest(ctx.key, user.id, code), expiresAt, failedAttempts: 0, issuedBy: actor.id }, { transaction });
  await audit(actor, { action: 'issue_code', entityType: 'user', entityId: user.id, unitId: actor.unitId, after: { expiresAt, reissued } }, transaction);
  return {
    userId: user.id,
    traineeId: trainee.id,
    fullName: trainee.fullName,
    maskedNationalId: maskNationalId(trainee.nationalId),
    username: user.username,
    code: formatCode(code),
    expiresAt,
    reissued,
  };
}

/** One trainee: a new account with a code, or a new code for an existing account (forgotten password too). */
export async function issueForTrainee(ctx: AccountsContext, actor: Actor, traineeId: number): Promise<IssuedCode> {
  return inTransaction(ctx.sequelize, async (transaction) => {
    await assertTraineeInScope(actor, traineeId, transaction);
    const trainee = (await Trainee.findByPk(traineeId, { include: accountInclude, transaction })) as TraineeWithAccount | null;
    if (!trainee) throw new AppError('not_found', 'common.errors.notFound');
    return issueOne(ctx, actor, trainee, transaction);
  });
}

export interface CourseIssue {
  courseId: number;
  courseName: string;
  issued: IssuedCode[];
  /** Trainees left out because their record has no citizen ID. */
  withoutNationalId: string[];
  alreadyHadAccount: number;
}

/** Every trainee of the course who has no account yet (and has a citizen ID) gets one. */
export async function issueForCourse(ctx: AccountsContext, actor: Actor, courseId: number): Promise<CourseIssue> {
  return inTransaction(ctx.sequelize, async (transaction) => {
    const course = await courseInScope(actor, courseId, transaction);
    const enrollments = (await Enrollment.findAll({
      where: { courseId },
      include: [{ model: Trainee, as: 'trainee', include: accountInclude }],
      order: [[{ model: Trainee, as: 'trainee' }, 'searchName', 'ASC']],
      transaction,
    })) as Array<Enrollment & { trainee: TraineeWithAccount }>;
    const result: CourseIssue = { courseId, courseName: course.name, issued: [], withoutNationalId: [], alreadyHadAccount: 0 };
    for (const { trainee } of enrollments) {
      if (trainee.account) result.alreadyHadAccount++;
      else if (!trainee.nationalId) result.withoutNationalId.push(trainee.fullName);
      else result.issued.push(await issueOne(ctx, actor, trainee, transaction));
    }
    return result;
  });
}

export interface Slip {
  fullName: string;
  maskedNationalId: string | null;
  username: string;
  code: string;
  expiresAt: Date;
}

/**
 * Slips for codes the actor was just shown: the issuing page posts them back for printing. Each code is
 * checked against its stored hash, so only live codes of accounts in the actor's scope are ever printed.
 */
export async function slipsFor(ctx: AccountsContext, actor: Actor, entries: Array<{ userId: number; code: string }>): Promise<Slip[]> {
  const slips: Slip[] = [];
  const now = new Date();
  for (const entry of entries) {
    const user = (await User.findOne({
      where: { id: entry.userId, role: 'trainee' },
      include: [{ model: AccountActivation, as: 'activation' }, { model: Trainee, as: 'trainee' }],
    })) as (UserWithActivation & { trainee?: Trainee | null }) | null;
    if (!user?.trainee) throw new AppError('not_found', 'common.errors.notFound');
    await assertTraineeInScope(actor, user.trainee.id);
    const activation = user.activation;
    const live = activation && activation.expiresAt > now && activation.failedAttempts < MAX_FAILED_ATTEMPTS;
    if (!live || !digestMatches(activation.codeHash, codeDigest(ctx.key, user.id, entry.code))) {
      throw new AppError('invalid', 'accounts.slips.stale');
    }
    slips.push({
      fullName: user.trainee.fullName,
      maskedNationalId: maskNationalId(user.trainee.nationalId),
      username: user.username,
      code: formatCode(normalizeCode(entry.code)),
      expiresAt: activation.expiresAt,
    });
  }
  return slips;
}
