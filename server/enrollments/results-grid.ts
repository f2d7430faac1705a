// The results grid as a form: for each enrollment `a_<id>` (attendance, %), `s_<id>` (score), `v_<id>` (the
// version the page was drawn from) and `oa_<id>`/`os_<id>` (the values it showed). Comparing the typed value with
// the shown one tells which rows the user changed, so a row someone else saved meanwhile is refused only when
// this user changed it too — two people can fill in two halves of a roster at once without losing either half.
import { t, type Locale } from '../i18n/index.js';
import { resultNote, type GradingRules } from '../programs/grading.js';

export interface GridSubmission {
  id: number;
  lockVersion: number;
  /** 0–1, or null for "no value". */
  attendance: number | null;
  score: number | null;
  /** The values the page showed; absent when the client did not send them. */
  original?: { attendance: number | null; score: number | null };
}

/** "92,5" → 92.5; "" → null; anything else → NaN. */
export function parseDecimal(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  const text = String(value).trim().replace(',', '.');
  if (text === '') return null;
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

const attendanceOf = (percent: number) => Math.round(percent * 10) / 1000;

export function sameValue(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) < 1e-6;
}

/** Reads the grid's fields; each invalid cell gets a message key under its field name. */
export function parseGridBody(body: Record<string, unknown>): { submissions: GridSubmission[]; errors: Record<string, string> } {
  const submissions: GridSubmission[] = [];
  const errors: Record<string, string> = {};
  for (const key of Object.keys(body)) {
    const m = /^v_(\d{1,10})$/.exec(key);
    if (!m) continue;
    const id = Number(m[1]);
    const lockVersion = Number(body[key]);
    if (!Number.isInteger(lockVersion) || lockVersion < 0) continue;

    const percent = parseDecimal(body[`a_${id}`]);
    if (percent !== null && (Number.isNaN(percent) || percent > 100)) errors[`a_${id}`] = 'enrollments.errors.attendanceRange';
    const score = parseDecimal(body[`s_${id}`]);
    if (score !== null && (Number.isNaN(score) || score > 10)) errors[`s_${id}`] = 'enrollments.errors.scoreRange';
    else if (score !== null && Math.abs(score * 10 - Math.round(score * 10)) > 1e-6) errors[`s_${id}`] = 'enrollments.errors.scoreDecimals';

    const oa = parseDecimal(body[`oa_${id}`]);
    const os = parseDecimal(body[`os_${id}`]);
    const hasOriginal = `oa_${id}` in body && `os_${id}` in body && !Number.isNaN(oa) && !Number.isNaN(os);
    submissions.push({
      id,
      lockVersion,
      attendance: percent === null || Number.isNaN(percent) ? null : attendanceOf(percent),
      score: score === null || Number.isNaN(score) ? null : Math.round(score * 10) / 10,
      ...(hasOriginal ? { original: { attendance: oa === null ? null : attendanceOf(oa), score: os } } : {}),
    });
  }
  return { submissions, errors };
}

/** Whether this submission asks for a change the user made on the page (not one merely drawn from old data). */
export function changedByUser(s: GridSubmission, current: { attendance: number | null; score: number | null }): boolean {
  const base = s.original ?? current;
  return !sameValue(s.attendance, base.attendance) || !sameValue(s.score, base.score);
}

const formats = new Map<Locale, Intl.NumberFormat>();
/** 92.5 → "92,5"; 92 → "92" (no grouping: these go back into inputs). */
export function decimalText(value: number | null, locale: Locale): string {
  if (value === null || value === undefined) return '';
  let f = formats.get(locale);
  if (!f) formats.set(locale, (f = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1, useGrouping: false })));
  return f.format(value);
}

export const attendanceText = (attendance: number | null, locale: Locale) => decimalText(attendance === null ? null : attendance * 100, locale);

export interface GridRowData {
  id: number;
  lockVersion: number;
  attendance: number | null;
  score: number | null;
}

