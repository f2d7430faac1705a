// Pure helpers for certificate numbers, verification codes and the order names are numbered in.
import { randomInt } from 'node:crypto';

/** "0125/2024/GCN-TTCTVL": the sequence within the issuing unit and year, the year, the unit's symbol. */
export function certificateNumber(seq: number, year: number, unitSymbol: string): string {
  return `${String(seq).padStart(4, '0')}/${year}/GCN-${unitSymbol}`;
}

/** Lower-case letters and digits without look-alikes (no l, o, 0, 1): survives any collation and a phone call. */
export const VERIFY_CODE_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
export const VERIFY_CODE_LENGTH = 16;

/** 16 characters from a 32-letter alphabet: 80 bits from the operating system's random source. */
export function newVerifyCode(): string {
  let code = '';
  for (let i = 0; i < VERIFY_CODE_LENGTH; i++) code += VERIFY_CODE_ALPHABET[randomInt(VERIFY_CODE_ALPHABET.length)];
  return code;
}

const VERIFY_CODE_PATTERN = new RegExp(`^[${VERIFY_CODE_ALPHABET}]{${VERIFY_CODE_LENGTH}}$`);

/** A code as typed or scanned ("ABCD EFGH …" from a phone call) → its stored form, or null if it cannot be one. */
export function normalizeVerifyCode(input: string): string | null {
  const code = input.normalize('NFC').replace(/[\s-]/g, '').toLowerCase();
  return VERIFY_CODE_PATTERN.test(code) ? code : null;
}

const collator = new Intl.Collator('vi', { numeric: true });
const givenName = (fullName: string) => fullName.trim().split(/\s+/).pop() ?? '';

/**
 * Vietnamese class lists run by given name (tên, the last word), then by the whole name: "Trần Văn An" before
 * "Lê Thị Bình". Certificates of a course are numbered in that order.
 */
export function byGivenName(a: { fullName: string; id: number }, b: { fullName: string; id: number }): number {
  return collator.compare(givenName(a.fullName), givenName(b.fullName)) || collator.compare(a.fullName, b.fullName) || a.id - b.id;
}
