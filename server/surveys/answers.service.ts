// A unit's answer to a needs survey. Unit staff read and write their own unit's answer only — the unit is the
// actor's, never one named by the request; the board reads any unit's answer and writes none. Changes are
// refused once the survey is closed or its deadline has passed, and from a stale page (lockVersion).
import type { Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { owningUnit } from '../auth/scope.js';
import { audit } from '../audit/audit.service.js';
import { NeedsSurvey, Program, SurveyAnswer, SurveyAnswerLine, Unit } from '../db/models.js';
import { forUpdate, inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { CATEGORY_CODES, cellName } from './categories.js';
import { getSurvey, isAnswerable, type SurveyView } from './surveys.service.js';

export interface AnswerCell {
  programCode: string;
  category: string;
  people: number;
}

export interface AnswerInput {
  cells: AnswerCell[];
  note?: string | null;
  /** The version read; 0 for a unit that has not answered yet. */
  lockVersion: number;
}

export interface AnswerView {
  survey: SurveyView;
  unitId: number;
  unitCode: string;
  unitName: string;
  answered: boolean;
  note: string | null;
  lockVersion: number;
  updatedAt: Date | null;
  /** People by form field name (`NTVD__dang-vien-moi`). */
  cells: Record<string, number>;
  /** Total people per program code. */
  totals: Record<string, number>;
  total: number;
  /** The viewer may change it now: the unit's own staff, and the survey answerable. */
  editable: boolean;
}

/**
 * The unit whose answer the actor reads: staff, their own unit (a unit code naming another is not found);
 * the board, the unit it names.
 */
async function answeringUnit(actor: Actor, unitCode: string | undefined, transaction?: Transaction): Promise<Unit> {
  if (actor.role === 'center') {
    const own = await Unit.findByPk(owningUnit(actor), { transaction });
    if (!own || (unitCode && unitCode.toUpperCase() !== own.code)) throw new AppError('not_found', 'common.errors.notFound');
    return own;
  }
  if (actor.role !== 'admin' || !unitCode) throw new AppError('not_found', 'common.errors.notFound');
  const unit = await Unit.findOne({ where: { code: unitCode.toUpperCase() }, transaction });
  if (!unit || unit.kind === 'board') throw new AppError('not_found', 'common.errors.notFound');
  return unit;
}

type AnswerWithLines = SurveyAnswer & { lines?: Array<SurveyAnswerLine & { program?: Program }> };

export async function getAnswer(actor: Actor, surveyId: number, unitCode?: string): Promise<AnswerView> {
  const survey = await getSurvey(actor, surveyId);
  const unit = await answeringUnit(actor, unitCode);
  const answer = (await SurveyAnswer.findOne({
    where: { surveyId, unitId: unit.id },
    include: [{ model: SurveyAnswerLine, as: 'lines', include: [{ model: Program, as: 'program', attributes: ['code'] }] }],
  })) as AnswerWithLines | null;
  const cells: Record<string, number> = {};
  const totals: Record<string, number> = {};
  let total = 0;
  for (const line of answer?.lines ?? []) {
    const code = line.program!.code;
    cells[cellName(code, line.category)] = line.people;
    totals[code] = (totals[code] ?? 0) + line.people;
    total += line.people;
  }
  return {
    survey,
    unitId: unit.id,
    unitCode: unit.code,
    unitName: unit.name,
    answered: answer !== null,
    note: answer?.note ?? null,
    lockVersion: answer?.lockVersion ?? 0,
    updatedAt: answer?.updatedAt ?? null,
    cells,
    totals,
    total,
    editable: actor.role === 'center' && survey.answerable,
  };
}

/** Program codes → ids of programs in use; an unknown or retired program is the field's error. */
async function programIds(cells: AnswerCell[], transaction: Transaction): Promise<Map<string, number>> {
  const codes = [...new Set(cells.map((c) => c.programCode.toUpperCase()))];
  const programs = codes.length ? await Program.findAll({ where: { code: codes, active: true }, attributes: ['id', 'code'], transaction }) : [];
  const ids = new Map(programs.map((p) => [p.code, p.id]));
  const fields: Record<string, string> = {};
  for (const cell of cells) {
    if (!ids.has(cell.programCode.toUpperCase())) fields[cellName(cell.programCode, cell.category)] = 'programs.unknown';
    else if (!CATEGORY_CODES.includes(cell.category)) fields[cellName(cell.programCode, cell.category)] = 'surveys.errors.unknownCategory';
  }
  if (Object.keys(fields).length) throw new AppError('invalid', 'common.errors.invalid', { fields });
  return ids;
}

/** Replaces the unit's whole answer (its figures and note) — from the form or from an uploaded sheet. */
export async function saveAnswer(actor: Actor, surveyId: number, input: AnswerInput, source: 'form' | 'file' = 'form'): Promise<AnswerView> {
  if (actor.role !== 'center') throw new AppError('forbidden', 'surveys.errors.unitOnly');
  const unitId = owningUnit(actor);
  await inTransaction(NeedsSurvey.sequelize!, async (transaction) => {
    const survey = await NeedsSurvey.findByPk(surveyId, forUpdate(transaction));
    if (!survey) throw new AppError('not_found', 'common.errors.notFound');
    if (survey.status === 'closed') throw new AppError('conflict', 'surveys.errors.closed');
    if (!isAnswerable(survey)) throw new AppError('conflict', 'surveys.errors.pastDeadline');
    const cells = input.cells.filter((c) => c.people > 0);
    const ids = await programIds(cells, transaction);
    let answer = await SurveyAnswer.findOne({ where: { surveyId, unitId }, ...forUpdate(transaction) });
    if ((answer?.lockVersion ?? 0) !== input.lockVersion) throw new AppError('conflict', 'common.errors.stale');
    const note = input.note ?? null;
    const before = answer ? await linesText(answer.id, transaction) : null;
    if (answer) {
      await answer.update({ note, updatedBy: actor.id, lockVersion: answer.lockVersion + 1 }, { transaction });
      await SurveyAnswerLine.destroy({ where: { answerId: answer.id }, transaction });
    } else {
      // Version 1 for a new answer: a page read before it existed says 0 and is stale from then on.
      answer = await SurveyAnswer.create({ surveyId, unitId, note, updatedBy: actor.id, lockVersion: 1 }, { transaction });
    }
    if (cells.length) {
      await SurveyAnswerLine.bulkCreate(
        cells.map((c) => ({ answerId: answer.id, programId: ids.get(c.programCode.toUpperCase())!, category: c.category, people: c.people })),
        { transaction },
      );
    }
    await audit(
      actor,
      { action: before ? 'update' : 'create', entityType: 'survey_answer', entityId: answer.id, unitId, before: before ? { lines: before } : null, after: { source, note, lines: await linesText(answer.id, transaction) } },
      transaction,
    );
  });
  return getAnswer(actor, surveyId);
}

/** The answer's figures as the audit log keeps them: "NTVD/dang-vien-moi=40; …". */
async function linesText(answerId: number, transaction: Transaction): Promise<string> {
  const lines = (await SurveyAnswerLine.findAll({ where: { answerId }, include: [{ model: Program, as: 'program', attributes: ['code'] }], order: [['id', 'ASC']], transaction })) as Array<
    SurveyAnswerLine & { program: Program }
  >;
  return lines.map((l) => `${l.program.code}/${l.category}=${l.people}`).join('; ');
}
