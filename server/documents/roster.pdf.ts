// "Danh sách học viên và kết quả học tập" of one course (issue #5 part 4c), issued by the course's unit.
import { PdfWriter, closing, drawTable, mm, partyHeader, type Column, type TableRow } from '../pdf/index.js';
import type { Roster, RosterRow } from './roster.data.js';
import { common, date, num, say, score } from './words.js';

export interface RosterPdfOptions {
  /** The list's date, 'YYYY-MM-DD'. */
  date: string;
  creationDate?: Date;
}

/** A list is wider than a letter: narrower side margins leave room for eight columns on portrait A4. */
const MARGINS = { top: mm(20), right: mm(12), bottom: mm(20), left: mm(22) };

const birth = (r: RosterRow) => (r.birthDate ? date(r.birthDate) : r.birthYear ? String(r.birthYear) : '');

/** The grade where the program is scored; otherwise the outcome ("Hoàn thành", "Thôi học"), blank while pending. */
export function resultLabel(r: { grade: RosterRow['grade']; status: RosterRow['status'] }): string {
  if (r.status === 'withdrawn') return common('enrollmentStatus.withdrawn');
  if (r.grade) return common(`grades.${r.grade}`);
  if (r.status === 'completed' || r.status === 'failed') return common(`enrollmentStatus.${r.status}`);
  return '';
}

function columns(): Column[] {
  const c = (key: string) => say(`roster.columns.${key}`);
  // Weights in points at 8 pt type: a date and a certificate number must never break inside.
  return [
    { header: c('index'), width: 24, align: 'center' },
    { header: c('name'), width: 100, align: 'left' },
    { header: c('birth'), width: 54, align: 'center', fit: true },
    { header: c('gender'), width: 32, align: 'center' },
    { header: c('sendingOrg'), width: 104, align: 'left' },
    { header: c('score'), width: 30, align: 'right', fit: true },
    { header: c('grade'), width: 50, align: 'center' },
    { header: c('certificate'), width: 105, align: 'center', fit: true },
  ];
}

function rows(roster: Roster): TableRow[] {
  return roster.rows.map((r, i) => ({
    cells: [
      String(i + 1),
      r.fullName,
      birth(r),
      r.gender ? common(`gender.${r.gender}`) : '',
      r.sendingOrg ?? '',
      score(r.score),
      resultLabel(r),
      r.certificateNumber ?? '',
    ],
  }));
}

function totals(roster: Roster): string[] {
  const by = (status: RosterRow['status']) => roster.rows.filter((r) => r.status === status).length;
  const grade = (g: NonNullable<RosterRow['grade']>) => num(roster.rows.filter((r) => r.grade === g).length);
  const lines = [
    say('roster.totals', {
      total: num(roster.rows.length),
      completed: num(by('completed')),
      failed: num(by('failed')),
      withdrawn: num(by('withdrawn')),
      enrolled: num(by('enrolled')),
    }),
  ];
  if (roster.rows.some((r) => r.grade)) {
    lines.push(say('roster.gradeTotals', { excellent: grade('excellent'), good: grade('good'), fair: grade('fair'), average: grade('average'), fail: grade('fail') }));
  }
  return lines;
}

export async function renderRosterPdf(roster: Roster, options: RosterPdfOptions): Promise<Buffer> {
  const { issuer, course } = roster;
  const w = new PdfWriter({
    title: `${say('roster.title')} — ${course.name}`,
    author: issuer.fullName,
    creationDate: options.creationDate,
    margins: { portrait: MARGINS },
  });
  partyHeader(w, { parentBody: issuer.parentBody, headerName: issuer.headerName, place: issuer.place, date: options.date });
  w.block(say('roster.title'), { align: 'center', style: 'bold', size: 13, gapAfter: 3 });
  w.block(course.name, { align: 'center', style: 'bold', size: 11, gapAfter: 3 });
  w.block(say('roster.program', { program: course.programName }), { align: 'center', style: 'italic', size: 10, gapAfter: 1 });
  w.block(say('roster.dates', { from: date(course.startDate), to: date(course.endDate) }), { align: 'center', style: 'italic', size: 10, gapAfter: 1 });
  if (course.place) w.block(say('roster.place', { place: course.place }), { align: 'center', style: 'italic', size: 10, gapAfter: 1 });
  w.y += 10;

  if (roster.rows.length === 0) w.block(say('roster.empty'), { style: 'italic', size: 10 });
  else drawTable(w, { columns: columns(), rows: rows(roster), size: 8, headerSize: 8 });

  w.y += 8;
  for (const line of totals(roster)) w.block(line, { size: 10, gapAfter: 2 });

  closing(w, { recipients: [], signer: issuer.signer, size: 11 });
  return w.finish();
}
