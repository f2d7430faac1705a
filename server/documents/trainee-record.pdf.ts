// A trainee's record (issue #5 part 4e): personal data with the citizen ID masked, every course across units
// and years with its result, and every certificate with its status.
import { PdfWriter, drawTable, mm, partyHeader, type Column } from '../pdf/index.js';
import { resultLabel } from './roster.pdf.js';
import type { TraineeRecord } from './trainee-record.data.js';
import { common, date, say, score } from './words.js';

export interface TraineeRecordPdfOptions {
  /** The extract's date, 'YYYY-MM-DD'. */
  date: string;
  creationDate?: Date;
}

const MARGINS = { top: mm(20), right: mm(12), bottom: mm(20), left: mm(22) };
const SIZE = 10;

function personalData(w: PdfWriter, record: TraineeRecord): void {
  const p = record.person;
  const f = (key: string) => say(`record.fields.${key}`);
  const pairs: Array<[string, string | null]> = [
    [f('fullName'), p.fullName],
    [f('birth'), p.birthDate ? date(p.birthDate) : p.birthYear ? String(p.birthYear) : null],
    [f('gender'), p.gender ? common(`gender.${p.gender}`) : null],
    [f('nationalId'), p.nationalId],
    [f('ethnicity'), p.ethnicity],
    [f('religion'), p.religion],
    [f('hometown'), p.hometown],
    [f('workplace'), p.workplace],
    [f('position'), p.position],
    [f('education'), p.educationLevel],
    [f('professional'), p.professionalLevel],
    [f('theory'), p.theoryLevel],
    [f('party'), p.partyStatus ? common(`partyStatus.${p.partyStatus}`) : null],
    [f('joined'), p.partyJoinedOn ? date(p.partyJoinedOn) : null],
    [f('official'), p.partyOfficialOn ? date(p.partyOfficialOn) : null],
  ];
  const shown = pairs.filter(([, value]) => value);
  const half = w.width / 2;
  for (let i = 0; i < shown.length; i += 2) {
    const row = shown.slice(i, i + 2);
    const heights = row.map(([label, value]) => w.heightOf(`${label}: ${value}`, { width: half - 10, size: SIZE, style: 'bold' }));
    w.ensureSpace(Math.max(...heights));
    const top = w.y;
    row.forEach(([label, value], j) => {
      w.runs([[`${label}: `], [value ?? '', 'bold']], { x: w.left + j * half, y: top, width: half - 10, size: SIZE });
    });
    w.y = top + Math.max(...heights) + 4;
  }
}

const c = (key: string) => say(`record.columns.${key}`);

function enrollmentColumns(): Column[] {
  return [
    { header: c('index'), width: 5.5, align: 'center' },
    { header: c('course'), width: 31, align: 'left' },
    { header: c('unit'), width: 20, align: 'left' },
    { header: c('dates'), width: 13, align: 'center' },
    { header: c('score'), width: 7, align: 'right', fit: true },
    { header: c('grade'), width: 10, align: 'center' },
    { header: c('status'), width: 13, align: 'center' },
  ];
}

function certificateColumns(): Column[] {
  return [
    { header: c('index'), width: 5.5, align: 'center' },
    { header: c('number'), width: 22, align: 'left', fit: true },
    { header: c('issuedOn'), width: 12.5, align: 'center', fit: true },
    { header: c('course'), width: 26.5, align: 'left' },
    { header: c('issuer'), width: 21, align: 'left' },
    { header: c('certificateStatus'), width: 13, align: 'center' },
  ];
}

function section(w: PdfWriter, title: string): void {
  w.y += 6;
  w.ensureSpace(60);
  w.block(title, { style: 'bold', size: 11, gapAfter: 6 });
}

export async function renderTraineeRecordPdf(record: TraineeRecord, options: TraineeRecordPdfOptions): Promise<Buffer> {
  const { issuer, person } = record;
  const w = new PdfWriter({
    title: `${say('record.title')} — ${person.fullName}`,
    author: issuer.fullName,
    creationDate: options.creationDate,
    margins: { portrait: MARGINS },
  });
  partyHeader(w, { parentBody: issuer.parentBody, headerName: issuer.headerName, place: issuer.place, date: options.date });
  w.block(say('record.title'), { align: 'center', style: 'bold', size: 13, gapAfter: 3 });
  w.block(say('record.subtitle', { name: person.fullName }), { align: 'center', style: 'bold', size: 11.5, gapAfter: 14 });

  section(w, say('record.personal'));
  personalData(w, record);

  section(w, say('record.enrollments'));
  if (record.enrollments.length === 0) w.block(say('record.none'), { style: 'italic', size: SIZE });
  else {
    drawTable(w, {
      columns: enrollmentColumns(),
      size: 8.5,
      rows: record.enrollments.map((e, i) => ({
        cells: [
          String(i + 1),
          e.courseName,
          e.unitName,
          `${date(e.startDate)} – ${date(e.endDate)}`,
          score(e.score),
          e.grade ? common(`grades.${e.grade}`) : '',
          e.status === 'withdrawn' ? resultLabel(e) : common(`enrollmentStatus.${e.status}`),
        ],
      })),
    });
  }

  section(w, say('record.certificates'));
  if (record.certificates.length === 0) w.block(say('record.none'), { style: 'italic', size: SIZE });
  else {
    drawTable(w, {
      columns: certificateColumns(),
      size: 8.5,
      rows: record.certificates.map((cert, i) => ({
        cells: [
          String(i + 1),
          cert.number,
          date(cert.issuedOn),
          cert.courseName,
          `${cert.unitParentBody}\n${cert.unitName}`,
          common(`certificateStatus.${cert.status}`),
        ],
      })),
    });
  }

  w.y += 12;
  w.block(say('record.extract', { date: date(options.date) }), { style: 'italic', size: 8.5 });
  return w.finish();
}
