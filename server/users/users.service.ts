// Accounts: who may sign in, with which role, for which unit or trainee record.
import { Op, type WhereOptions } from 'sequelize';
import { hashPassword, verifyPassword, burnPasswordCheck } from '../auth/password.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../http/errors.js';
import { audit } from '../audit/audit.service.js';
import { isLocale } from '../i18n/index.js';
import { Session, Trainee, Unit, User } from '../db/models.js';
import type { Role } from './user.model.js';
import { inheritedUnitIds } from '../units/index.js';

export interface UserRow {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
  role: Role;
  unitId: number | null;
  unitName: string | null;
  traineeId: number | null;
  traineeName: string | null;
  disabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

type UserWithRefs = User & { unit?: Unit | null; trainee?: Trainee | null };

function toRow(user: UserWithRefs): UserRow {
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    email: user.email ?? null,
    role: user.role,
    unitId: user.unitId,
    unitName: user.unit?.name ?? null,
    traineeId: user.traineeId,
    traineeName: user.trainee?.fullName ?? null,
    disabled: user.disabledAt !== null && user.disabledAt !== undefined,
    lastLoginAt: user.lastLoginAt ?? null,
    createdAt: user.createdAt,
  };
}

export function toActor(user: UserWithRefs, via: Actor['via']): Actor {
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    role: user.role,
    unitId: user.unitId,
    unitName: user.unit?.name ?? null,
    traineeId: user.traineeId,
    locale: isLocale(user.locale) ? user.locale : null,
    via,
  };
}

const withRefs = [
  { model: Unit, as: 'unit', attributes: ['id', 'name', 'code'] },
  { model: Trainee, as: 'trainee', attributes: ['id', 'fullName'] },
];

/** The actor behind a session's user id, or null if the account is gone or disabled. */
export async function loadActor(id: number, via: Actor['via'] = 'session'): Promise<Actor | null> {
  const user = (await User.findByPk(id, { include: [withRefs[0]!] })) as UserWithRefs | null;
  if (!user || user.disabledAt) return null;
  return withInheritedUnits(toActor(user, via));
}

/** A center's actor learns which units' records its unit took over (one small query on the unit events). */
export async function withInheritedUnits(actor: Actor): Promise<Actor> {
  if (actor.role !== 'center' || actor.unitId === null) return actor;
  return { ...actor, inheritedUnitIds: await inheritedUnitIds(actor.unitId) };
}

export const normalizeUsername = (username: string) => username.normalize('NFC').trim().toLowerCase();

/**
 * The account a sign-in name designates: a username, or — for trainees, who activated with it and remember
 * it better than a generated username — a 12-digit citizen ID. Usernames win if one ever looks like an ID.
 */
async function findForSignIn(login: string): Promise<UserWithRefs | null> {
  const user = (await User.findOne({ where: { username: login }, include: [withRefs[0]!] })) as UserWithRefs | null;
  if (user || !/^\d{12}$/.test(login)) return user;
  const trainee = await Trainee.findOne({ where: { nationalId: login }, attributes: ['id'] });
  if (!trainee) return null;
  return (await User.findOne({ where: { traineeId: trainee.id, role: 'trainee' }, include: [withRefs[0]!] })) as UserWithRefs | null;
}

/** Checks a username and password; answers null for any failure, in the same time either way. */
export async function authenticate(username: string, password: string, scryptLogN: number): Promise<Actor | null> {
  const user = await findForSignIn(normalizeUsername(username));
  if (!user || !user.passwordHash) {
    await burnPasswordCheck(password, scryptLogN);
    return null;
  }
  const ok = await verifyPassword(password, user.passwordHash);
  if (!ok || user.disabledAt) return null;
  await User.update({ lastLoginAt: new Date() }, { where: { id: user.id } });
  return toActor(user, 'session');
}

export interface UserFilter {
  role?: Role;
  unitId?: number;
  q?: string;
}

export async function listUsers(filter: UserFilter): Promise<UserRow[]> {
  const where: WhereOptions<User> = {};
  if (filter.role) Object.assign(where, { role: filter.role });
  if (filter.unitId) Object.assign(where, { unitId: filter.unitId });
  if (filter.q) Object.assign(where, { [Op.or]: [{ username: { [Op.like]: `%${filter.q}%` } }, { fullName: { [Op.like]: `%${filter.q}%` } }] });
  const users = (await User.findAll({ where, include: withRefs, order: [['role', 'ASC'], ['username', 'ASC']], limit: 500 })) as UserWithRefs[];
  return users.map(toRow);
}

export async function getUser(id: number): Promise<UserRow> {
  const user = (await User.findByPk(id, { include: withRefs })) as UserWithRefs | null;
  if (!user) throw new AppError('not_found', 'common.errors.notFound');
  return toRow(user);
}

