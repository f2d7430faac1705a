// Reading one cell's value the way center staff write it. Each parser returns the value, or a Problem (a message
// key under imports.cell and its parameters); none of them throws. A blank cell is null, never an error here:
// whether a value is required is the row's business.
import { isIsoDate } from '../http/fields.js';
import { maskNationalId, searchKey, withoutNonText } from '../lib/text.js';
import type { Grade } from '../enrollments/enrollment.model.js';
import type { Gender } from '../trainees/trainee.model.js';
import type { Problem } from './issues.js';
import { isBlank, isCellError, type CellValue } from './sheet.js';

export type Parsed<T> = { value: T; warning?: Problem } | { problem: Problem };
const ok = <T>(value: T, warning?: Problem): Parsed<T> => (warning ? { value, warning } : { value });
const bad = <T>(key: string, params?: Problem['params']): Parsed<T> => ({ problem: { key: `imports.cell.${key}`, params } });

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/**
 * Text as stored: NFC, no zero-width or control characters (an xlsx cell can spell them _x0000_), spaces collapsed,
 * trimmed; our own export's "'" guard removed.
 */
export function cellText(v: CellValue | undefined): string | null {
  if (isBlank(v) || v === undefined || v === null || isCellError(v)) return null;
  let s: string;
  if (typeof v === 'string') s = v;
  else if (typeof v === 'number') s = numberText(v);
  else if (typeof v === 'boolean') s = v ? 'TRUE' : 'FALSE';
  else s = isoOf(v).split('-').reverse().join('/');
  s = withoutNonText(s).normalize('NFC').replace(ZERO_WIDTH, '').replace(/\s+/g, ' ').trim();
  if (/^'[=+\-@]/.test(s)) s = s.slice(1);
  return s === '' ? null : s;
}

/** A number as people would write it, without float noise: 8.500000001 → "8.5". */
const numberText = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(12))));

/** A cell that shows an Excel error (#N/A, #VALUE!…) instead of a value. */
export function cellError(v: CellValue | undefined): Problem | null {
  return v !== undefined && isCellError(v) ? { key: 'imports.cell.formulaError', params: { value: v.error } } : null;
}

// ---- dates ----------------------------------------------------------------------------------------------

export type DateValue = { date: string; year: number } | { date: null; year: number };

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const MAX_SERIAL = 73050; // 31/12/2099

function fromSerial(serial: number): DateValue {
  const d = new Date(EXCEL_EPOCH + Math.floor(serial) * 86_400_000);
  return { date: isoOf(d), year: d.getUTCFullYear() };
}

function fromParts(y: number, m: number, d: number, raw: string): Parsed<DateValue> {
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  return isIsoDate(iso) ? ok({ date: iso, year: y }) : bad('badDate', { value: raw });
}

/**
 * dd/mm/yyyy (also d/m/yyyy, with - or . between), a bare year, ISO yyyy-mm-dd, 8 digits (ddmmyyyy or
 * yyyymmdd — never both readable), a real Excel date, or an Excel serial number. A year alone is a number
 * from 1900 to 2100; any other number is a serial. Two-digit years are refused rather than guessed.
 */
export function parseDate(v: CellValue | undefined): Parsed<DateValue> | null {
  if (isBlank(v) || v === undefined || v === null) return null;
  if (v instanceof Date) {
    // "1990" typed into a date-formatted cell is the serial 1990, a day in 1905: it was meant as a year.
    const serial = (v.getTime() - EXCEL_EPOCH) / 86_400_000;
    if (Number.isInteger(serial) && serial >= 1900 && serial <= 2100) return ok({ date: null, year: serial });
    return ok({ date: isoOf(v), year: v.getUTCFullYear() });
  }
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 1900 && v <= 2100) return ok({ date: null, year: v });
    if (v > 2100 && v <= MAX_SERIAL) return ok(fromSerial(v));
    return bad('badDate', { value: numberText(v) });
  }
  const raw = cellText(v);
  if (raw === null) return isCellError(v) ? bad('formulaError', { value: v.error }) : bad('badDate', { value: String(v) });
  let m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(raw);
  if (m) return fromParts(Number(m[3]), Number(m[2]), Number(m[1]), raw);
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(raw);
  if (m) return fromParts(Number(m[1]), Number(m[2]), Number(m[3]), raw);
  if (/^\d{4}$/.test(raw)) {
    const year = Number(raw);
    return year >= 1900 && year <= 2100 ? ok({ date: null, year }) : bad('badDate', { value: raw });
  }
  if (/^\d{8}$/.test(raw)) {
    const asYmd = fromParts(Number(raw.slice(0, 4)), Number(raw.slice(4, 6)), Number(raw.slice(6, 8)), raw);
    return 'value' in asYmd ? asYmd : fromParts(Number(raw.slice(4, 8)), Number(raw.slice(2, 4)), Number(raw.slice(0, 2)), raw);
  }
  if (/^\d{5}$/.test(raw) && Number(raw) <= MAX_SERIAL) return ok(fromSerial(Number(raw)));
  if (/^\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2}$/.test(raw)) return bad('twoDigitYear', { value: raw });
  return bad('badDate', { value: raw });
}

