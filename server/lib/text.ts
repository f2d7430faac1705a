/**
 * The one rule for what is not text: C0 control characters other than tab, line feed and carriage return,
 * DEL, and half of a UTF-16 surrogate pair without its other half. Nobody types them; a NUL cuts SQLite's
 * statement short, and XML (xlsx) cannot hold any of them. The edge refuses them in requests and file reads.
 */
const NOT_TEXT_SOURCE = '[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]|\\p{Cs}';
const NOT_TEXT = new RegExp(NOT_TEXT_SOURCE, 'u');
const NOT_TEXT_ALL = new RegExp(NOT_TEXT_SOURCE, 'gu');

export const isText = (value: string): boolean => !NOT_TEXT.test(value);

/** The same characters removed, for input that cannot be sent back to be fixed (a spreadsheet's cell). */
export const withoutNonText = (value: string): string => value.replace(NOT_TEXT_ALL, '');

/** Text as stored: NFC, trimmed, inner whitespace collapsed. Input from macOS arrives decomposed (NFD). */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export function cleanOptional(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const cleaned = cleanText(value);
  return cleaned === '' ? null : cleaned;
}

/**
 * The accent- and case-free form used to search names: "Nguyễn Thị Hằng" → "nguyen thi hang".
 * Kept in its own column so every database searches the same way, whatever its collation.
 */
export function searchKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Personal identifiers are shown masked by default: 034012345612 → 0340******12. */
export function maskNationalId(value: string | null | undefined): string | null {
  if (!value) return null;
  if (value.length <= 6) return '*'.repeat(value.length);
  return value.slice(0, 4) + '*'.repeat(value.length - 6) + value.slice(-2);
}
