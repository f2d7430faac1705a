// Helpers for the import tests: roster files built from realistic rows (the export engine's writers, or the real
// downloadable template filled in), and the upload → preview → commit steps through the real pages.
import ExcelJS from 'exceljs';
import { writeCsv } from '../../server/exports/csv-write.js';
import { numbered, rosterColumns, type RosterExportRow } from '../../server/exports/roster-columns.js';
import { writeXlsx } from '../../server/exports/xlsx-write.js';
import type { Trainee } from '../../server/db/models.js';
import { buildRosterTemplate } from '../../server/imports/template.js';
import { csrfFrom, type Agent } from './http.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const rosterXlsx = (rows: RosterExportRow[], options: { results?: boolean } = {}) =>
  writeXlsx({ columns: rosterColumns(options), rows: numbered(rows), sheetName: 'Danh sách học viên' });
export const rosterCsv = (rows: RosterExportRow[], options: { results?: boolean; delimiter?: ',' | ';' } = {}) =>
  writeCsv({ columns: rosterColumns(options), rows: numbered(rows) }, { delimiter: options.delimiter });

/** A results-file row for a person on file: their identity as stored, and the results given. */
export const resultsRow = (t: Trainee, results: Partial<RosterExportRow>): RosterExportRow => ({
  fullName: t.fullName, birthDate: t.birthDate, birthYear: t.birthYear, gender: null, nationalId: t.nationalId, ethnicity: null, religion: null,
  workplace: null, position: null, partyStatus: null, partyJoinedOn: null, phone: null, email: null, sendingOrg: null, ...results,
});

const dmy = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : null);
const GENDER = { male: 'Nam', female: 'Nữ' } as const;
const PARTY = { official: 'Đảng viên chính thức', probationary: 'Đảng viên dự bị', masses: 'Quần chúng' } as const;

/** The downloadable template, its example row replaced by these people, typed as a person would (text cells). */
export async function filledTemplate(rows: RosterExportRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await buildRosterTemplate()) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  sheet.spliceRows(2, 1);
  rows.forEach((r, i) => {
    sheet.getRow(i + 2).values = [
      i + 1,
      r.fullName,
      dmy(r.birthDate) ?? String(r.birthYear),
      r.gender ? GENDER[r.gender] : null,
      r.nationalId,
      r.ethnicity,
      r.religion,
      r.workplace,
      r.position,
      r.partyStatus ? PARTY[r.partyStatus] : null,
      dmy(r.partyJoinedOn),
      r.phone,
      r.email,
      r.sendingOrg,
    ];
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Uploads a file on the course's import form (CSRF from the form itself); the response is the 303 to the preview. */
export async function upload(agent: Agent, courseId: number, buffer: Buffer, fileName = 'danh-sach.xlsx', kind: 'roster' | 'results' = 'roster') {
  const form = await agent.get(`/courses/${courseId}/imports/${kind}`);
  if (form.status !== 200) throw new Error(`GET the import form answered ${form.status}`);
  return agent.post(`/courses/${courseId}/imports/${kind}`).field('_csrf', csrfFrom(form.text)).attach('file', buffer, fileName);
}

/** Upload, then open the preview: returns the preview page and its commit path. */
export async function uploadAndPreview(agent: Agent, courseId: number, buffer: Buffer, fileName = 'danh-sach.xlsx', kind: 'roster' | 'results' = 'roster') {
  const posted = await upload(agent, courseId, buffer, fileName, kind);
  if (posted.status !== 303) throw new Error(`upload answered ${posted.status}: ${posted.text.slice(0, 500)}`);
  const path = posted.headers.location as string;
  const page = await agent.get(path);
  return { path, page };
}

/** Presses the commit button of a preview page. */
export async function commitFrom(agent: Agent, previewPath: string) {
  const page = await agent.get(previewPath);
  return agent.post(previewPath).type('form').send({ _csrf: csrfFrom(page.text) });
}

/** The cells of the preview's error table: [row, column, message]. */
export function previewErrors(html: string): Array<[number, string, string]> {
  const section = /<section[^>]*data-errors>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
  return [...section.matchAll(/<tr data-error-row="(\d+)"[^>]*><td class="num">[^<]*<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [Number(m[1]), decode(m[2]!), decode(m[3]!)]);
}

export const countOf = (html: string, name: string) => Number(new RegExp(`data-count="${name}">([\\d.]+)<`).exec(html)?.[1]?.replace(/\./g, '') ?? NaN);

export function decode(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