export interface GridInputs {
  /** What the inputs show: the user's own edits when the form is drawn again, the stored values otherwise. */
  inputAttendance: string;
  inputScore: string;
  /** The stored values, for the hidden oa_/os_ fields and the "current" note. */
  attendanceText: string;
  scoreText: string;
  /** The user changed this row and someone else saved it meanwhile. */
  changedElsewhere: boolean;
}

export function gridInputs(row: GridRowData, body: Record<string, unknown> | undefined, locale: Locale): GridInputs {
  const stored = { attendanceText: attendanceText(row.attendance, locale), scoreText: decimalText(row.score, locale) };
  const submitted = body && `v_${row.id}` in body ? parseGridBody(pick(body, row.id)).submissions[0] : undefined;
  const raw = (key: string) => String(body?.[`${key}_${row.id}`] ?? '').trim();
  // An unreadable entry ("abc") counts as the user's change too, so it stays in the input beside its error.
  const typed = raw('a') !== raw('oa') || raw('s') !== raw('os');
  if (!submitted || !(typed || changedByUser(submitted, row))) {
    return { ...stored, inputAttendance: stored.attendanceText, inputScore: stored.scoreText, changedElsewhere: false };
  }
  const differsNow = !sameValue(submitted.attendance, row.attendance) || !sameValue(submitted.score, row.score);
  return {
    ...stored,
    inputAttendance: String(body![`a_${row.id}`] ?? ''),
    inputScore: String(body![`s_${row.id}`] ?? ''),
    changedElsewhere: submitted.lockVersion !== row.lockVersion && differsNow,
  };
}

function pick(body: Record<string, unknown>, id: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const prefix of ['v_', 'a_', 's_', 'oa_', 'os_']) if (`${prefix}${id}` in body) out[`${prefix}${id}`] = body[`${prefix}${id}`];
  return out;
}

// --- The warning on a row ---

/** The program's required share as the page shows it: 0.8 → "80%", 0.875 → "87,5%". */
const minText = (rules: GradingRules, locale: Locale) => `${attendanceText(rules.minAttendance, locale)}%`;

/**
 * What the grid tells the browser so it can warn on a row as the user types, before anything is saved
 * (views/assets/results-grid.js): the rule, the thresholds and the two messages, the required share filled in.
 */
export function gridRule(rules: GradingRules, courseEnded: boolean, locale: Locale) {
  const min = minText(rules, locale);
  return {
    completionRule: rules.completionRule,
    pass: rules.gradePass,
    minAttendance: rules.minAttendance,
    numberLocale: locale === 'vi' ? 'vi-VN' : 'en-GB',
    msgBelow: t(locale, courseEnded ? 'enrollments.results.attendanceBelow' : 'enrollments.results.attendanceBelowOpen', { attendance: '{attendance}', min }),
    msgMissing: t(locale, 'enrollments.results.attendanceMissing', { min }),
  };
}

/**
 * The same warning drawn by the server, for the values the row's inputs show (the stored ones, or the user's
 * own entry when the form comes back), so it is there without JavaScript and after saving. A row whose
 * certificate was issued says so instead: its result is frozen, however short its attendance.
 */
export function gridNote(rules: GradingRules, courseEnded: boolean, row: { inputAttendance: string; inputScore: string; certified: boolean }, locale: Locale): string | null {
  const percent = parseDecimal(row.inputAttendance);
  const score = parseDecimal(row.inputScore);
  if (Number.isNaN(percent) || Number.isNaN(score)) return null;
  const attendance = percent === null ? null : attendanceOf(percent);
  const note = resultNote(rules, { score, attendance, withdrawn: false, courseEnded });
  const min = minText(rules, locale);
  const shown = `${attendanceText(attendance, locale)}%`;
  if (note === 'attendanceBelow' && row.certified) return t(locale, 'enrollments.results.attendanceBelowCertified', { attendance: shown, min });
  if (row.certified) return null;
  if (note === 'attendanceBelow') return t(locale, courseEnded ? 'enrollments.results.attendanceBelow' : 'enrollments.results.attendanceBelowOpen', { attendance: shown, min });
  if (note === 'attendanceMissing') return t(locale, 'enrollments.results.attendanceMissing', { min });
  return null;
}
