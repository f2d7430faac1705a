// Issuing any numbered paper other than the progress reports (a Thông báo or Công văn of another domain, e.g.
// the urgings of issue #13): the same series, the same rule for a number chosen by hand, the same race on the
// unique index, and the bytes stored the same way. The caller's rows go into the same transaction.
import { createHash } from 'node:crypto';
import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { IssuedReport } from '../db/models.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { symbolOf } from './issue-paper.js';
import { assertFree } from './issue.service.js';
import type { DocType, IssuedKind } from './issued-report.model.js';
import { nextNumber, type Series } from './issued-reports.queries.js';

export interface NumberedPaper {
  kind: IssuedKind;
  docType: DocType;
  /** The issuer, whose series it is. */
  unitId: number;
  issuerSymbol: string;
  issuerName: string;
  signerName: string | null;
  /** 'YYYY-MM-DD'; its year is the number's year. */
  issuedOn: string;
  reportYear: number;
  asOf: string;
  subject: string;
  recipients: string[];
  figures: unknown;
  render(number: number, options: { draft: boolean; creationDate?: Date }): Promise<Buffer>;
}

const seriesOf = (paper: Pick<NumberedPaper, 'unitId' | 'docType' | 'issuedOn'>): Series => ({
  unitId: paper.unitId,
  docType: paper.docType,
  numberYear: Number(paper.issuedOn.slice(0, 4)),
});

export const proposedPaperNumber = (paper: Pick<NumberedPaper, 'unitId' | 'docType' | 'issuedOn'>) => nextNumber(seriesOf(paper));

/** The draft, stamped "DỰ THẢO", with the number it would get; nothing is stored. */
export async function previewNumbered(paper: NumberedPaper, number?: number): Promise<{ pdf: Buffer; number: number }> {
  const n = number ?? (await nextNumber(seriesOf(paper)));
  return { pdf: await paper.render(n, { draft: true }), number: n };
}

const ATTEMPTS = 5;

export async function issueNumbered(
  actor: Actor,
  paper: NumberedPaper,
  options: { number?: number; now?: Date },
  inside: (transaction: Transaction, issued: IssuedReport) => Promise<void>,
): Promise<IssuedReport> {
  const series = seriesOf(paper);
  const issuedAt = new Date(Math.floor((options.now ?? new Date()).getTime() / 1000) * 1000);
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const number = options.number ?? (await nextNumber(series));
    if (options.number !== undefined) await assertFree(series, number, paper.issuerSymbol);
    const pdf = await paper.render(number, { draft: false, creationDate: issuedAt });
    const symbol = symbolOf(number, paper.docType, paper.issuerSymbol);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    try {
      return await inTransaction(IssuedReport.sequelize!, async (transaction) => {
        const created = await IssuedReport.create(
          {
            kind: paper.kind,
            unitId: paper.unitId,
            docType: paper.docType,
            numberYear: series.numberYear,
            number,
            symbol,
            reportYear: paper.reportYear,
            period: 'year',
            asOf: paper.asOf,
            view: 'as-was',
            issuedOn: paper.issuedOn,
            subject: paper.subject,
            issuerName: paper.issuerName,
            signerName: paper.signerName,
            recipients: JSON.stringify(paper.recipients),
            narrative: null,
            figures: JSON.stringify(paper.figures),
            pdf,
            pdfSize: pdf.length,
            sha256,
            replacesId: null,
            createdBy: actor.id,
            createdAt: issuedAt,
          },
          { transaction },
        );
        await audit(
          actor,
          { action: 'issue', entityType: 'issued_report', entityId: created.id, unitId: paper.unitId, after: { kind: paper.kind, symbol, issuedOn: paper.issuedOn, subject: paper.subject, sha256 } },
          transaction,
        );
        await inside(transaction, created);
        return created;
      });
    } catch (err) {
      if (!(err instanceof UniqueConstraintError)) throw err;
      if (options.number !== undefined) await assertFree(series, number, paper.issuerSymbol);
      if (options.number !== undefined) throw err;
    }
  }
  throw new AppError('conflict', 'issuedReports.errors.busy');
}
