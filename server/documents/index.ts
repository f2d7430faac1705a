// The documents domain, as other domains and the lead see it. The progress-report routes are wired by the
// reporting side: see CONTEXT.md for how.
export { renderCertificatePdf, renderCertificatesPdf, verifyUrl, type CertificatePdfOptions } from './certificate.pdf.js';
export { loadCertificate, loadCourseCertificates, type CertificateDoc } from './certificates.data.js';
export { documentRoutes } from './documents.routes.js';
export { documentDefaults, documentQuery, type DocumentQuery } from './documents.schema.js';
export { boardUnit, issuerFromUnit, loadIssuer, loadProvinceReportSetup, loadUnitReportSetup } from './issuer.data.js';
export { renderProgressReportPdf } from './progress-report.pdf.js';
export type { ReportDocumentOptions } from './report-document.js';
export { NARRATIVE_PARTS, paragraphsOf, type NarrativePart, type ReportNarrative } from './report-narrative.js';
export { reportSubject } from './report-text.js';
export { loadRoster, type Roster } from './roster.data.js';
export { renderRosterPdf } from './roster.pdf.js';
export { sendPdf } from './send-pdf.js';
export { loadTraineeRecord, type TraineeRecord } from './trainee-record.data.js';
export { renderTraineeRecordPdf } from './trainee-record.pdf.js';
export { loadUnitCourses, type CourseListRow } from './unit-report.data.js';
export { renderUnitReportPdf } from './unit-report.pdf.js';
