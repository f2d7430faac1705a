// Breakdowns the board is asked for (issue #11, item 9): the progress report's enrollments by gender,
// ethnicity, Party status and sending organisation. Same scope, window and definitions as the progress
// report (report-scope.ts); the database groups (breakdowns.queries.ts), this file folds the spellings of
// free text, orders the rows and turns counts into rates. See CONTEXT.md "Breakdowns".
import type { Actor } from '../auth/actor.js';
import { cleanText } from '../lib/text.js';
import { todayInVietnam } from '../lib/format.js';
import { GENDERS, PARTY_STATUSES } from '../trainees/trainee.model.js';
import { loadSuccession, rollupTargets, unitNamer } from '../units/index.js';
import { countsByValue, traineesByGroup, type BreakdownColumn, type GroupCounts, type ValueCounts } from './breakdowns.queries.js';
import { ratio } from './figures.js';
import { database, reportScope, resolveReportInput, type ReportInput } from './report-scope.js';
import type { Period, ReportView, UnitLabel } from './report.types.js';

export const BREAKDOWN_DIMENSIONS = ['gender', 'ethnicity', 'partyStatus', 'sendingOrg'] as const satisfies readonly BreakdownColumn[];
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

/** Sending organisations shown by name, the most enrollments first; the rest are one "Khác" row. */
export const SENDING_ORG_TOP = 20;
/** The ethnicity listed first whatever its count (DOMAIN: most trainees are Kinh). Compared case-folded. */
export const FIRST_ETHNICITY = 'Kinh';

export type BreakdownInput = ReportInput;

export interface BreakdownFigures extends GroupCounts {
  /** completed ÷ finished; null when nothing has finished. */
  completionRate: number | null;
  /** enrolled ÷ the enrollments of the whole breakdown; null when there are none. */
  share: number | null;
}

export interface BreakdownRow extends BreakdownFigures {
  /** `value`: one value; `missing`: not recorded (chưa ghi); `other`: the sending organisations beyond the top ones (khác). */
  kind: 'value' | 'missing' | 'other';
  /** The code (male, official, …) or, for free text, the spelling most enrolled under; null for missing and other. */
  value: string | null;
  /** How many distinct values the row gathers: the spellings folded into a value, or the organisations in "other". */
  values: number;
}

export interface Breakdown {
  dimension: BreakdownDimension;
  rows: BreakdownRow[];
}

export interface BreakdownReport {
  year: number;
  asOf: string;
  period: Period;
  view: ReportView;
  window: { from: string; to: string };
  /** The unit asked for (or a center's own), named as the progress report names it; null for the province. */
  unit: UnitLabel | null;
  /** Every enrollment of the window once; `trainees` counts each person once. */
  totals: BreakdownFigures;
  /** In the order of BREAKDOWN_DIMENSIONS. */
  dimensions: Breakdown[];
}

