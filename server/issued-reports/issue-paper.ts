// What is being issued and by whom, and the paper itself: the report's figures are computed once, then the
// PDF is rendered for a number (a preview, or each try of an issue) from those same figures.
import type { Actor } from '../auth/actor.js';
import { assertInScope } from '../auth/scope.js';
import { Unit } from '../db/models.js';
import { boardUnit, loadProvinceReportSetup, loadUnitReportSetup, reportSubject, type ReportNarrative } from '../documents/index.js';
import { AppError } from '../http/errors.js';
import {
  progressDetail,
  provinceReportPdf,
  unitReportPdf,
  type Period,
  type ProgressReport,
  type ReportPaper,
  type ReportView,
} from '../reports/index.js';
import type { DocType, IssuedKind } from './issued-report.model.js';

/** The series a paper is numbered in, and whose report it is. */
export interface IssueTarget {
  kind: IssuedKind;
  docType: DocType;
  /** The issuer: the board, or the unit issuing its own report. */
  unitId: number;
  /** The unit whose report it is (unit reports); null for the province. */
  unitCode: string | null;
}

export interface Selection {
  year: number;
  period: Period;
  asOf?: string;
  view: ReportView;
}

/**
 * Who may issue what: the province report is the board's; a unit's report is issued by the unit's own staff,
 * under the unit's own symbol and numbers (the board reads it in the register, but does not number it). A
 * unit outside the actor's scope is not found.
 */
export async function issueTarget(actor: Actor, unitCode: string | null): Promise<IssueTarget> {
  if (unitCode === null) {
    if (actor.role !== 'admin') throw new AppError('forbidden', 'issuedReports.errors.provinceBoardOnly');
    return { kind: 'province-progress', docType: 'BC', unitId: (await boardUnit()).id, unitCode: null };
  }
  const unit = await Unit.findOne({ where: { code: unitCode.toUpperCase() }, attributes: ['id', 'code', 'kind'] });
  if (!unit || unit.kind === 'board') throw new AppError('not_found', 'common.errors.notFound');
  assertInScope(actor, unit.id);
  if (actor.role !== 'center' || actor.unitId !== unit.id) throw new AppError('forbidden', 'issuedReports.errors.ownUnitOnly');
  return { kind: 'unit-progress', docType: 'BC', unitId: unit.id, unitCode: unit.code };
}

export interface Paper {
  report: ProgressReport;
  subject: string;
  /** The issuer's symbol and the header, signer and recipients as of `date`. */
  symbol: string;
  issuerName: string;
  signerName: string | null;
  recipients: string[];
  render(paper: Omit<ReportPaper, 'date'>): Promise<Buffer>;
}

/** The figures of the selection for the target, and a renderer of its paper dated `date`. */
export async function preparePaper(actor: Actor, target: IssueTarget, selection: Selection, date: string): Promise<Paper> {
  const input = { year: selection.year, asOf: selection.asOf, period: selection.period, view: selection.view };
  const code = target.unitCode;
  const [detail, setup] = await Promise.all(
    code === null
      ? [progressDetail(actor, input), loadProvinceReportSetup(date)]
      : [progressDetail(actor, { ...input, unitCode: code }), loadUnitReportSetup(actor, code, date)],
  );
  const render: Paper['render'] =
    code === null
      ? (paper) => provinceReportPdf(detail.report, { ...paper, date })
      : (paper) => unitReportPdf(Unit.sequelize!, actor, detail.report, code, { ...paper, date }, detail.memberIds.get(code) ?? []);
  return {
    report: detail.report,
    subject: reportSubject(detail.report),
    symbol: setup.issuer.symbol,
    issuerName: setup.issuer.fullName,
    signerName: setup.issuer.signer.name,
    recipients: setup.recipients,
    render,
  };
}

/** "127-BC/BTGTU", as the paper prints it after "Số ". */
export const symbolOf = (number: number, docType: DocType, issuerSymbol: string) => `${number}-${docType}/${issuerSymbol}`;

/** The text a paper of this kind carries: the province report's parts; a unit's report prints none. */
export function narrativeFor(target: IssueTarget, narrative: ReportNarrative): ReportNarrative | null {
  if (target.kind !== 'province-progress') return null;
  const kept = Object.fromEntries(Object.entries(narrative).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));
  return Object.keys(kept).length > 0 ? (kept as ReportNarrative) : null;
}
