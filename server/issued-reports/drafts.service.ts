// The text written for a report before it is issued, one draft per issuer, kind, year and period: saved by
// "Lưu nháp", by every preview and before every issue, so nothing typed is lost between them.
import { UniqueConstraintError } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { audit, changedFields } from '../audit/audit.service.js';
import { ReportDraft } from '../db/models.js';
import { inTransaction } from '../db/transaction.js';
import { NARRATIVE_PARTS, type ReportNarrative } from '../documents/index.js';
import type { IssueTarget } from './issue-paper.js';

export interface Draft {
  narrative: ReportNarrative;
  updatedAt: Date | null;
}

const key = (target: IssueTarget, year: number, period: string) => ({ kind: target.kind, unitId: target.unitId, reportYear: year, period });

/** Only the parts, each a string or absent. */
function parts(narrative: ReportNarrative): ReportNarrative {
  const out: ReportNarrative = {};
  for (const part of NARRATIVE_PARTS) {
    const value = narrative[part];
    if (typeof value === 'string' && value !== '') out[part] = value;
  }
  return out;
}

export async function loadDraft(target: IssueTarget, year: number, period: string): Promise<Draft> {
  const row = await ReportDraft.findOne({ where: key(target, year, period) });
  return row ? { narrative: parts(JSON.parse(row.narrative) as ReportNarrative), updatedAt: row.updatedAt } : { narrative: {}, updatedAt: null };
}

/** Keeps the text as the draft of (issuer, kind, year, period); an unchanged text writes nothing. */
export async function saveDraft(actor: Actor, target: IssueTarget, year: number, period: string, narrative: ReportNarrative): Promise<void> {
  try {
    await writeDraft(actor, target, year, period, parts(narrative));
  } catch (err) {
    // Two first saves at once (MariaDB): the other one created the row; this one now updates it.
    if (!(err instanceof UniqueConstraintError)) throw err;
    await writeDraft(actor, target, year, period, parts(narrative));
  }
}

async function writeDraft(actor: Actor, target: IssueTarget, year: number, period: string, text: ReportNarrative): Promise<void> {
  await inTransaction(ReportDraft.sequelize!, async (transaction) => {
    const row = await ReportDraft.findOne({ where: key(target, year, period), transaction });
    const before = row ? parts(JSON.parse(row.narrative) as ReportNarrative) : {};
    const diff = changedFields(before as Record<string, unknown>, { ...Object.fromEntries(NARRATIVE_PARTS.map((p) => [p, null])), ...text });
    if (row && Object.keys(diff.after).length === 0) return;
    if (!row && Object.keys(text).length === 0) return;
    const saved = row
      ? await row.update({ narrative: JSON.stringify(text), updatedBy: actor.id }, { transaction })
      : await ReportDraft.create({ ...key(target, year, period), narrative: JSON.stringify(text), updatedBy: actor.id }, { transaction });
    await audit(
      actor,
      { action: row ? 'update' : 'create', entityType: 'report_draft', entityId: saved.id, unitId: target.unitId, before: row ? diff.before : null, after: { reportYear: year, period, ...diff.after } },
      transaction,
    );
  });
}
