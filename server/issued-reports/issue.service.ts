// Issuing a report (issue #11, item 7): the paper gets its number, is rendered once, and its bytes and figures
// are stored with it; from then on the register serves those bytes. Numbers run per issuer, document type and
// year of the issue date. A number left blank is the next one of the series; one chosen by hand must be free.
//
// The PDF is rendered outside the transaction (a province report takes a moment, and SQLite would hold its one
// write lock all the while); the unique index on (issuer, type, year, number) decides who gets a number. When
// two issue at once, the one whose insert loses takes the next number and renders again.
import { createHash } from 'node:crypto';
import { UniqueConstraintError } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { IssuedReport } from '../db/models.js';
import { inTransaction } from '../db/transaction.js';
import type { ReportNarrative } from '../documents/index.js';
import { AppError } from '../http/errors.js';
import { formatDate, todayInVietnam } from '../lib/format.js';
import { assertUnitOpen } from '../units/index.js';
import { narrativeFor, preparePaper, symbolOf, type IssueTarget, type Paper, type Selection } from './issue-paper.js';
import { holderOf, nextNumber, type Series } from './issued-reports.queries.js';

export interface IssueInput extends Selection {
  /** Chosen by hand; absent: the next number of the series. */
  number?: number;
  /** 'YYYY-MM-DD'; default today in Vietnam. Its year is the year of the number. */
  date?: string;
  replacesId?: number;
  narrative: ReportNarrative;
}

export interface Clock {
  now?: Date;
}

export interface IssuedSummary {
  id: number;
  number: number;
  symbol: string;
  sha256: string;
}

const ATTEMPTS = 5;

const seriesOf = (target: IssueTarget, date: string): Series => ({ unitId: target.unitId, docType: target.docType, numberYear: Number(date.slice(0, 4)) });

/** The number a new paper dated `date` would get, as the issue page proposes it. */
export const proposedNumber = (target: IssueTarget, date: string) => nextNumber(seriesOf(target, date));

/** A number already given: the error stands next to the number field and names the next free one. */
export async function assertFree(series: Series, number: number, issuerSymbol: string): Promise<void> {
  const holder = await holderOf(series, number);
  if (!holder) return;
  const params = { symbol: symbolOf(number, series.docType, issuerSymbol), date: formatDate(holder.issuedOn), next: await nextNumber(series) };
  throw new AppError('conflict', 'issuedReports.errors.numberTaken', { params, fields: { number: 'issuedReports.errors.numberTaken' } });
}

/** The report being replaced: an issued report of the same kind by the same issuer. */
async function replaced(target: IssueTarget, replacesId: number | undefined): Promise<{ id: number; symbol: string; date: string } | null> {
  if (replacesId === undefined) return null;
  const row = await IssuedReport.findOne({ attributes: ['id', 'symbol', 'issuedOn'], where: { id: replacesId, unitId: target.unitId, kind: target.kind } });
  if (!row) throw new AppError('invalid', 'common.errors.invalid', { fields: { replacesId: 'issuedReports.errors.replacesUnknown' } });
  return { id: row.id, symbol: row.symbol, date: row.issuedOn };
}

interface Prepared {
  date: string;
  paper: Paper;
  narrative: ReportNarrative | null;
  replaces: { id: number; symbol: string; date: string } | null;
}

async function prepare(actor: Actor, target: IssueTarget, input: IssueInput, clock: Clock): Promise<Prepared> {
  const date = input.date ?? todayInVietnam(clock.now);
  const paper = await preparePaper(actor, target, input, date);
  if (date < paper.report.window.from) {
    const params = { from: formatDate(paper.report.window.from) };
    throw new AppError('invalid', 'common.errors.invalid', { params, fields: { date: 'issuedReports.errors.dateBeforePeriod' } });
  }
  // A unit that has ceased issues nothing new; what it issued before stays in the register.
  if (target.kind === 'unit-progress') await assertUnitOpen(target.unitId, date, 'date');
  return { date, paper, narrative: narrativeFor(target, input.narrative), replaces: await replaced(target, input.replacesId) };
}

/** The draft of the paper, stamped "DỰ THẢO", with the number it would get. Nothing is stored. */
export async function previewReport(actor: Actor, target: IssueTarget, input: IssueInput, clock: Clock = {}): Promise<{ pdf: Buffer; number: number }> {
  const { date, paper, narrative, replaces } = await prepare(actor, target, input, clock);
  const number = input.number ?? (await nextNumber(seriesOf(target, date)));
  const pdf = await paper.render({ number: String(number), narrative, replaces, draft: true, creationDate: clock.now });
  return { pdf, number };
}

/** Issues the paper: the number, the bytes, the figures and the audit entry, or nothing. */
export async function issueReport(actor: Actor, target: IssueTarget, input: IssueInput, clock: Clock = {}): Promise<IssuedSummary> {
  const { date, paper, narrative, replaces } = await prepare(actor, target, input, clock);
  const series = seriesOf(target, date);
  // The PDF's creation date and the row's: whole seconds, as MySQL DATETIME keeps them.
  const issuedAt = new Date(Math.floor((clock.now ?? new Date()).getTime() / 1000) * 1000);
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const number = input.number ?? (await nextNumber(series));
    if (input.number !== undefined) await assertFree(series, number, paper.symbol);
    const pdf = await paper.render({ number: String(number), narrative, replaces, creationDate: issuedAt });
    const symbol = symbolOf(number, target.docType, paper.symbol);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    try {
      const row = await inTransaction(IssuedReport.sequelize!, async (transaction) => {
        const created = await IssuedReport.create(
          {
            kind: target.kind,
            unitId: target.unitId,
            docType: target.docType,
            numberYear: series.numberYear,
            number,
            symbol,
            reportYear: paper.report.year,
            period: paper.report.period,
            asOf: paper.report.asOf,
            view: paper.report.view ?? 'as-was',
            issuedOn: date,
            subject: paper.subject,
            issuerName: paper.issuerName,
            signerName: paper.signerName,
            recipients: JSON.stringify(paper.recipients),
            narrative: narrative ? JSON.stringify(narrative) : null,
            figures: JSON.stringify(paper.report),
            pdf,
            pdfSize: pdf.length,
            sha256,
            replacesId: replaces?.id ?? null,
            createdBy: actor.id,
            createdAt: issuedAt,
          },
          { transaction },
        );
        await audit(
          actor,
          {
            action: 'issue',
            entityType: 'issued_report',
            entityId: created.id,
            unitId: target.unitId,
            after: { kind: target.kind, symbol, issuedOn: date, subject: paper.subject, reportYear: paper.report.year, period: paper.report.period, asOf: paper.report.asOf, sha256, replacesId: replaces?.id ?? null },
          },
          transaction,
        );
        return created;
      });
      return { id: row.id, number, symbol, sha256 };
    } catch (err) {
      if (!(err instanceof UniqueConstraintError)) throw err;
      // Taken in the meantime: a number chosen by hand is refused; a proposed one moves on to the next.
      if (input.number !== undefined) await assertFree(series, number, paper.symbol);
      if (input.number !== undefined) throw err;
    }
  }
  throw new AppError('conflict', 'issuedReports.errors.busy');
}
