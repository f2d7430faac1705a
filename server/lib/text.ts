// Text as stored: NFC, trimmed, inner whitespace collapsed. Input from macOS arrives decomposed (NFD).
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
