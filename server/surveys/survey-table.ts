// The board's view of a survey: every unit's answer side by side (units × programs, people per program and a
// total per unit, a total row), summed by the database; and the same as export tables.
import { QueryTypes } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { NeedsSurvey, SurveyAnswer } from '../db/models.js';
import type { ExportColumn, ExportTable } from '../exports/index.js';
import { todayInVietnam } from '../lib/format.js';
import { listPrograms } from '../programs/programs.service.js';
import { listUnits } from '../units/units.service.js';
import { LEARNER_CATEGORIES } from './categories.js';
import { assertBoard, getSurvey, type SurveyView } from './surveys.service.js';

export interface TableProgram {
  code: string;
  name: string;
}

export interface TableUnit {
  no: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  answered: boolean;
  updatedAt: Date | null;
  note: string | null;
  /** People per program code (0 when the unit wrote none). */
  byProgram: Record<string, number>;
  /** People per program code and category: `byCategory[program][category]`. */
  byCategory: Record<string, Record<string, number>>;
  total: number;
}

export interface SurveyTable {
  survey: SurveyView;
  programs: TableProgram[];
  units: TableUnit[];
  totals: { byProgram: Record<string, number>; total: number; answered: number; units: number };
}

/** Every unit that trains and exists today (or has answered), with its answer's figures. */
export async function surveyTable(actor: Actor, surveyId: number): Promise<SurveyTable> {
  assertBoard(actor);
  const survey = await getSurvey(actor, surveyId);
  const [programs, units, answers] = await Promise.all([
    listPrograms({ activeOnly: true }),
    listUnits({ training: true, activeOn: todayInVietnam() }),
    SurveyAnswer.findAll({ where: { surveyId }, attributes: ['id', 'unitId', 'note', 'updatedAt'] }),
  ]);
  const sums = await NeedsSurvey.sequelize!.query<{ unitId: number; programCode: string; category: string; people: unknown }>(
    `SELECT a.unit_id AS "unitId", p.code AS "programCode", l.category AS "category", SUM(l.people) AS "people"
     FROM survey_answers a JOIN survey_answer_lines l ON l.answer_id = a.id JOIN programs p ON p.id = l.program_id
     WHERE a.survey_id = :surveyId GROUP BY a.unit_id, p.code, l.category`,
    { replacements: { surveyId }, type: QueryTypes.SELECT },
  );
  const answerOf = new Map(answers.map((a) => [a.unitId, a]));
  const listed = units.filter((u) => u.kind !== 'board');
  const allUnits = await listUnits({ training: true });
  for (const unitId of answerOf.keys()) if (!listed.some((u) => u.id === unitId)) listed.push(...allUnits.filter((u) => u.id === unitId));

  const rows = new Map<number, TableUnit>();
  listed.forEach((u, i) => {
    const answer = answerOf.get(u.id);
    rows.set(u.id, { no: i + 1, unitId: u.id, unitCode: u.code, unitName: u.name, answered: !!answer, updatedAt: answer?.updatedAt ?? null, note: answer?.note ?? null, byProgram: {}, byCategory: {}, total: 0 });
  });
  const totals = { byProgram: {} as Record<string, number>, total: 0, answered: answers.length, units: rows.size };
  for (const s of sums) {
    const row = rows.get(Number(s.unitId));
    if (!row) continue;
    const people = Number(s.people);
    row.byProgram[s.programCode] = (row.byProgram[s.programCode] ?? 0) + people;
    (row.byCategory[s.programCode] ??= {})[s.category] = people;
    row.total += people;
    totals.byProgram[s.programCode] = (totals.byProgram[s.programCode] ?? 0) + people;
    totals.total += people;
  }
  return { survey, programs: programs.map((p) => ({ code: p.code, name: p.name })), units: [...rows.values()], totals };
}

type SummaryRow = { no: number | null; unitCode: string; unitName: string; byProgram: Record<string, number>; total: number; note: string | null; updatedAt: Date | null };

/** Sheet 1 (and the CSV): units × programs, people per program, a total column and a total row. */
export function summaryExport(table: SurveyTable): ExportTable<SummaryRow> {
  const columns: Array<ExportColumn<SummaryRow>> = [
    { header: 'STT', type: 'number', key: 'no', width: 6 },
    { header: 'Mã đơn vị', type: 'text', key: 'unitCode', width: 12 },
    { header: 'Đơn vị', type: 'text', key: 'unitName', width: 40 },
    ...table.programs.map((p): ExportColumn<SummaryRow> => ({ header: p.name, type: 'number', value: (r) => r.byProgram[p.code] ?? 0, width: 18 })),
    { header: 'Tổng cộng', type: 'number', key: 'total', width: 12 },
    { header: 'Ghi chú', type: 'text', key: 'note', width: 40 },
    { header: 'Cập nhật lần cuối', type: 'datetime', key: 'updatedAt', width: 18 },
  ];
  const rows: SummaryRow[] = [
    ...table.units.map((u) => ({ no: u.no, unitCode: u.unitCode, unitName: u.unitName, byProgram: u.byProgram, total: u.total, note: u.note, updatedAt: u.updatedAt })),
    { no: null, unitCode: '', unitName: 'Tổng cộng', byProgram: table.totals.byProgram, total: table.totals.total, note: null, updatedAt: null },
  ];
  return {
    columns,
    rows,
    sheetName: 'Tổng hợp',
    title: [`TỔNG HỢP NHU CẦU ĐÀO TẠO, BỒI DƯỠNG NĂM ${table.survey.year}`, `Số người cần đào tạo, bồi dưỡng theo chương trình; ${table.totals.answered}/${table.totals.units} đơn vị đã gửi.`],
  };
}

type DetailRow = { unitCode: string; unitName: string; programCode: string; programName: string; byCategory: Record<string, number>; total: number };

/** Sheet 2: one row per unit and program it wrote figures for, by category of learner. */
export function detailExport(table: SurveyTable): ExportTable<DetailRow> {
  const rows: DetailRow[] = [];
  for (const u of table.units) {
    for (const p of table.programs) {
      if (!u.byProgram[p.code]) continue;
      rows.push({ unitCode: u.unitCode, unitName: u.unitName, programCode: p.code, programName: p.name, byCategory: u.byCategory[p.code] ?? {}, total: u.byProgram[p.code]! });
    }
  }
  return {
    columns: [
      { header: 'Mã đơn vị', type: 'text', key: 'unitCode', width: 12 },
      { header: 'Đơn vị', type: 'text', key: 'unitName', width: 40 },
      { header: 'Mã chương trình', type: 'text', key: 'programCode', width: 12 },
      { header: 'Chương trình', type: 'text', key: 'programName', width: 40 },
      ...LEARNER_CATEGORIES.map((c): ExportColumn<DetailRow> => ({ header: c.label, type: 'number', value: (r) => r.byCategory[c.code] ?? 0, width: 16 })),
      { header: 'Tổng cộng', type: 'number', key: 'total', width: 12 },
    ],
    rows,
    sheetName: 'Chi tiết theo đối tượng',
  };
}
