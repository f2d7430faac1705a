// Reading the register: rows in the reader's scope (the board: all; a unit's staff: their unit's and the units
// whose records it took over), one entry, its stored PDF, and the numbers already given in a series.
import type { Transaction, WhereOptions } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { scopeUnitIds, unitScope } from '../auth/scope.js';
import { IssuedReport, Unit, User } from '../db/models.js';
import { AppError } from '../http/errors.js';
import { paragraphsOf, type ReportNarrative } from '../documents/index.js';
import { DOC_TYPE_NAMES, type DocType, type IssuedKind } from './issued-report.model.js';

export interface RegisterFilter {
  year?: number;
  kind?: IssuedKind;
  /** An issuer's code (the board's filter). */
  unit?: string;
}

export interface IssuedRow {
  id: number;
  kind: IssuedKind;
  docType: string;
  number: number;
  numberYear: number;
  symbol: string;
  issuedOn: string;
  subject: string;
  /** "Báo cáo kết quả …": the type and the subject (tên loại và trích yếu). */
  title: string;
  unitId: number;
  unitCode: string;
  issuerName: string;
  signerName: string | null;
  recipients: string[];
  reportYear: number;
  period: string;
  asOf: string;
  view: string;
  sha256: string;
  pdfSize: number;
  replacesId: number | null;
  /** The symbol of the report this one replaces. */
  replacesSymbol: string | null;
  createdBy: string | null;
  createdAt: Date;
}

/** Everything but the bytes and the figures, which only the PDF route and the entry page read. */
const LIST_ATTRIBUTES = [
  'id', 'kind', 'unitId', 'docType', 'numberYear', 'number', 'symbol', 'reportYear', 'period', 'asOf', 'view', 'issuedOn',
  'subject', 'issuerName', 'signerName', 'recipients', 'pdfSize', 'sha256', 'replacesId', 'createdBy', 'createdAt',
] as const;

const notFound = () => new AppError('not_found', 'common.errors.notFound');

function toRow(r: IssuedReport): IssuedRow {
  const unit = (r as IssuedReport & { unit?: Unit }).unit;
  const creator = (r as IssuedReport & { creator?: User | null }).creator;
  const replaces = (r as IssuedReport & { replaces?: IssuedReport | null }).replaces;
  return {
    id: r.id,
    kind: r.kind,
    docType: r.docType,
    number: r.number,
    numberYear: r.numberYear,
    symbol: r.symbol,
    issuedOn: r.issuedOn,
    subject: r.subject,
    title: `${DOC_TYPE_NAMES[r.docType] ?? r.docType} ${r.subject}`,
    unitId: r.unitId,
    unitCode: unit?.code ?? '',
    issuerName: r.issuerName,
    signerName: r.signerName,
    recipients: JSON.parse(r.recipients) as string[],
    reportYear: r.reportYear,
    period: r.period,
    asOf: r.asOf,
    view: r.view,
    sha256: r.sha256,
    pdfSize: r.pdfSize,
    replacesId: r.replacesId ?? null,
    replacesSymbol: replaces?.symbol ?? null,
    createdBy: creator ? creator.fullName || creator.username : null,
    createdAt: r.createdAt,
  };
}

const include = [
  { model: Unit, as: 'unit', attributes: ['id', 'code'] },
  { model: User, as: 'creator', attributes: ['id', 'username', 'fullName'] },
  { model: IssuedReport, as: 'replaces', attributes: ['id', 'symbol'] },
];

async function registerWhere(actor: Actor, filter: RegisterFilter): Promise<WhereOptions> {
  const where: Record<string, unknown> = { ...unitScope(actor, 'unitId') };
  if (filter.year) where.numberYear = filter.year;
  if (filter.kind) where.kind = filter.kind;
  if (filter.unit && actor.role === 'admin') {
    const unit = await Unit.findOne({ where: { code: filter.unit.toUpperCase() }, attributes: ['id'] });
    where.unitId = unit?.id ?? -1;
  }
  return where;
}

/** The register, newest number first within each year. */
export async function listIssued(actor: Actor, filter: RegisterFilter, page?: { limit: number; offset: number }): Promise<{ rows: IssuedRow[]; total: number }> {
  const where = await registerWhere(actor, filter);
  const { rows, count } = await IssuedReport.findAndCountAll({
    attributes: [...LIST_ATTRIBUTES],
    where,
    include,
    order: [['numberYear', 'DESC'], ['issuedOn', 'DESC'], ['number', 'DESC'], ['id', 'DESC']],
    ...(page ?? {}),
  });
  return { rows: rows.map(toRow), total: count };
}

