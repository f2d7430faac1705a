// Certificate input (forms and API bodies) and the JSON the API answers with.
import { z } from 'zod';
import { optionalDate, optionalText, requiredText } from '../http/fields.js';
import type { Locale } from '../i18n/index.js';
import { t } from '../i18n/index.js';
import { CERTIFICATE_STATUSES } from './certificate.model.js';
import type { CertificateDetail, CertificateRow } from './certificates.queries.js';
import type { IssuedCertificate, IssueResult } from './certificates.service.js';

const REASON_MAX = 1000;

/** Page forms: both sit on the certificate's page, so their fields have distinct names. */
export const reissueForm = z.object({ reissueReason: optionalText(REASON_MAX) });
export const revokeForm = z.object({ revokeReason: requiredText(REASON_MAX) });

/** Issuing a course's certificates, on the page and in the API: the day of issue and the decision, both optional. */
export const issueForm = z.object({
  issuedOn: optionalDate().describe('YYYY-MM-DD (or dd/mm/yyyy), from the course’s end date to today; default today'),
  decisionNumber: optionalText(60).describe('The decision the certificates are issued under, e.g. "15/QĐ-TTCT"; printed on each'),
});

/** The register's filter (page, export and bulk PDF): the year of issue, the issuing unit, one program. */
export const registerQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2999).optional(),
  unitCode: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[A-Za-z0-9_-]{1,20}$/).optional()),
  programCode: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[A-Za-z0-9_-]{1,20}$/).optional()),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

/** API bodies. */
export const reissueBody = z.object({ reason: optionalText(REASON_MAX).describe('Why it is re-issued, e.g. "Mất bản gốc"') });
export const revokeBody = z.object({ reason: requiredText(REASON_MAX).describe('Why it is revoked (required)') });

const day = z.string().describe('YYYY-MM-DD');
const status = z.enum(CERTIFICATE_STATUSES);

export const issuedJson = z.object({
  id: z.number(),
  number: z.string().describe('e.g. 0125/2024/GCN-TTCTVL'),
  traineeId: z.number(),
  fullName: z.string(),
  issuedOn: day,
  verifyCode: z.string().describe('The code in the QR link; give it to the holder only'),
});

export const issueResultJson = z.object({
  issued: z.number().describe('How many certificates this call issued (0 when every completed trainee already has one)'),
  firstNumber: z.string().nullable(),
  lastNumber: z.string().nullable(),
  revokedSkipped: z.number().describe('Completed trainees left out because their certificate was revoked'),
  message: z.string(),
  certificates: z.array(issuedJson),
});

export const certificateRowJson = issuedJson.extend({ status, replacesId: z.number().nullable() });

export const courseCertificatesJson = z.object({
  course: z.object({ id: z.number(), name: z.string(), status: z.string(), unitId: z.number(), programName: z.string(), credential: z.string().nullable() }),
  completed: z.number(),
  pending: z.number().describe('Completed trainees an issue would certify now'),
  certificates: z.array(certificateRowJson),
});

const link = z.object({ id: z.number(), number: z.string(), issuedOn: day }).nullable();

export const certificateJson = certificateRowJson.extend({
  unitId: z.number(),
  unitName: z.string().describe('Issuing unit as printed on the day of issue'),
  unitParentBody: z.string(),
  signer: z.object({ name: z.string(), title: z.string(), authority: z.string().nullable() }),
  trainee: z.object({ id: z.number(), fullName: z.string(), birthYear: z.number().nullable() }),
  course: z.object({ id: z.number(), name: z.string(), startDate: day, endDate: day }),
  program: z.object({ id: z.number(), code: z.string(), name: z.string(), credential: z.string().nullable() }),
  result: z.object({ score: z.number().nullable(), grade: z.string().nullable() }),
  replaces: link,
  replacedBy: link,
  reissueReason: z.string().nullable(),
  decisionNumber: z.string().nullable().describe('The decision it was issued under, when given'),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
});

export const reissueResultJson = z.object({ certificate: issuedJson, replaced: z.object({ id: z.number(), number: z.string() }), message: z.string() });
export const revokeResultJson = z.object({ certificate: certificateJson, message: z.string() });

export const toIssuedJson = (c: IssuedCertificate | CertificateRow): z.infer<typeof issuedJson> => ({
  id: c.id,
  number: c.number,
  traineeId: c.traineeId,
  fullName: c.fullName,
  issuedOn: c.issuedOn,
  verifyCode: c.verifyCode,
});

export const toRowJson = (c: CertificateRow): z.infer<typeof certificateRowJson> => ({ ...toIssuedJson(c), status: c.status, replacesId: c.replacesId });

/** No birth date here: the API shows what a staff page shows. */
export function toCertificateJson(c: CertificateDetail): z.infer<typeof certificateJson> {
  return {
    ...toRowJson(c),
    unitId: c.unitId,
    unitName: c.unitName,
    unitParentBody: c.unitParentBody,
    signer: { name: c.signerName, title: c.signerTitle, authority: c.signerAuthority },
    trainee: { id: c.trainee.id, fullName: c.trainee.fullName, birthYear: c.trainee.birthYear },
    course: { id: c.course.id, name: c.course.name, startDate: c.course.startDate, endDate: c.course.endDate },
    program: c.program,
    result: { score: c.result.score, grade: c.result.grade },
    replaces: c.replaces,
    replacedBy: c.replacedBy,
    reissueReason: c.reissueReason,
    decisionNumber: c.decisionNumber,
    revokedAt: c.revokedAt ? c.revokedAt.toISOString() : null,
    revokeReason: c.revokeReason,
  };
}

/** The sentence shown after an issue, on the page (flash) and in the API's `message`. */
export function issueSummary(locale: Locale, r: IssueResult): string {
  const main =
    r.issued === 0
      ? t(locale, 'certificates.nothingToIssue')
      : r.issued === 1
        ? t(locale, 'certificates.issuedOne', { first: r.firstNumber })
        : t(locale, 'certificates.issued', { count: r.issued, first: r.firstNumber, last: r.lastNumber });
  return r.revokedSkipped ? `${main} ${t(locale, 'certificates.revokedSkipped', { count: r.revokedSkipped })}` : main;
}
