// Helpers for the PDF tests: hand-made progress reports, trainees by name, and reading a PDF
// back — its text by page (pdfjs-dist) and the QR code embedded in it (jsQR), with no system tools.
import jsQRModule from 'jsqr';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Response } from 'supertest';
import { Trainee } from '../../server/db/models.js';
import { searchKey } from '../../server/lib/text.js';
import { sumFigures } from '../../server/documents/report-figures.js';
import type { ProgramCategory } from '../../server/programs/program.model.js';
import type { Figures, ProgramFigures, ProgressReport, UnitFigures } from '../../server/reports/report.types.js';

// jsqr is CommonJS whose typings declare an ES default export: the function is the module itself at run time.
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as unknown as typeof jsQRModule.default;

// ---- reading PDFs -------------------------------------------------------------------------------------

export interface PdfTextItem {
  str: string;
  x: number;
  y: number;
  width: number;
}

export interface PdfPage {
  text: string;
  items: PdfTextItem[];
  width: number;
  height: number;
}

/** Each page's text (items joined by single spaces) and its items with positions, for layout checks. */
export async function pdfPages(pdf: Buffer): Promise<PdfPage[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items = (content.items as Array<{ str?: string; transform?: number[]; width?: number }>)
      .filter((i) => typeof i.str === 'string' && i.str !== '')
      .map((i) => ({ str: i.str!, x: i.transform![4]!, y: viewport.height - i.transform![5]!, width: i.width ?? 0 }));
    pages.push({ text: items.map((i) => i.str).join(' ').replace(/\s+/g, ' '), items, width: viewport.width, height: viewport.height });
  }
  await doc.destroy();
  return pages;
}

export const allText = (pages: PdfPage[]) => pages.map((p) => p.text).join('\n');

/** Decodes every QR code drawn as an image on a page. */
export async function qrCodesOnPage(pdf: Buffer, pageNumber: number): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  const page = await doc.getPage(pageNumber);
  const ops = await page.getOperatorList();
  const found: string[] = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    if (ops.fnArray[i] !== OPS.paintImageXObject) continue;
    const name = (ops.argsArray[i] as [string])[0];
    const image = await new Promise<{ width: number; height: number; data: Uint8ClampedArray | Uint8Array }>((resolve) =>
      page.objs.get(name, resolve as (data: unknown) => void),
    );
    const pixels = image.width * image.height;
    const channels = image.data.length / pixels;
    const rgba = new Uint8ClampedArray(pixels * 4);
    for (let p = 0; p < pixels; p++) {
      for (let c = 0; c < 3; c++) rgba[p * 4 + c] = image.data[p * channels + (channels >= 3 ? c : 0)]!;
      rgba[p * 4 + 3] = 255;
    }
    const code = jsQR(rgba, image.width, image.height);
    if (code) found.push(code.data);
  }
  await doc.destroy();
  return found;
}

