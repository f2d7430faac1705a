// One roster row → the trainee it describes and the enrollment's sending organisation, or the reasons it cannot
// be imported. Pure: the matching against trainees already in the system happens in roster-preview.ts.
import { searchKey } from '../lib/text.js';
import type { Gender, PartyStatus } from '../trainees/trainee.model.js';
import type { Field } from './columns.js';
import { birthCell, type ColumnMap } from './header.js';
import type { Issue, Problem } from './issues.js';
import type { CellValue, SheetRow } from './sheet.js';
import { cellError, cellText, parseDate, parseEmail, parseGender, parseNationalId, parseParty, parsePhone, type Parsed } from './values.js';

export interface TraineeFields {
  fullName: string;
  searchName: string;
  birthDate: string | null;
  birthYear: number;
  gender: Gender | null;
  nationalId: string | null;
  ethnicity: string | null;
  religion: string | null;
  workplace: string | null;
  position: string | null;
  partyStatus: PartyStatus | null;
  partyJoinedOn: string | null;
  partyOfficialOn: string | null;
  phone: string | null;
  email: string | null;
  hometown: string | null;
  address: string | null;
  educationLevel: string | null;
  professionalLevel: string | null;
  theoryLevel: string | null;
}

export interface RosterRowData {
  trainee: TraineeFields;
  sendingOrg: string | null;
}

export interface RowContext {
  /** Today in Vietnam, 'YYYY-MM-DD': dates after it are refused, and a recent admission means probationary. */
  today: string;
}

/** The example row of the downloadable template: imported by mistake, it would become a real person. */
export const TEMPLATE_EXAMPLE = {
  fullName: 'Nguyễn Thị Hằng',
  nationalId: '033190001234',
} as const;

/** Column widths of the trainees table, so that a too-long value is an error here rather than a 500 at commit. */
const MAX_LENGTH: Partial<Record<Field, number>> = {
  fullName: 150, ethnicity: 50, religion: 50, workplace: 255, position: 150, sendingOrg: 255, hometown: 255, address: 255,
  educationLevel: 50, professionalLevel: 100, theoryLevel: 50,
};

