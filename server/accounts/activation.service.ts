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
  const trainee = await Trainee.findOne({ where: { nationalId: input.nationalId }, attributes: ['id'] });
  const user = trainee ? await User.findOne({ where: { traineeId: trainee.id, role: 'trainee' } }) : null;
  const activation = user ? await AccountActivation.findOne({ where: { userId: user.id } }) : null;
  if (!user || !activation || user.disabledAt || !isWellFormedCode(code)) throw failed();

  const digest = codeDigest(ctx.key, user.id, code);
  const usable = activation.expiresAt > new Date() && activation.failedAttempts < MAX_FAILED_ATTEMPTS;
  if (!digestMatches(activation.codeHash, digest)) {
    // A single statement: the count rises even when two wrong tries race.
    if (usable) await AccountActivation.increment('failedAttempts', { where: { id: activation.id } });
    throw failed();
  }
  if (!usable) throw failed();

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