export async function breakdownReport(actor: Actor, input: BreakdownInput): Promise<BreakdownReport> {
  const { year, period, view, rolledUp, asOf, window, dates } = resolveReportInput(input);
  const sequelize = database();
  // The attributes do not depend on the unit: rolled up, the scope alone changes (a unit covers its
  // predecessors' courses), so the province's figures are the same both ways.
  const { scope, unitId } = await reportScope(actor, input.unitCode, rolledUp ? rollupTargets(await loadSuccession()) : undefined);

  const [gender, ethnicity, partyStatus, sendingOrg, namer] = await Promise.all([
    countsByValue(sequelize, 'gender', dates, scope),
    countsByValue(sequelize, 'ethnicity', dates, scope),
    countsByValue(sequelize, 'partyStatus', dates, scope),
    countsByValue(sequelize, 'sendingOrg', dates, scope),
    unitId === null ? null : unitNamer([unitId]),
  ]);

  // Each person has one gender: the persons of the gender rows add up to the persons of the window.
  const total = sumCounts(gender);
  const figures = (c: GroupCounts): BreakdownFigures => ({ ...c, completionRate: ratio(c.completed, c.finished), share: ratio(c.enrolled, total.enrolled) });
  const row = (kind: BreakdownRow['kind'], value: string | null, values: number, c: GroupCounts): BreakdownRow => ({ kind, value, values, ...figures(c) });

  // A sending organisation is the enrollment's: one person may come from two, so the persons of a group of
  // spellings, and of the remainder, are counted again in SQL over the groups kept.
  const orgs = foldSpellings(sendingOrg).sort(byEnrolled);
  const top = orgs.slice(0, SENDING_ORG_TOP);
  const rest = orgs.slice(SENDING_ORG_TOP);
  const orgTrainees = await traineesByGroup(
    sequelize,
    'sendingOrg',
    top.map((g) => g.spellings),
    dates,
    scope,
  );
  const orgMissing = sendingOrg.find((r) => r.value === null);
  const orgRows = [
    ...top.map((g, i) => row('value', g.label, g.spellings.length, { ...g.counts, trainees: orgTrainees.byGroup[i]! })),
    ...(rest.length > 0 ? [row('other', null, rest.length, { ...sumCounts(rest.map((g) => g.counts)), trainees: orgTrainees.rest })] : []),
    ...(orgMissing ? [row('missing', null, 0, { ...orgMissing, trainees: orgTrainees.missing })] : []),
  ];

  // Ethnicity is the person's, one each: persons of folded spellings add up exactly.
  const first = foldKey(FIRST_ETHNICITY);
  const ethnicities = foldSpellings(ethnicity).sort((a, b) => Number(b.key === first) - Number(a.key === first) || byEnrolled(a, b));
  const ethnicityMissing = ethnicity.find((r) => r.value === null);
  const ethnicityRows = [
    ...ethnicities.map((g) => row('value', g.label, g.spellings.length, g.counts)),
    ...(ethnicityMissing ? [row('missing', null, 0, ethnicityMissing)] : []),
  ];

  const coded = (rows: ValueCounts[], codes: readonly string[]): BreakdownRow[] => {
    const known = new Set(codes);
    return [
      ...codes.map((code) => row('value', code, 1, sumCounts(rows.filter((r) => r.value === code)))),
      // A value outside the list (none is accepted on input) is read as not recorded.
      row('missing', null, 0, sumCounts(rows.filter((r) => r.value === null || !known.has(r.value)))),
    ];
  };

  let unit: UnitLabel | null = null;
  if (unitId !== null && namer) {
    const profile = namer(unitId, rolledUp ? todayInVietnam() : asOf);
    unit = { unitCode: profile?.code ?? '', unitName: profile?.name ?? '' };
  }

  return {
    year,
    asOf,
    period,
    view,
    window,
    unit,
    totals: figures(total),
    dimensions: [
      { dimension: 'gender', rows: coded(gender, GENDERS) },
      { dimension: 'ethnicity', rows: ethnicityRows },
      { dimension: 'partyStatus', rows: coded(partyStatus, PARTY_STATUSES) },
      { dimension: 'sendingOrg', rows: orgRows },
    ],
  };
}

function sumCounts(rows: GroupCounts[]): GroupCounts {
  const sum = { enrolled: 0, trainees: 0, finished: 0, completed: 0 };
  for (const r of rows) {
    sum.enrolled += r.enrolled;
    sum.trainees += r.trainees;
    sum.finished += r.finished;
    sum.completed += r.completed;
  }
  return sum;
}

/** How free text groups: whitespace collapsed and case folded; accents kept ("Thôn Hà" is not "Thôn Hạ"). */
export const foldKey = (text: string): string => cleanText(text).toLowerCase();

interface SpellingGroup {
  key: string;
  /** The spelling with the most enrollments (ties: the first in Vietnamese order). */
  label: string;
  spellings: string[];
  /** trainees: the sum over the spellings, exact only for an attribute of the person. */
  counts: GroupCounts;
}

const collator = new Intl.Collator('vi');

/** The recorded spellings of a free-text attribute grouped by foldKey; the missing value is left out. */
function foldSpellings(rows: ValueCounts[]): SpellingGroup[] {
  const groups = new Map<string, { spellings: ValueCounts[] }>();
  for (const r of rows) {
    if (r.value === null) continue;
    const key = foldKey(r.value);
    const group = groups.get(key) ?? { spellings: [] };
    groups.set(key, group);
    group.spellings.push(r);
  }
  return [...groups].map(([key, { spellings }]) => {
    const ordered = [...spellings].sort((a, b) => b.enrolled - a.enrolled || collator.compare(a.value!, b.value!));
    return { key, label: ordered[0]!.value!, spellings: ordered.map((s) => s.value!), counts: sumCounts(spellings) };
  });
}

/** The most enrollments first; ties in Vietnamese alphabetical order, so the order never depends on the database. */
const byEnrolled = (a: SpellingGroup, b: SpellingGroup) => b.counts.enrolled - a.counts.enrolled || collator.compare(a.label, b.label) || (a.key < b.key ? -1 : 1);
