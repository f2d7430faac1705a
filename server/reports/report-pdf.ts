// The printed progress reports: the province's (signed by the board) and one unit's, rendered from the same
// ProgressReport as the JSON and the dashboards, so the three always show the same figures.
import type { Sequelize } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import {
  loadProvinceReportSetup,
  loadUnitCourses,
  loadUnitReportSetup,
  renderProgressReportPdf,
  renderUnitReportPdf,
  type DocumentQuery,
  type ReportDocumentOptions,
} from '../documents/index.js';
import type { ProgressReport } from './report.types.js';

/** The number and date, and for an issued report or its preview the board's text, the report replaced and the draft stamp. */
export type ReportPaper = DocumentQuery & Partial<Pick<ReportDocumentOptions, 'narrative' | 'replaces' | 'draft' | 'creationDate'>>;

export async function provinceReportPdf(report: ProgressReport, document: ReportPaper, creationDate = document.creationDate): Promise<Buffer> {
  return renderProgressReportPdf(report, { ...(await loadProvinceReportSetup(document.date)), ...document, creationDate });
}

/**
 * `memberIds`: the units whose courses the unit's row counts (rolled up: its predecessors too); the list of
 * courses attached covers them all, so that it adds up to the figures above it.
 */
export async function unitReportPdf(
  sequelize: Sequelize,
  actor: Actor,
  report: ProgressReport,
  unitCode: string,
  document: ReportPaper,
  memberIds: number[] = [],
): Promise<Buffer> {
  const setup = await loadUnitReportSetup(actor, unitCode, document.date);
  const others = memberIds.filter((id) => id !== setup.unitId);
  const lists = await Promise.all([setup.unitId, ...others].map((id) => loadUnitCourses(sequelize, actor, id, report.window)));
  const courses = lists.flat().sort((a, b) => (a.startDate === b.startDate ? a.id - b.id : a.startDate < b.startDate ? -1 : 1));
  return renderUnitReportPdf(report, unitCode, courses, { issuer: setup.issuer, recipients: setup.recipients, ...document });
}