/** supertest: collect a binary body as a Buffer. */
export function binary(res: Response, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

// ---- database rows ------------------------------------------------------------------------------------

export async function traineeNamed(fullName: string, extra: Partial<Pick<Trainee, 'birthDate' | 'birthYear' | 'gender' | 'nationalId' | 'createdByUnitId'>> = {}): Promise<Trainee> {
  return Trainee.create({
    fullName,
    searchName: searchKey(fullName),
    birthDate: extra.birthDate === undefined ? '1990-05-17' : extra.birthDate,
    birthYear: extra.birthYear === undefined ? 1990 : extra.birthYear,
    gender: extra.gender ?? 'female',
    nationalId: extra.nationalId ?? null,
    createdByUnitId: extra.createdByUnitId ?? null,
  });
}

// ---- hand-made progress reports -----------------------------------------------------------------------

const PROGRAMS: Array<[code: string, name: string, category: ProgramCategory, size: number, courses: number, scored: boolean]> = [
  ['SCLLCT', 'Sơ cấp lý luận chính trị', 'dao-tao', 60, 2, true],
  ['NTVD', 'Bồi dưỡng nhận thức về Đảng', 'boi-duong-llct', 81, 5, true],
  ['DVM', 'Bồi dưỡng lý luận chính trị dành cho đảng viên mới', 'boi-duong-llct', 70, 4, true],
  ['LSD', 'Chuyên đề lịch sử Đảng', 'boi-duong-llct', 85, 2, true],
  ['CDHCM', 'Chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh', 'boi-duong-llct', 118, 3, false],
  ['NVCTD', 'Bồi dưỡng nghiệp vụ công tác Đảng (bí thư chi bộ, cấp ủy viên cơ sở)', 'boi-duong-nv', 84, 3, false],
  ['NVMTDT', 'Bồi dưỡng nghiệp vụ công tác Mặt trận, đoàn thể, dân vận', 'boi-duong-nv', 78, 2, false],
  ['CNKT', 'Cập nhật kiến thức, học tập nghị quyết', 'boi-duong-nv', 122, 3, false],
];

export const REPORT_UNITS: Array<[code: string, name: string]> = [
  ['TTCTHY', 'Trung tâm Chính trị thành phố Hưng Yên'],
  ['TTCTMH', 'Trung tâm Chính trị thị xã Mỹ Hào'],
  ['TTCTVL', 'Trung tâm Chính trị huyện Văn Lâm'],
  ['TTCTVG', 'Trung tâm Chính trị huyện Văn Giang'],
  ['TTCTYM', 'Trung tâm Chính trị huyện Yên Mỹ'],
  ['TTCTAT', 'Trung tâm Chính trị huyện Ân Thi'],
  ['TTCTKC', 'Trung tâm Chính trị huyện Khoái Châu'],
  ['TTCTKD', 'Trung tâm Chính trị huyện Kim Động'],
  ['TTCTTL', 'Trung tâm Chính trị huyện Tiên Lữ'],
  ['TTCTPC', 'Trung tâm Chính trị huyện Phù Cừ'],
  ['DUKCCQ', 'Đảng ủy Khối các cơ quan tỉnh'],
  ['DUKDN', 'Đảng ủy Khối Doanh nghiệp tỉnh'],
  ['DUQS', 'Đảng ủy Quân sự tỉnh'],
  ['DUCA', 'Đảng ủy Công an tỉnh'],
];

/** Lagging units run at 70% of the pace; DUQS has no approved plan. */
const LAGGING = new Set(['TTCTAT', 'TTCTPC']);
const NO_PLAN = new Set(['DUQS']);

function programFigures(unitIndex: number, programIndex: number, code: string): ProgramFigures {
  const [programCode, programName, category, size, plannedCourses, scored] = PROGRAMS[programIndex]!;
  const shift = ((unitIndex + programIndex) % 3) - 1;
  const courses = Math.max(1, plannedCourses + shift);
  const pace = LAGGING.has(code) ? 0.7 : 1;
  const enrolled = Math.round(courses * size * pace) - ((unitIndex * 7 + programIndex * 3) % 20);
  const finished = enrolled - (programIndex === 1 ? 12 : 0);
  const fail = scored ? Math.round(finished * 0.02) : 0;
  const grades = scored
    ? (() => {
        const excellent = Math.round(finished * 0.12);
        const good = Math.round(finished * 0.4);
        const fair = Math.round(finished * 0.33);
        return { excellent, good, fair, average: finished - excellent - good - fair - fail, fail };
      })()
    : { excellent: 0, good: 0, fair: 0, average: 0, fail: 0 };
  const completed = finished - fail - (scored ? 0 : Math.round(finished * 0.03));
  const noPlan = NO_PLAN.has(code);
  const planned = (noPlan ? null : plannedCourses) as number | null;
  const plannedTrainees = noPlan ? null : plannedCourses * size;
  return withRates({
    programCode,
    programName,
    category,
    plannedCourses: planned,
    plannedTrainees,
    courses,
    enrolled,
    trainees: enrolled - 3,
    finished,
    completed,
    grades,
    expectedPace: noPlan ? null : 0.96,
    lagging: false,
  });
}

type Rates = 'completionRate' | 'goodRate' | 'courseFulfillment' | 'traineeFulfillment' | 'coursesOnPlan' | 'enrolledOnPlan';

/** Fills the rates from the counts, as the reporting service defines them (a row with a plan counts on it). */
export function withRates<T extends Omit<Figures, Rates> & Partial<Pick<Figures, 'coursesOnPlan' | 'enrolledOnPlan'>>>(f: T): T & Figures {
  const scored = f.grades.excellent + f.grades.good + f.grades.fair + f.grades.average + f.grades.fail;
  const coursesOnPlan = f.coursesOnPlan ?? (f.plannedCourses === null ? 0 : f.courses);
  const enrolledOnPlan = f.enrolledOnPlan ?? (f.plannedTrainees === null ? 0 : f.enrolled);
  return {
    ...f,
    coursesOnPlan,
    enrolledOnPlan,
    completionRate: f.finished > 0 ? f.completed / f.finished : null,
    goodRate: scored > 0 ? (f.grades.excellent + f.grades.good + f.grades.fair) / scored : null,
    courseFulfillment: f.plannedCourses ? coursesOnPlan / f.plannedCourses : null,
    traineeFulfillment: f.plannedTrainees ? enrolledOnPlan / f.plannedTrainees : null,
  };
}

/**
 * A province report for 2024 with the 14 units and 8 programs. The province's totals are exactly 27.010
 * lượt against a plan of 27.421; Quân sự has no approved plan, so its 1.958 lượt are left out of the rate:
 * 25.052 ÷ 27.421 = 91,4%. Ân Thi and Phù Cừ lag.
 */
export function makeProgressReport(options: { asOf?: string; period?: ProgressReport['period']; rename?: Record<string, string> } = {}): ProgressReport {
  const asOf = options.asOf ?? '2024-12-31';
  const units: UnitFigures[] = REPORT_UNITS.map(([code, name], ui) => {
    const programs = PROGRAMS.map((_p, pi) => programFigures(ui, pi, code));
    return { ...sumFigures(programs), unitCode: code, unitName: options.rename?.[code] ?? name, programs, lagging: LAGGING.has(code) };
  });
  // Bring the totals to the published-looking figures: the last unit's CNKT row takes the difference.
  const last = units[units.length - 1]!;
  const cnkt = last.programs[last.programs.length - 1]!;
  const sumOf = (pick: (p: ProgramFigures) => number | null) => units.reduce((s, u) => s + u.programs.reduce((t, p) => t + (pick(p) ?? 0), 0), 0);
  const enrolledGap = 27_010 - sumOf((p) => p.enrolled);
  const plannedGap = 27_421 - sumOf((p) => p.plannedTrainees);
  Object.assign(
    cnkt,
    withRates({
      ...cnkt,
      coursesOnPlan: undefined,
      enrolledOnPlan: undefined,
      enrolled: cnkt.enrolled + enrolledGap,
      trainees: cnkt.trainees + enrolledGap,
      finished: cnkt.finished + enrolledGap,
      completed: cnkt.completed + enrolledGap,
      plannedTrainees: cnkt.plannedTrainees! + plannedGap,
    }),
  );
  units[units.length - 1] = { ...sumFigures(last.programs), unitCode: last.unitCode, unitName: last.unitName, programs: last.programs, lagging: false };

  const categories = (['dao-tao', 'boi-duong-llct', 'boi-duong-nv'] as const).map((category) => {
    const programs = PROGRAMS.filter((p) => p[2] === category).map(([programCode, programName]) => ({
      ...sumFigures(units.map((u) => u.programs.find((p) => p.programCode === programCode)!)),
      programCode,
      programName,
      category,
    }));
    return { ...sumFigures(programs), category, programs };
  });
  return {
    year: 2024,
    asOf,
    period: options.period ?? 'year',
    window: { from: '2024-01-01', to: asOf },
    units,
    categories,
    totals: sumFigures(units),
    unplanned: {
      units: units.filter((u) => u.plannedTrainees === null).map((u) => ({ unitCode: u.unitCode, unitName: u.unitName })),
      ...(['courses', 'enrolled', 'finished', 'completed'] as const).reduce(
        (o, k) => ({ ...o, [k]: units.filter((u) => u.plannedTrainees === null).reduce((s, u) => s + u[k], 0) }),
        {} as Record<'courses' | 'enrolled' | 'finished' | 'completed', number>,
      ),
      grades: sumFigures(units.filter((u) => u.plannedTrainees === null)).grades,
    },
  };
}
