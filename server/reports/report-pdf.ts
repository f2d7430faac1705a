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
} from '../documents/index.js';
import type { ProgressReport } from './report.types.js';

export async function provinceReportPdf(report: ProgressReport, document: DocumentQuery, creationDate?: Date): Promise<Buffer> {
  return renderProgressReportPdf(report, { ...(await loadProvinceReportSetup()), ...document, creationDate });
}

export async function unitReportPdf(
  sequelize: Sequelize,
  actor: Actor,
  report: ProgressReport,
  unitCode: string,
  document: DocumentQuery,
): Promise<Buffer> {
  const setup = await loadUnitReportSetup(actor, unitCode);
  const courses = await loadUnitCourses(sequelize, actor, setup.unitId, report.window);
  return renderUnitReportPdf(report, unitCode, courses, { issuer: setup.issuer, recipients: setup.recipients, ...document });
}