// ---- words ----------------------------------------------------------------------------------------------

/** Lower-case, accent-free, punctuation as spaces: "Đảng viên (dự bị)" → "dang vien du bi". */
export const wordKey = (s: string) => searchKey(s).replace(/[^a-z0-9√✓✔]+/g, ' ').trim();

const GENDERS: Record<string, Gender> = {
  nam: 'male', 'nam gioi': 'male', m: 'male', male: 'male', trai: 'male',
  nu: 'female', 'nu gioi': 'female', f: 'female', female: 'female', gai: 'female',
};

export function parseGender(v: CellValue | undefined): Parsed<Gender> | null {
  const text = cellText(v);
  if (text === null) return cellError(v) ? { problem: cellError(v)! } : null;
  const gender = GENDERS[wordKey(text)];
  return gender ? ok(gender) : bad('badGender', { value: text });
}

/** 'member' is "yes" without saying probationary or full: the row decides with the admission date. */
export type PartyWord = 'member' | 'probationary' | 'official' | 'masses';

const PARTY_WORDS: Record<string, PartyWord> = {};
const words = (kind: PartyWord, list: string[]) => list.forEach((w) => (PARTY_WORDS[w] = kind));
words('official', ['dang vien chinh thuc', 'chinh thuc', 'dv chinh thuc', 'dvct', 'ct']);
words('probationary', ['dang vien du bi', 'du bi', 'dv du bi', 'dvdb', 'db']);
words('member', ['co', 'x', 'yes', 'y', 'true', '1', 'dang vien', 'dv', 'la dang vien', 'co dang vien', '√', '✓', '✔']);
words('masses', ['khong', 'k', 'no', 'n', 'false', '0', 'quan chung', 'qc', 'chua', 'chua la dang vien', 'khong phai dang vien', 'khong la dang vien']);

export function parseParty(v: CellValue | undefined): Parsed<PartyWord> | null {
  if (typeof v === 'boolean') return ok(v ? 'member' : 'masses');
  const text = cellText(v);
  if (text === null) return cellError(v) ? { problem: cellError(v)! } : null;
  const key = wordKey(text);
  const word = PARTY_WORDS[key] ?? (text.trim() === '-' ? 'masses' : undefined);
  return word ? ok(word) : bad('badParty', { value: text });
}

// ---- identifiers and contacts ----------------------------------------------------------------------------

/**
 * A citizen ID is 12 digits and always starts with the 0 of its 3-digit province code (001–096), so when Excel
 * has stored it as a number, the zeros it dropped are known: 10 or 11 digits are padded back, with a warning.
 * The same goes for digits in a CSV saved from such a sheet. Scientific notation (3.4E+10) has lost digits for good.
 */
export function parseNationalId(v: CellValue | undefined): Parsed<string> | null {
  let digits: string;
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v <= 0 || v >= 1e12) return bad('badNationalId', { digits: numberText(v).replace(/\D/g, '').length });
    digits = String(v);
  } else {
    const text = cellText(v);
    if (text === null) return cellError(v) ? { problem: cellError(v)! } : null;
    if (/^\d([.,]\d+)?e\+?\d+$/i.test(text)) return bad('nationalIdScientific');
    const compact = text.replace(/[\s.-]/g, '');
    if (!/^\d+$/.test(compact)) return bad('nationalIdNotDigits');
    digits = compact;
  }
  if (digits.length === 12) return ok(digits);
  // Only a value that does not start with 0 can have lost zeros; "03409000123" is a typo, not a number.
  if ((digits.length === 10 || digits.length === 11) && !digits.startsWith('0')) {
    const padded = digits.padStart(12, '0');
    return ok(padded, { key: 'imports.cell.nationalIdPadded', params: { value: maskNationalId(padded)! } });
  }
  if (digits.length === 9) return bad('nationalIdOldCard');
  return bad('badNationalId', { digits: digits.length });
}

