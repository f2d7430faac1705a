// Numbers as a correction form's inputs hold them: "8,5" (no grouping, at most one decimal), attendance as a
// percentage ("92,5" for 0.925); empty for no value.
import type { Locale } from '../i18n/index.js';

const formats = new Map<Locale, Intl.NumberFormat>();

export function decimalTextOf(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return '';
  let format = formats.get(locale);
  if (!format) formats.set(locale, (format = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1, useGrouping: false })));
  return format.format(value);
}

export const attendanceTextOf = (attendance: number | null | undefined, locale: Locale) =>
  decimalTextOf(attendance === null || attendance === undefined ? null : Math.round(attendance * 1000) / 10, locale);
