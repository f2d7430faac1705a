// What the pages and the exports write for a breakdown: each row's label in the reader's language (the
// exports' Vietnamese), and the tables of the dashboards' section.
import { t, type Locale } from '../i18n/index.js';
import type { Breakdown, BreakdownDimension, BreakdownFigures, BreakdownReport, BreakdownRow } from './breakdowns.js';
import { SENDING_ORG_TOP } from './breakdowns.js';

/** "Nam", "Đảng viên chính thức", "Mường", "Chi bộ thôn Đông", "Khác (12 đơn vị)", "Chưa ghi". */
export function rowLabel(dimension: BreakdownDimension, row: Pick<BreakdownRow, 'kind' | 'value' | 'values'>, locale: Locale = 'vi'): string {
  if (row.kind === 'missing') return t(locale, 'breakdowns.missing');
  if (row.kind === 'other') return t(locale, 'breakdowns.other', { count: row.values });
  if (dimension === 'gender') return t(locale, `common.gender.${row.value}`);
  if (dimension === 'partyStatus') return t(locale, `common.partyStatus.${row.value}`);
  return row.value ?? '';
}

export interface BreakdownRowView extends BreakdownFigures {
  label: string;
  kind: BreakdownRow['kind'];
  /** 0–100: the share drawn as a bar (the number beside it says the same). */
  bar: number;
}

export interface BreakdownTableView {
  dimension: BreakdownDimension;
  id: string;
  heading: string;
  header: string;
  note: string | null;
  rows: BreakdownRowView[];
}

const barOf = (share: number | null) => (share === null ? 0 : Math.max(0, Math.min(100, Math.round(share * 1000) / 10)));

function tableView(b: Breakdown, locale: Locale): BreakdownTableView {
  return {
    dimension: b.dimension,
    id: `breakdown-${b.dimension}`,
    heading: t(locale, `breakdowns.dimensions.${b.dimension}`),
    header: t(locale, `breakdowns.headers.${b.dimension}`),
    note: b.dimension === 'sendingOrg' ? t(locale, 'breakdowns.sendingOrgNote', { top: SENDING_ORG_TOP }) : null,
    rows: b.rows.map((r) => ({ ...r, label: rowLabel(b.dimension, r, locale), bar: barOf(r.share) })),
  };
}

/** The dashboards' section: one table per dimension, each with the same total row. */
export function breakdownsView(report: BreakdownReport, locale: Locale): { tables: BreakdownTableView[]; totals: BreakdownFigures; empty: boolean } {
  return { tables: report.dimensions.map((d) => tableView(d, locale)), totals: report.totals, empty: report.totals.enrolled === 0 };
}
