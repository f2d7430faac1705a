// API tokens for scripts and other systems: "lt_" + 32 random bytes, shown once; only a SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto';
import { Op } from 'sequelize';
import { ApiToken, Unit, User } from '../db/models.js';
import { AppError } from '../http/errors.js';
import { normalizeUsername, toActor, withInheritedUnits } from '../users/users.service.js';
import type { Actor } from './actor.js';

const PREFIX = 'lt_';
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface TokenRow {
  id: number;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revoked: boolean;
}

export async function createToken(userId: number, name: string, expiresAt: Date | null = null): Promise<{ token: string; row: TokenRow }> {
  const token = PREFIX + randomBytes(32).toString('base64url');
  const row = await ApiToken.create({ userId, name, tokenHash: hash(token), tokenPrefix: token.slice(0, 10), expiresAt });
  return { token, row: toRow(row) };
}

export async function createTokenForUsername(username: string, name: string): Promise<string> {
  const user = await User.findOne({ where: { username: normalizeUsername(username) } });
  if (!user) throw new AppError('not_found', 'users.unknownUser');
  if (user.disabledAt) throw new AppError('invalid', 'users.disabled');
  return (await createToken(user.id, name)).token;
}

function toRow(t: ApiToken): TokenRow {
  return {
    id: t.id,
    name: t.name,
    prefix: t.tokenPrefix,
    createdAt: t.createdAt,
    lastUsedAt: t.lastUsedAt ?? null,
    expiresAt: t.expiresAt ?? null,
    revoked: t.revokedAt !== null && t.revokedAt !== undefined,
  };
}

export async function listTokens(userId: number): Promise<TokenRow[]> {
  const tokens = await ApiToken.findAll({ where: { userId }, order: [['createdAt', 'DESC']] });
  return tokens.map(toRow);
}

/** The user's tokens that still open the API: not revoked, not expired. */
export async function liveTokenCount(userId: number): Promise<number> {
  return ApiToken.count({ where: { userId, revokedAt: null, [Op.or]: [{ expiresAt: null }, { expiresAt: { [Op.gt]: new Date() } }] } });
}

/** Revokes a token of the given user (an admin may pass any user id). */
export async function revokeToken(userId: number, tokenId: number): Promise<void> {
  const [count] = await ApiToken.update({ revokedAt: new Date() }, { where: { id: tokenId, userId, revokedAt: null } });
  if (count === 0) throw new AppError('not_found', 'common.errors.notFound');
}

/** The actor behind a bearer token, or null when it is unknown, revoked, expired or its account disabled. */
export async function actorForToken(token: string): Promise<Actor | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const row = await ApiToken.findOne({
    where: { tokenHash: hash(token), revokedAt: null, [Op.or]: [{ expiresAt: null }, { expiresAt: { [Op.gt]: new Date() } }] },
    include: [{ model: User, as: 'user', include: [{ model: Unit, as: 'unit', attributes: ['id', 'name', 'code'] }] }],
  });
  const user = (row as (ApiToken & { user?: User & { unit?: Unit } }) | null)?.user;
  if (!row || !user || user.disabledAt) return null;
  // Recording every use would write on every request; once a minute is enough to see which tokens live.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await ApiToken.update({ lastUsedAt: new Date() }, { where: { id: row.id } });
  }
  return withInheritedUnits(toActor(user, 'token'));
}
