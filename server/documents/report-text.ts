// The sentences of a progress report: its subject and the summary a reader expects ("Năm 2024, toàn tỉnh mở
// 287 lớp với 25.273 lượt học viên, đạt 98,5% kế hoạch năm…"), built from the figures alone.
import type { CategoryFigures, Figures, ProgressReport, UnitFigures } from '../reports/report.types.js';
import { markedName } from '../reports/unit-labels.js';
import { cumulative, windowCutShort } from './report-figures.js';
import { common, date, num, pct, say } from './words.js';

type ReportFrame = Pick<ProgressReport, 'year' | 'period' | 'window' | 'asOf'>;

export const periodPhrase = (report: ReportFrame) => say(`period.${report.period}`, { year: report.year });

export const reportSubject = (report: ReportFrame) => say('report.subject', { period: periodPhrase(report) });

/** "Năm 2024", "Quý I năm 2024", or "Từ ngày 01/01/2024 đến ngày 15/06/2024" while the period is still running. */
export function periodLead(report: ReportFrame): string {
  if (windowCutShort(report)) return say('report.windowLead', { from: date(report.window.from), to: date(report.window.to) });
  const phrase = periodPhrase(report);
  return phrase.charAt(0).toLocaleUpperCase('vi-VN') + phrase.slice(1);
}

/** The opening paragraph: courses, enrollments, fulfillment of the year plan, completion and grades. */
export function summaryParagraph(report: ReportFrame, scope: string, f: Figures): string {
  const clauses = [
    say('report.opened', { lead: periodLead(report), scope, courses: num(f.courses), enrolled: num(f.enrolled), trainees: num(f.trainees) }) +
      ', ' +
      (f.traineeFulfillment !== null || f.courseFulfillment !== null
        ? say('report.fulfillment', { trainees: pct(f.traineeFulfillment), courses: pct(f.courseFulfillment) })
        : say('report.noPlan')),
  ];
  clauses.push(
    f.finished > 0
      ? say('report.finished', { finished: num(f.finished), completed: num(f.completed), rate: pct(f.completionRate) })
      : say('report.noneFinished'),
  );
  if (f.goodRate !== null) clauses.push(say('report.goodRate', { rate: pct(f.goodRate) }));
  return `${clauses.join('; ')}.`;
}

export function categoryLine(c: CategoryFigures | (Figures & { category: CategoryFigures['category'] })): string {
  return say('report.category', {
    category: common(`categories.${c.category}`),
    courses: num(c.courses),
    enrolled: num(c.enrolled),
    fulfillment: c.traineeFulfillment !== null ? say('report.categoryFulfillment', { rate: pct(c.traineeFulfillment) }) : '',
    good: c.goodRate !== null ? say('report.categoryGood', { rate: pct(c.goodRate) }) : '',
  });
}

/** One line per lagging unit; the actual share is given only when the period is counted from 1 January. */
export function laggingLines(report: ReportFrame, units: UnitFigures[]): string[] {
  return units
    .filter((u) => u.lagging)
    .map((u) =>
      cumulative(report.period)
        ? say('report.laggingItem', { unit: markedName(u), actual: pct(u.traineeFulfillment), expected: pct(u.expectedPace), asOf: date(report.asOf) })
        : say('report.laggingItemPace', { unit: markedName(u), expected: pct(u.expectedPace), asOf: date(report.asOf) }),
    );
}

/** The units without an approved plan and what they did, for the province report's body; null when none. */
export function unplannedLine(report: ProgressReport): string | null {
  const u = report.unplanned;
  if (!u || u.units.length === 0) return null;
  return say('report.unplanned', { count: u.units.length, units: u.units.map((x) => x.unitName).join(', '), courses: num(u.courses), enrolled: num(u.enrolled) });
}

/** For one unit's own report: where it stands against the pace its plan expects. */
export function unitPaceLine(report: ReportFrame, u: Figures): string {
  if (u.plannedTrainees === null) return say('report.unitNoPlan');
  const params = { actual: pct(u.traineeFulfillment), expected: pct(u.expectedPace), asOf: date(report.asOf) };
  if (!cumulative(report.period)) {
    return say('report.unitPaceOnly', { ...params, verdict: say(u.lagging ? 'report.verdictLagging' : 'report.verdictOnPace') });
  }
  return say(u.lagging ? 'report.unitLagging' : 'report.unitOnPace', params);
}
