// Input of the issue form, the register and the API, validated at the edge; and the JSON of a register row.
import { z } from 'zod';
import { optionalDate, optionalInteger, optionalText } from '../http/fields.js';
import { apiPage, pageJson, pageQuery } from '../http/pagination.js';
import { reportPageQuery } from '../reports/index.js';
import { ISSUED_KINDS } from './issued-report.model.js';

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);

/** Paragraphs as typed: NFC, one line end style, spaces tidied inside each line, no runs of blank lines. */
export function tidyParagraphs(value: string): string {
  return value
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A part of the report's text: several paragraphs; blank is "not written". */
const narrativeText = (max = 20_000) =>
  z.preprocess((v) => (typeof v === 'string' ? tidyParagraphs(v) || undefined : blank(v)), z.string().max(max).optional());

export const narrativeFields = z.object({
  results: narrativeText(),
  strengths: narrativeText(),
  weaknesses: narrativeText(),
  causes: narrativeText(),
  directions: narrativeText(),
  proposals: narrativeText(),
});

/** GET /issued-reports/new[/:code]: the report's selection, as on the dashboards, the date of issue and the report it would replace. */
export const issuePageQuery = reportPageQuery.extend({ date: optionalDate(), replacesId: optionalInteger(1, 2_147_483_647) });

/** POST /issued-reports/new[/:code]: the selection, the number and date, the text, and which button was pressed. */
export const issueForm = issuePageQuery
  .extend({
    number: optionalInteger(1, 99_999),
    intent: z.preprocess(blank, z.enum(['issue', 'preview', 'save']).default('issue')),
  })
  .extend(narrativeFields.shape);

export type IssueForm = z.output<typeof issueForm>;

const kind = z.preprocess(blank, z.enum(ISSUED_KINDS).optional());

/** The register's filters: the year of the number, the kind, the issuer (the board only). */
export const registerFilter = z.object({
  year: optionalInteger(2000, 2999),
  kind,
  unit: optionalText(20).pipe(z.string().regex(/^[A-Za-z0-9_-]+$/, 'common.validation.invalid').optional()),
});

export const registerQuery = pageQuery.extend(registerFilter.shape);

/** The API's register: the same filters under the API's names (`unitCode`, as on every list), and its page. */
export const apiRegisterFilter = z.object({
  year: registerFilter.shape.year,
  kind,
  unitCode: registerFilter.shape.unit.describe('The issuer’s code (the board only; a center token reads its own unit’s)'),
  page: apiPage(),
});

export const issuedReportJson = z.object({
  id: z.number().int(),
  kind: z.enum(ISSUED_KINDS),
  docType: z.string().describe('BC báo cáo; later TB thông báo, …'),
  number: z.number().int(),
  numberYear: z.number().int().describe('The year of the issue date: numbers run per issuer, type and year'),
  symbol: z.string().describe('As printed after "Số ": "127-BC/BTGTU"'),
  issuedOn: z.string(),
  subject: z.string(),
  unitCode: z.string().describe('The issuer'),
  issuerName: z.string(),
  signerName: z.string().nullable(),
  recipients: z.array(z.string()),
  reportYear: z.number().int(),
  period: z.string(),
  asOf: z.string(),
  view: z.string(),
  sha256: z.string().describe('Of the PDF, which /issued-reports/{id}.pdf returns byte for byte'),
  pdfSize: z.number().int(),
  replacesId: z.number().int().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

export const issuedListJson = z.object({ issuedReports: z.array(issuedReportJson), ...pageJson });