const NAME = /^[\p{L}\p{M}][\p{L}\p{M} '’.-]*$/u;
const PROBATION_MONTHS = 12;

export function validateRosterRow(sheetRow: SheetRow, map: ColumnMap, ctx: RowContext): { data: RosterRowData | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const failed = new Set<Field>();
  const column = (field: Field) => map.at[field]?.header ?? '';
  const cell = (field: Field): CellValue | undefined => {
    const c = map.at[field];
    return c ? sheetRow.cells[c.index] : undefined;
  };
  const report = (field: Field, problem: Problem, level: Issue['level'] = 'error'): null => {
    issues.push({ level, row: sheetRow.row, column: column(field), key: problem.key, params: problem.params });
    if (level === 'error') failed.add(field);
    return null;
  };
  const take = <T>(field: Field, parsed: Parsed<T> | null): T | null => {
    if (!parsed) return null;
    if ('problem' in parsed) return report(field, parsed.problem);
    if (parsed.warning) report(field, parsed.warning, 'warning');
    return parsed.value;
  };
  const text = (field: Field): string | null => {
    const error = cellError(cell(field));
    if (error) return report(field, error);
    const value = cellText(cell(field));
    const max = MAX_LENGTH[field];
    if (value !== null && max && value.length > max) return report(field, { key: 'imports.cell.tooLong', params: { max } });
    return value;
  };

  // Name: one column, or "Họ và tên đệm" + "Tên".
  const nameField: Field = map.at.fullName ? 'fullName' : 'givenName';
  let fullName: string | null;
  if (map.at.fullName) {
    fullName = text('fullName');
  } else {
    const parts = [text('familyMiddleName'), text('givenName')];
    fullName = parts.every(Boolean) ? parts.join(' ') : null;
  }
  if (fullName === null) {
    if (!failed.has('fullName') && !failed.has('familyMiddleName') && !failed.has('givenName')) report(nameField, { key: 'imports.cell.nameRequired' });
  } else if (!NAME.test(fullName)) {
    fullName = report(nameField, { key: 'imports.cell.badName' });
  } else if (fullName.length > 150) {
    fullName = report(nameField, { key: 'imports.cell.tooLong', params: { max: 150 } });
  }

  const currentYear = Number(ctx.today.slice(0, 4));
  const birthAt = birthCell(map, sheetRow.cells);
  let birth = birthAt.both ? report(birthAt.field, { key: 'imports.cell.birthBothSexes' }) : take(birthAt.field, parseDate(birthAt.value));
  if (!birth && !failed.has(birthAt.field)) report(birthAt.field, { key: 'imports.cell.birthRequired' });
  // An implausible birth date is not compared with anything else: one error, not a cascade.
  if (birth && (birth.year < 1900 || birth.year > currentYear - 14)) birth = report(birthAt.field, { key: 'imports.cell.birthImplausible', params: { year: birth.year } });
  else if (birth?.date && birth.date > ctx.today) birth = report(birthAt.field, { key: 'imports.cell.dateFuture' });

  const nationalId = take('nationalId', parseNationalId(cell('nationalId')));
  let gender = take('gender', parseGender(cell('gender')));
  if (birthAt.gender) {
    if (gender && gender !== birthAt.gender) report('gender', { key: 'imports.cell.genderMismatch' });
    gender = birthAt.gender;
  }
  const partyWord = take('partyStatus', parseParty(cell('partyStatus')));
  const joined = fullDate('partyJoinedOn');
  const official = fullDate('partyOfficialOn');
  function fullDate(field: Field): string | null {
    const parsed = take(field, parseDate(cell(field)));
    if (!parsed) return null;
    if (!parsed.date) return report(field, { key: 'imports.cell.fullDateRequired' });
    if (parsed.date > ctx.today) return report(field, { key: 'imports.cell.dateFuture' });
    return parsed.date;
  }

  if (nationalId && birth && gender && !consistentId(nationalId, birth.year, gender)) {
    report('nationalId', { key: 'imports.cell.nationalIdMismatch' }, 'warning');
  }

  let partyStatus: PartyStatus | null = null;
  if (partyWord === 'masses') {
    if (joined || official) report(joined ? 'partyJoinedOn' : 'partyOfficialOn', { key: 'imports.cell.partyDateButMasses' });
    else partyStatus = 'masses';
  } else if (partyWord === 'probationary' || partyWord === 'official') {
    partyStatus = partyWord;
  } else if (partyWord === 'member' || joined || official) {
    // "Có" says member but not which kind: a full member unless admitted less than 12 months ago.
    partyStatus = !official && joined && joined > monthsBefore(ctx.today, PROBATION_MONTHS) ? 'probationary' : 'official';
  }
  if (joined && birth) {
    const birthDay = birth.date ?? `${birth.year}-01-01`;
    if (joined <= birthDay) report('partyJoinedOn', { key: 'imports.cell.partyBeforeBirth' });
    else if (joined < yearsAfter(birthDay, 18)) report('partyJoinedOn', { key: 'imports.cell.partyUnder18' }, 'warning');
  }
  if (joined && official && official <= joined) report('partyOfficialOn', { key: 'imports.cell.officialBeforeJoined' });

  const phone = take('phone', parsePhone(cell('phone')));
  const email = take('email', parseEmail(cell('email')));
  const fields = {
    ethnicity: text('ethnicity'),
    religion: text('religion'),
    workplace: text('workplace'),
    position: text('position'),
    hometown: text('hometown'),
    address: text('address'),
    educationLevel: text('educationLevel'),
    professionalLevel: text('professionalLevel'),
    theoryLevel: text('theoryLevel'),
  };
  const sendingOrg = text('sendingOrg');

  if (fullName && nationalId === TEMPLATE_EXAMPLE.nationalId && searchKey(fullName) === searchKey(TEMPLATE_EXAMPLE.fullName)) {
    report(nameField, { key: 'imports.cell.exampleRow' });
  }

  if (issues.some((i) => i.level === 'error') || !fullName || !birth) return { data: null, issues };
  return {
    data: {
      trainee: {
        fullName,
        searchName: searchKey(fullName),
        birthDate: birth.date,
        birthYear: birth.year,
        gender,
        nationalId,
        partyStatus,
        partyJoinedOn: joined,
        partyOfficialOn: official,
        phone,
        email,
        ...fields,
      },
      sendingOrg,
    },
    issues,
  };
}

/**
 * Digits 4–6 of a citizen ID encode the century and sex (0 man / 1 woman born 1900–1999, 2 / 3 born 2000–2099)
 * and the last two digits of the birth year (Thông tư 07/2016/TT-BCA). A mismatch usually means a typo.
 */
export function consistentId(nationalId: string, birthYear: number, gender: Gender): boolean {
  const code = Number(nationalId[3]);
  const century = Math.floor(code / 2);
  const female = code % 2 === 1;
  if (code > 3) return true; // born from 2100 on, or a code we do not know: nothing to compare
  return 1900 + century * 100 + Number(nationalId.slice(4, 6)) === birthYear && female === (gender === 'female');
}

function monthsBefore(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 - months, d));
  return date.toISOString().slice(0, 10);
}

function yearsAfter(iso: string, years: number): string {
  return `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;
}
