// Numbers and dates the Vietnamese way: 27.010, 98,5%, 15/12/2024. English pages use 27,010 and 98.5%.
import type { Locale } from '../i18n/index.js';

const TAGS: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };
const integerFormats = new Map<Locale, Intl.NumberFormat>();
const decimalFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number | null | undefined, locale: Locale = 'vi', fractionDigits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (fractionDigits === 0) {
    let format = integerFormats.get(locale);
    if (!format) integerFormats.set(locale, (format = new Intl.NumberFormat(TAGS[locale], { maximumFractionDigits: 0 })));
    return format.format(value);
  }
  const key = `${locale}:${fractionDigits}`;
  let format = decimalFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(TAGS[locale], { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
    decimalFormats.set(key, format);
  }
  return format.format(value);
}

/** A rate is a fraction (0.985); null means "not applicable" and shows as a dash, never as 0%. */
export function formatPercent(rate: number | null | undefined, locale: Locale = 'vi', fractionDigits = 1): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '–';
  return `${formatNumber(rate * 100, locale, fractionDigits)}%`;
}

/** Accepts 'YYYY-MM-DD' (kept as a calendar date, no time-zone shift) or a Date (shown in Vietnam time). */
export function formatDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
  }
  // An invalid Date, or no date at all (a list from a query string), shows as nothing rather than breaking the page.
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) return '';
  const parts = vietnamParts(value);
  return `${parts.day}/${parts.month}/${parts.year}`;
}

export function formatDateTime(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) return typeof value === 'string' ? value : '';
  const p = vietnamParts(date);
  return `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`;
}

const vietnamTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function vietnamParts(date: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const parts = Object.fromEntries(vietnamTime.formatToParts(date).map((p) => [p.type, p.value]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}

/** Today's calendar date in Vietnam, as 'YYYY-MM-DD'. */
export function todayInVietnam(now: Date = new Date()): string {
  const p = vietnamParts(now);
  return `${p.year}-${p.month}-${p.day}`;
}