export interface IssuedEntry extends IssuedRow {
  narrative: Array<{ part: keyof ReportNarrative; paragraphs: string[] }>;
  replaces: { id: number; symbol: string; issuedOn: string } | null;
  replacedBy: Array<{ id: number; symbol: string; issuedOn: string }>;
}

async function scoped(actor: Actor, id: number, attributes: string[]): Promise<IssuedReport> {
  const row = await IssuedReport.findOne({ attributes, where: { id, ...unitScope(actor, 'unitId') }, include });
  if (!row) throw notFound();
  return row;
}

/** One entry of the register, with the reports it replaces and that replace it (as far as the reader may see them). */
export async function getIssued(actor: Actor, id: number): Promise<IssuedEntry> {
  const row = await scoped(actor, id, [...LIST_ATTRIBUTES, 'narrative']);
  const link = { attributes: ['id', 'symbol', 'issuedOn'] };
  const [replaces, replacedBy] = await Promise.all([
    row.replacesId ? IssuedReport.findOne({ ...link, where: { id: row.replacesId, ...unitScope(actor, 'unitId') } }) : null,
    IssuedReport.findAll({ ...link, where: { replacesId: row.id, ...unitScope(actor, 'unitId') }, order: [['id', 'ASC']] }),
  ]);
  const text = row.narrative ? (JSON.parse(row.narrative) as ReportNarrative) : {};
  const narrative = (Object.keys(text) as Array<keyof ReportNarrative>)
    .map((part) => ({ part, paragraphs: paragraphsOf(text[part]) }))
    .filter((p) => p.paragraphs.length > 0);
  const brief = (r: IssuedReport) => ({ id: r.id, symbol: r.symbol, issuedOn: r.issuedOn });
  return { ...toRow(row), narrative, replaces: replaces ? brief(replaces) : null, replacedBy: replacedBy.map(brief) };
}

/** The stored PDF, exactly as issued. */
export async function issuedPdf(actor: Actor, id: number): Promise<{ pdf: Buffer; symbol: string; numberYear: number }> {
  const row = await scoped(actor, id, ['id', 'unitId', 'pdf', 'symbol', 'numberYear']);
  return { pdf: Buffer.from(row.pdf), symbol: row.symbol, numberYear: row.numberYear };
}

/** The figures the PDF was rendered from (the ProgressReport JSON). */
export async function issuedFigures(actor: Actor, id: number): Promise<unknown> {
  const row = await scoped(actor, id, ['id', 'unitId', 'figures']);
  return JSON.parse(row.figures) as unknown;
}

export interface Series {
  unitId: number;
  docType: DocType;
  numberYear: number;
}

/** The number a new paper of the series would get: one more than the highest given (numbers chosen by hand included). */
export async function nextNumber(series: Series, transaction?: Transaction): Promise<number> {
  const highest = (await IssuedReport.max('number', { where: { ...series }, transaction })) as number | null;
  return (Number(highest) || 0) + 1;
}

/** The paper that holds this number in the series, if any. */
export function holderOf(series: Series, number: number): Promise<IssuedReport | null> {
  return IssuedReport.findOne({ attributes: ['id', 'symbol', 'issuedOn'], where: { ...series, number } });
}

/** The issuer's reports of a kind that a new one may replace, newest first. */
export async function replaceable(actor: Actor, kind: IssuedKind, unitId: number): Promise<Array<{ id: number; symbol: string; issuedOn: string; subject: string }>> {
  const rows = await IssuedReport.findAll({
    attributes: ['id', 'symbol', 'issuedOn', 'subject'],
    where: { kind, unitId, ...unitScope(actor, 'unitId') },
    order: [['issuedOn', 'DESC'], ['id', 'DESC']],
    limit: 100,
  });
  return rows.map((r) => ({ id: r.id, symbol: r.symbol, issuedOn: r.issuedOn, subject: r.subject }));
}

/** An issued report by its number, for the on-the-fly route that was asked for a number already given; null if none the actor may see. */
export async function issuedByNumber(actor: Actor, query: { kind: IssuedKind; unitCode?: string; numberYear: number; number: number }): Promise<number | null> {
  const unit = query.unitCode ? await Unit.findOne({ where: { code: query.unitCode }, attributes: ['id'] }) : null;
  if (query.unitCode && !unit) return null;
  const row = await IssuedReport.findOne({
    attributes: ['id', 'unitId'],
    where: { kind: query.kind, numberYear: query.numberYear, number: query.number, ...(unit ? { unitId: unit.id } : {}) },
  });
  if (!row || (actor.role !== 'admin' && !scopeUnitIds(actor).includes(row.unitId))) return null;
  return row.id;
}
