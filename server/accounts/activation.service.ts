// A trainee activates their account with their citizen ID and the one-time code from their slip, and sets a
// password. Every failure — unknown citizen ID, no account, wrong, expired or worn-out code, disabled
// account — is the same failure, so the form reveals nothing about who has an account.
import type { Actor } from '../auth/actor.js';
import { hashPassword } from '../auth/password.js';
import { audit } from '../audit/audit.service.js';
import { AccountActivation, Session, Trainee, User } from '../db/models.js';
import { forUpdate, inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { loadActor } from '../users/users.service.js';
import type { AccountsContext } from './accounts.service.js';
import { codeDigest, digestMatches, isWellFormedCode, MAX_FAILED_ATTEMPTS, normalizeCode } from './activation-code.js';

export interface ActivationInput {
  nationalId: string;
  code: string;
  password: string;
}

const failed = () => new AppError('unauthenticated', 'accounts.activate.failed');

export async function activateAccount(ctx: AccountsContext, input: ActivationInput, requestId?: string): Promise<Actor> {
  const code = normalizeCode(input.code);
  // One lookup, one digest and one counting UPDATE on every failing path, whether or not the citizen ID has an
  // account or a pending code: the answer's timing does not tell them apart either.
  const user = await User.findOne({
    where: { role: 'trainee' },
    include: [
      { model: Trainee, as: 'trainee', where: { nationalId: input.nationalId }, attributes: [], required: true },
      { model: AccountActivation, as: 'activation', required: false },
    ],
  });
  const activation = (user as (User & { activation?: AccountActivation | null }) | null)?.activation ?? null;
  const digest = codeDigest(ctx.key, user?.id ?? 0, code);
  const usable = activation !== null && user?.disabledAt === null && activation.expiresAt > new Date() && activation.failedAttempts < MAX_FAILED_ATTEMPTS;
  if (!activation || !isWellFormedCode(code) || !digestMatches(activation.codeHash, digest)) {
    // A single statement: the count rises even when two wrong tries race. With no code on file it matches nothing.
    await AccountActivation.increment('failedAttempts', { where: { id: usable ? activation.id : 0 } });
    throw failed();
  }
  if (!usable || !user) throw failed();

  // scrypt is slow on purpose: hash before the transaction so no lock is held meanwhile.
  const passwordHash = await hashPassword(input.password, ctx.scryptLogN);
  await inTransaction(ctx.sequelize, async (transaction) => {
    const current = await AccountActivation.findOne({ where: { id: activation.id }, ...forUpdate(transaction) });
    // Re-checked under the lock: a concurrent activation or a re-issued code wins.
    if (!current || current.codeHash !== activation.codeHash || current.failedAttempts >= MAX_FAILED_ATTEMPTS || current.expiresAt <= new Date()) {
      throw failed();
    }
    const now = new Date();
    await User.update({ passwordHash, passwordChangedAt: now, lastLoginAt: now }, { where: { id: user.id }, transaction });
    await current.destroy({ transaction });
    // A re-activation (forgotten password) ends any session opened with the old password.
    await Session.destroy({ where: { userId: user.id }, transaction });
    const self: Actor = { id: user.id, username: user.username, fullName: user.fullName, role: 'trainee', unitId: null, unitName: null, traineeId: user.traineeId, locale: null, via: 'session', requestId };
    await audit(self, { action: 'activate', entityType: 'user', entityId: user.id, unitId: null, after: { activated: true } }, transaction);
  });
  const actor = await loadActor(user.id);
  if (!actor) throw failed();
  return actor;
}
