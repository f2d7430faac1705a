// Issuing an urging (đôn đốc, issue #13 item 1): the board picks units of a year (the lagging ones proposed),
// their year-to-date figures against their pace are taken from the progress report as of a date, and the
// dispatch is numbered, rendered and stored through issued-reports; the urging and its recipients are written
// in the same transaction, with their audit entry.
import type { Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { Urging, UrgingRecipient } from '../db/models.js';
import { boardUnit, loadProvinceReportSetup } from '../documents/index.js';
import { AppError } from '../http/errors.js';
import { todayInVietnam } from '../lib/format.js';
import { issueNumbered, previewNumbered, proposedPaperNumber, type NumberedPaper } from '../issued-reports/index.js';
import { progressDetail } from '../reports/index.js';
import { renderUrgingPdf, type UrgedFigures } from './urging.pdf.js';
import { announceAfterCommit } from '../notifications/index.js';

export interface UrgingInput {
  year: number;
  asOf?: string;
  date?: string;
  deadline: string;
  docType: 'TB' | 'CV';
  subject: string;
  text?: string;
  number?: number;
  unitCodes: string[];
}

export interface Candidate extends UrgedFigures {
  unitCode: string;
  unitId: number;
  lagging: boolean;
}

export const defaultSubject = (year: number) => `V/v đôn đốc thực hiện kế hoạch đào tạo, bồi dưỡng năm ${year}`;

function assertBoard(actor: Actor): void {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'urgings.errors.boardOnly');
}

/** Every training unit of the year with its year-to-date figures as of `asOf`; lagging ones are proposed. */
export async function candidates(actor: Actor, year: number, asOf?: string): Promise<{ asOf: string; units: Candidate[] }> {
  assertBoard(actor);
  const detail = await progressDetail(actor, { year, asOf, period: 'year' });
  const units = detail.report.units.map((u) => ({
    unitCode: u.unitCode,
    unitId: detail.unitIds.get(u.unitCode)!,
    unitName: u.unitName,
    plannedTrainees: u.plannedTrainees,
    enrolled: u.enrolled,
    fulfillment: u.traineeFulfillment,
    pace: u.expectedPace,
    lagging: u.lagging,
  }));
  return { asOf: detail.report.asOf, units };
}

async function paperOf(actor: Actor, input: UrgingInput) {
  assertBoard(actor);
  const date = input.date ?? todayInVietnam();
  if (input.deadline <= date) throw new AppError('invalid', 'common.errors.invalid', { fields: { deadline: 'urgings.errors.deadlineAfterDate' } });
  const codes = [...new Set(input.unitCodes.map((c) => c.toUpperCase()))];
  if (codes.length === 0) throw new AppError('invalid', 'common.errors.invalid', { fields: { units: 'urgings.errors.noUnits' } });
  const { asOf, units } = await candidates(actor, input.year, input.asOf);
  const chosen = codes.map((code) => units.find((u) => u.unitCode === code));
  if (chosen.some((u) => u === undefined)) throw new AppError('invalid', 'common.errors.invalid', { fields: { units: 'urgings.errors.unknownUnit' } });
  const addressed = chosen as Candidate[];
  const [board, setup] = await Promise.all([boardUnit(), loadProvinceReportSetup(date)]);
  const recipients = [...addressed.map((u) => u.unitName), 'Lưu Văn phòng Ban'];
  const paper: NumberedPaper = {
    kind: 'urging',
    docType: input.docType,
    unitId: board.id,
    issuerSymbol: setup.issuer.symbol,
    issuerName: setup.issuer.fullName,
    signerName: setup.issuer.signer.name,
    issuedOn: date,
    reportYear: input.year,
    asOf,
    subject: input.subject,
    recipients,
    figures: { year: input.year, asOf, deadline: input.deadline, units: addressed },
    render: (number, options) =>
      renderUrgingPdf({
        docType: input.docType,
        issuer: setup.issuer,
        number,
        date,
        year: input.year,
        asOf,
        deadline: input.deadline,
        subject: input.subject,
        text: input.text ?? null,
        units: addressed,
        recipients,
        ...options,
      }),
  };
  return { paper, addressed, asOf };
}

export async function proposedUrgingNumber(docType: 'TB' | 'CV', date: string): Promise<number> {
  return proposedPaperNumber({ unitId: (await boardUnit()).id, docType, issuedOn: date });
}

export async function previewUrging(actor: Actor, input: UrgingInput): Promise<{ pdf: Buffer; number: number }> {
  const { paper } = await paperOf(actor, input);
  return previewNumbered(paper, input.number);
}

export async function issueUrging(actor: Actor, input: UrgingInput, clock: { now?: Date } = {}): Promise<{ id: number; symbol: string }> {
  const { paper, addressed, asOf } = await paperOf(actor, input);
  let urgingId = 0;
  const issued = await issueNumbered(actor, paper, { number: input.number, now: clock.now }, async (transaction, report) => {
    const urging = await Urging.create({ issuedReportId: report.id, year: input.year, asOf, deadline: input.deadline, createdBy: actor.id }, { transaction });
    await UrgingRecipient.bulkCreate(
      addressed.map((u) => ({
        urgingId: urging.id,
        unitId: u.unitId,
        plannedTrainees: u.plannedTrainees,
        enrolled: u.enrolled,
        fulfillment: u.fulfillment,
        pace: u.pace,
        acknowledgedAt: null,
        acknowledgedBy: null,
        note: null,
      })),
      { transaction },
    );
    await audit(
      actor,
      { action: 'create', entityType: 'urging', entityId: urging.id, unitId: report.unitId, after: { symbol: report.symbol, year: input.year, asOf, deadline: input.deadline, units: addressed.map((u) => u.unitCode) } },
      transaction,
    );
    urgingId = urging.id;
    announceAfterCommit(transaction, { kind: 'urgingIssued', urgingId: urging.id });
  });
  return { id: urgingId, symbol: issued.symbol };
}
