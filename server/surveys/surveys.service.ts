// The survey itself: the board opens one for a year with a deadline, and may close it; everyone signed in as
// staff reads it. Units answer while it is open and its deadline has not passed (answers.service.ts).
import type { Transaction } from 'sequelize';
import { Op } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { NeedsSurvey, SurveyAnswer } from '../db/models.js';
import { forUpdate, inTransaction } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { todayInVietnam } from '../lib/format.js';
import { updateVersioned } from '../lib/versioned.js';
import type { SurveyStatus } from './survey.model.js';

export interface SurveyView {
  id: number;
  year: number;
  deadline: string;
  status: SurveyStatus;
  note: string | null;
  closedAt: Date | null;
  lockVersion: number;
  createdAt: Date;
  /** Units may still answer or change their answer: open and the deadline not passed. */
  answerable: boolean;
}

export interface OpenSurveyInput {
  year: number;
  deadline: string;
  note?: string | null;
}

const ENTITY = 'needs_survey';

/** Open, and the deadline (the last day) not passed yet, in Vietnam. */
export const isAnswerable = (survey: { status: SurveyStatus; deadline: string }, today = todayInVietnam()) => survey.status === 'open' && today <= survey.deadline;

export function toSurveyView(s: NeedsSurvey): SurveyView {
  return {
    id: s.id,
    year: s.year,
    deadline: s.deadline,
    status: s.status,
    note: s.note ?? null,
    closedAt: s.closedAt ?? null,
    lockVersion: s.lockVersion,
    createdAt: s.createdAt,
    answerable: isAnswerable(s),
  };
}

function assertStaff(actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'center') throw new AppError('forbidden', 'common.errors.forbidden');
}

export function assertBoard(actor: Actor): void {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'surveys.errors.boardOnly');
}

/** Every survey, newest year first, with how many units answered and whether the actor's unit has. */
export async function listSurveys(actor: Actor): Promise<Array<SurveyView & { answeredCount: number; answeredByMe: boolean }>> {
  assertStaff(actor);
  const [surveys, counts, mine] = await Promise.all([
    NeedsSurvey.findAll({ order: [['year', 'DESC']] }),
    SurveyAnswer.count({ group: ['surveyId'] }),
    actor.role === 'center' && actor.unitId !== null ? SurveyAnswer.findAll({ where: { unitId: actor.unitId }, attributes: ['surveyId'] }) : Promise.resolve([]),
  ]);
  const answered = new Set(mine.map((a) => a.surveyId));
  return surveys.map((s) => ({
    ...toSurveyView(s),
    answeredCount: Number(counts.find((c) => Number(c.surveyId) === s.id)?.count ?? 0),
    answeredByMe: answered.has(s.id),
  }));
}

export async function getSurvey(actor: Actor, id: number, transaction?: Transaction): Promise<SurveyView> {
  assertStaff(actor);
  const survey = await NeedsSurvey.findByPk(id, { transaction });
  if (!survey) throw new AppError('not_found', 'common.errors.notFound');
  return toSurveyView(survey);
}

/** The board opens the survey of a year: one per year, with a deadline from today on. */
export async function openSurvey(actor: Actor, input: OpenSurveyInput): Promise<SurveyView> {
  assertBoard(actor);
  if (input.deadline < todayInVietnam()) throw new AppError('invalid', 'common.errors.invalid', { fields: { deadline: 'surveys.errors.deadlinePast' } });
  const id = await inTransaction(NeedsSurvey.sequelize!, async (transaction) => {
    if (await NeedsSurvey.findOne({ where: { year: input.year }, transaction })) {
      throw new AppError('conflict', 'surveys.errors.exists', { params: { year: input.year }, fields: { year: 'surveys.errors.existsField' } });
    }
    const survey = await NeedsSurvey.create({ year: input.year, deadline: input.deadline, note: input.note ?? null, status: 'open', openedBy: actor.id }, { transaction });
    await audit(actor, { action: 'open', entityType: ENTITY, entityId: survey.id, unitId: null, after: { year: input.year, deadline: input.deadline } }, transaction);
    return survey.id;
  });
  return getSurvey(actor, id);
}

/** The board closes the survey: answers become read-only at once, whatever the deadline. */
export async function closeSurvey(actor: Actor, id: number, lockVersion: number): Promise<SurveyView> {
  assertBoard(actor);
  await inTransaction(NeedsSurvey.sequelize!, async (transaction) => {
    const survey = await NeedsSurvey.findByPk(id, forUpdate(transaction));
    if (!survey) throw new AppError('not_found', 'common.errors.notFound');
    if (survey.status === 'closed') throw new AppError('conflict', 'surveys.errors.alreadyClosed');
    await updateVersioned(NeedsSurvey, id, lockVersion, { status: 'closed', closedAt: new Date(), closedBy: actor.id }, { transaction, present: toSurveyView });
    await audit(actor, { action: 'close', entityType: ENTITY, entityId: id, unitId: null, before: { status: 'open' }, after: { status: 'closed' } }, transaction);
  });
  return getSurvey(actor, id);
}

/**
 * The open surveys the actor's unit has not answered yet, for a to-do list: unit staff only (the board answers
 * none), answerable ones only (open, deadline not passed), nearest deadline first.
 */
export async function openSurveysFor(actor: Actor): Promise<Array<Pick<SurveyView, 'id' | 'year' | 'deadline'>>> {
  if (actor.role !== 'center' || actor.unitId === null) return [];
  const surveys = await NeedsSurvey.findAll({ where: { status: 'open', deadline: { [Op.gte]: todayInVietnam() } }, order: [['deadline', 'ASC']] });
  if (surveys.length === 0) return [];
  const answered = await SurveyAnswer.findAll({ where: { surveyId: surveys.map((s) => s.id), unitId: actor.unitId }, attributes: ['surveyId'] });
  const done = new Set(answered.map((a) => a.surveyId));
  return surveys.filter((s) => !done.has(s.id)).map((s) => ({ id: s.id, year: s.year, deadline: s.deadline }));
}
