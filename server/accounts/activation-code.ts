// One-time activation codes: 10 characters from an alphabet without look-alikes (no I, L, O, 0, 1), read
// out as ABCD-EFGH-JK. 31^10 ≈ 2^49.5 possibilities.
//
// Stored as HMAC-SHA256 under a key derived from the session secret, not with scrypt: a class of 140 would
// cost 140 scrypt runs of 128 MiB each per issue, while the short code is already protected online by the
// attempt limit and the sign-in throttle, and offline — a copied database — by the key, which is not in the
// database. The price: changing SESSION_SECRET voids outstanding codes (staff issue new ones).
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 10;
/** Wrong codes accepted against one account before its code stops working even when right. */
export const MAX_FAILED_ATTEMPTS = 5;

export function generateCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** "abcd efgh-jk" → "ABCDEFGHJK": case, spaces and dashes do not matter when typing it. */
export function normalizeCode(input: string): string {
  return input.normalize('NFC').toUpperCase().replace(/[\s\-_.]/g, '');
}

export function isWellFormedCode(code: string): boolean {
  return code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c));
}

/** "ABCDEFGHJK" → "ABCD-EFGH-JK", for reading aloud and printing. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** The HMAC key, derived once from the session secret for this one purpose. */
export function activationKey(sessionSecret: string): Buffer {
  return createHmac('sha256', sessionSecret).update('account-activation-code/v1').digest();
}

/** Bound to the account, so a code can never be replayed against another one. */
export function codeDigest(key: Buffer, userId: number, code: string): string {
  return createHmac('sha256', key).update(`${userId}:${normalizeCode(code)}`).digest('hex');
}

export function digestMatches(stored: string, candidate: string): boolean {
  const a = Buffer.from(stored, 'hex');
  const b = Buffer.from(candidate, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}
