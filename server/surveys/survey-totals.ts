// A unit's answer to the survey of a year, as totals per program: what a plan drafted from the survey targets.
import { QueryTypes } from 'sequelize';
import { NeedsSurvey } from '../db/models.js';

export interface SurveyTotals {
  surveyId: number;
  /** People per program code, over every category; programs without people are left out. */
  byProgram: Map<string, number>;
}

/** null when the year has no survey or the unit has not answered it. Scope is the caller's (plans check it). */
export async function surveyTotalsFor(unitId: number, year: number): Promise<SurveyTotals | null> {
  const rows = await NeedsSurvey.sequelize!.query<{ surveyId: number; programCode: string | null; people: unknown }>(
    `SELECT s.id AS "surveyId", p.code AS "programCode", SUM(l.people) AS "people"
     FROM needs_surveys s JOIN survey_answers a ON a.survey_id = s.id AND a.unit_id = :unitId
     LEFT JOIN survey_answer_lines l ON l.answer_id = a.id LEFT JOIN programs p ON p.id = l.program_id
     WHERE s.year = :year GROUP BY s.id, p.code`,
    { replacements: { unitId, year }, type: QueryTypes.SELECT },
  );
  if (rows.length === 0) return null;
  const byProgram = new Map<string, number>();
  for (const r of rows) if (r.programCode && Number(r.people) > 0) byProgram.set(r.programCode, Number(r.people));
  return { surveyId: Number(rows[0]!.surveyId), byProgram };
}