export interface NewUser {
  username: string;
  fullName: string;
  email?: string;
  role: Role;
  unitCode?: string;
  unitId?: number;
  traineeId?: number;
  password: string;
}

async function resolveUnitId(input: NewUser): Promise<number | null> {
  if (input.unitId) return input.unitId;
  if (!input.unitCode) return null;
  const unit = await Unit.findOne({ where: { code: input.unitCode.toUpperCase() } });
  if (!unit) throw new AppError('invalid', 'common.errors.invalid', { fields: { unitCode: 'users.unknownUnit' } });
  return unit.id;
}

export async function createUser(input: NewUser, scryptLogN: number): Promise<UserRow> {
  const username = normalizeUsername(input.username);
  const unitId = await resolveUnitId(input);
  if (input.role === 'center' && !unitId) throw new AppError('invalid', 'common.errors.invalid', { fields: { unitId: 'users.unitRequired' } });
  if (input.role === 'trainee' && !input.traineeId) throw new AppError('invalid', 'common.errors.invalid', { fields: { traineeId: 'users.traineeRequired' } });
  if (input.traineeId && !(await Trainee.findByPk(input.traineeId))) {
    throw new AppError('invalid', 'common.errors.invalid', { fields: { traineeId: 'users.unknownTrainee' } });
  }
  if (await User.findOne({ where: { username } })) {
    throw new AppError('conflict', 'users.usernameTaken', { fields: { username: 'users.usernameTaken' } });
  }
  const user = await User.create({
    username,
    fullName: input.fullName,
    email: input.email ?? null,
    role: input.role,
    unitId: input.role === 'trainee' ? null : unitId,
    traineeId: input.role === 'trainee' ? input.traineeId! : null,
    passwordHash: await hashPassword(input.password, scryptLogN),
    passwordChangedAt: new Date(),
  });
  return getUser(user.id);
}

/** Disabling also ends every open session of the account. */
export async function setDisabled(id: number, disabled: boolean, actor: Actor): Promise<void> {
  if (id === actor.id && disabled) throw new AppError('invalid', 'users.cannotDisableSelf');
  const [count] = await User.update({ disabledAt: disabled ? new Date() : null }, { where: { id } });
  if (count === 0) throw new AppError('not_found', 'common.errors.notFound');
  if (disabled) await endSessions(id);
}

export async function resetPassword(id: number, password: string, scryptLogN: number): Promise<void> {
  const [count] = await User.update(
    { passwordHash: await hashPassword(password, scryptLogN), passwordChangedAt: new Date() },
    { where: { id } },
  );
  if (count === 0) throw new AppError('not_found', 'common.errors.notFound');
  await endSessions(id);
}

/** Signs an account out everywhere (or everywhere but one session); answers how many sessions ended. */
export async function endSessions(userId: number, options: { except?: string } = {}): Promise<number> {
  const where = options.except === undefined ? { userId } : { userId, sid: { [Op.ne]: options.except } };
  return Session.destroy({ where });
}

/**
 * A new password ends the account's other sessions — whoever knew the old one may be signed in somewhere —
 * and keeps the one it was changed from. API tokens are not the password's to revoke: they stay, and the
 * page says so.
 */
export async function changeOwnPassword(
  actor: Actor,
  change: { current: string; next: string; sessionId: string },
  scryptLogN: number,
): Promise<{ sessionsEnded: number }> {
  const user = await User.findByPk(actor.id);
  if (!user || !(await verifyPassword(change.current, user.passwordHash))) {
    throw new AppError('invalid', 'common.errors.invalid', { fields: { currentPassword: 'users.wrongPassword' } });
  }
  await user.update({ passwordHash: await hashPassword(change.next, scryptLogN), passwordChangedAt: new Date() });
  return { sessionsEnded: await endSessions(actor.id, { except: change.sessionId }) };
}

export async function setLocale(actor: Actor, locale: string): Promise<void> {
  await User.update({ locale }, { where: { id: actor.id } });
}

/** The address e-mail notifications go to (server/notifications); null stops them. Audited without the address. */
export async function setOwnEmail(actor: Actor, email: string | null): Promise<void> {
  const user = await User.findByPk(actor.id);
  if (!user) throw new AppError('not_found', 'common.errors.notFound');
  await user.update({ email });
  await audit(actor, { action: 'update', entityType: 'user', entityId: user.id, unitId: user.unitId, after: { email: email ? 'set' : 'cleared' } });
}

export async function ownEmail(actor: Actor): Promise<string | null> {
  return (await User.findByPk(actor.id, { attributes: ['id', 'email'] }))?.email ?? null;
}

export async function listUnitsForSelect(): Promise<Array<{ id: number; code: string; name: string; kind: string }>> {
  const units = await Unit.findAll({ attributes: ['id', 'code', 'name', 'kind'], order: [['sortOrder', 'ASC']] });
  return units.map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind }));
}
