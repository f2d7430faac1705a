// How pages, PDFs and exports write a unit that changed (DOMAIN.md "Units change"): its name with a mark
// when it no longer exists — "Trung tâm Chính trị huyện Kim Động (đã giải thể từ 01/07/2025)" — and the line
// that says a report is rolled up into successor units. Papers are Vietnamese; pages follow the locale.
import { t, type Locale } from '../i18n/index.js';
import { formatDate } from '../lib/format.js';
import type { ProgressReport, UnitFigures } from './report.types.js';

type Changed = Pick<UnitFigures, 'unitName' | 'ended'>;

/** "đã giải thể từ 01/07/2025", "đã sáp nhập vào … từ …", "đã chia tách từ …"; null for a unit that exists. */
export function endedMark(unit: Changed, locale: Locale = 'vi'): string | null {
  const ended = unit.ended;
  if (!ended) return null;
  const date = formatDate(ended.on);
  const successor = ended.successors[0]?.unitName;
  if (ended.kind === 'merge' && successor) return t(locale, 'reports.ended.mergeInto', { successor, date });
  return t(locale, `reports.ended.${ended.kind}`, { date });
}

/** The unit's name, with its mark in brackets when it no longer exists. */
export function markedName(unit: Changed, locale: Locale = 'vi'): string {
  const mark = endedMark(unit, locale);
  return mark ? `${unit.unitName} (${mark})` : unit.unitName;
}

/** "Số liệu theo đơn vị kế tục (sau sắp xếp)" for a rolled-up report; null as the units were. */
export function viewLine(report: Pick<ProgressReport, 'view'>, locale: Locale = 'vi'): string | null {
  return report.view === 'rolled-up' ? t(locale, 'reports.views.rolledUpLine') : null;
}

/** "Gồm số liệu của: …" under a rolled-up row that carries other units' figures; null otherwise. */
export function includesLine(unit: Pick<UnitFigures, 'predecessors'>, locale: Locale = 'vi'): string | null {
  const names = (unit.predecessors ?? []).map((p) => p.unitName);
  return names.length > 0 ? t(locale, 'reports.views.includes', { units: names.join('; ') }) : null;
}

/**
 * The report as a paper dated `date` prints it: a unit is marked as ceased only when it had ceased by that
 * date, so a report issued on 15/12/2024 never speaks of the dissolution of 1/7/2025.
 */
export function asPrintedOn(report: ProgressReport, date: string): ProgressReport {
  const known = <U extends Pick<UnitFigures, 'ended'>>(u: U): U => (u.ended && u.ended.on > date ? { ...u, ended: null } : u);
  return { ...report, units: report.units.map(known) };
}