/** Vietnamese numbers: 10 digits from 0 (11 for old landlines); +84 or 84 becomes 0; a dropped leading 0 is restored. */
export function parsePhone(v: CellValue | undefined): Parsed<string> | null {
  const text = typeof v === 'number' ? (Number.isInteger(v) && v > 0 ? String(v) : numberText(v)) : cellText(v);
  if (text === null) return cellError(v) ? { problem: cellError(v)! } : null;
  let digits = text.replace(/[\s.()-]/g, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (/^84\d{9,10}$/.test(digits)) digits = `0${digits.slice(2)}`;
  else if (/^[1-9]\d{8,9}$/.test(digits)) digits = `0${digits}`;
  return /^0\d{9,10}$/.test(digits) ? ok(digits) : bad('badPhone', { value: text });
}

const EMAIL = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[a-z]{2,}$/i;

export function parseEmail(v: CellValue | undefined): Parsed<string> | null {
  const text = cellText(v);
  if (text === null) return cellError(v) ? { problem: cellError(v)! } : null;
  return EMAIL.test(text) && text.length <= 150 ? ok(text) : bad('badEmail', { value: text });
}

// ---- results --------------------------------------------------------------------------------------------

/** Scores are out of 10 with one decimal; "8,5" and "8.5" are the same; more decimals are rounded, with a warning. */
export function parseScore(v: CellValue | undefined): Parsed<number> | null {
  let n: number;
  let raw: string;
  if (typeof v === 'number') {
    n = v;
    raw = numberText(v);
  } else {
    const text = cellText(v);
    if (text === null) return cellError(v) ? { problem: cellError(v)! } : null;
    raw = text;
    if (!/^\d{1,2}([.,]\d+)?$/.test(text)) return bad('badScore', { value: text });
    n = Number(text.replace(',', '.'));
  }
  if (!Number.isFinite(n) || n < 0 || n > 10) return bad('badScore', { value: raw });
  const rounded = Math.round(n * 10 + 1e-9) / 10;
  return Math.abs(rounded - n) > 1e-9 ? ok(rounded, { key: 'imports.cell.scoreRounded', params: { value: raw, rounded: String(rounded).replace('.', ',') } }) : ok(rounded);
}

/**
 * Attendance as a share 0–1: "95%", "95", 0.95 (a percent-formatted cell) and "18/20" sessions all read 0.95.
 * A bare number up to 1 is a share, above 1 a percentage.
 */
export function parseAttendance(v: CellValue | undefined): Parsed<number> | null {
  let share: number;
  let raw: string;
  if (typeof v === 'number') {
    raw = numberText(v);
    share = v <= 1 ? v : v / 100;
  } else {
    const text = cellText(v);
    if (text === null) return cellError(v) ? { problem: cellError(v)! } : null;
    raw = text;
    const compact = text.replace(/\s/g, '').replace(',', '.');
    const fraction = /^(\d+)\/(\d+)$/.exec(compact);
    if (fraction) {
      const [attended, total] = [Number(fraction[1]), Number(fraction[2])];
      share = total > 0 && attended <= total ? attended / total : NaN;
    } else if (/^\d+(\.\d+)?%$/.test(compact)) {
      share = Number(compact.slice(0, -1)) / 100;
    } else if (/^\d+(\.\d+)?$/.test(compact)) {
      const n = Number(compact);
      share = n <= 1 ? n : n / 100;
    } else {
      share = NaN;
    }
  }
  if (!Number.isFinite(share) || share < 0 || share > 1) return bad('badAttendance', { value: raw });
  return ok(Math.round(share * 1000) / 1000);
}

const GRADE_WORDS: Record<string, Grade | 'pass'> = {
  'xuat sac': 'excellent', gioi: 'good', kha: 'fair', 'trung binh': 'average', tb: 'average',
  'khong dat': 'fail', yeu: 'fail', kem: 'fail', 'yeu kem': 'fail', dat: 'pass',
};

/** Xếp loại: one of the five grades, or "Đạt" (passed, without a grade) for unscored programs. */
export function parseGrade(v: CellValue | undefined): Parsed<Grade | 'pass'> | null {
  const text = cellText(v);
  if (text === null) return cellError(v) ? { problem: cellError(v)! } : null;
  const grade = GRADE_WORDS[wordKey(text)];
  return grade ? ok(grade) : bad('badGrade', { value: text });
}

export type Outcome = 'completed' | 'failed' | 'withdrawn' | 'enrolled';
const OUTCOME_WORDS: Record<string, Outcome> = {
  'hoan thanh': 'completed', dat: 'completed', 'da hoan thanh': 'completed', 'tot nghiep': 'completed',
  'khong hoan thanh': 'failed', 'chua hoan thanh': 'failed', 'khong dat': 'failed', 'chua dat': 'failed',
  'thoi hoc': 'withdrawn', 'bo hoc': 'withdrawn', 'nghi hoc': 'withdrawn', 'rut': 'withdrawn', 'rut ten': 'withdrawn',
  'dang hoc': 'enrolled', 'chua co ket qua': 'enrolled',
};

/** Kết quả: completed, not completed, withdrawn — or still studying. */
export function parseOutcome(v: CellValue | undefined): Parsed<Outcome> | null {
  const text = cellText(v);
  if (text === null) return cellError(v) ? { problem: cellError(v)! } : null;
  const outcome = OUTCOME_WORDS[wordKey(text)];
  return outcome ? ok(outcome) : bad('badOutcome', { value: text });
}
