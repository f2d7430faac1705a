// The certificates domain as other domains see it (PDFs, the trainee portal, the public check, reports).
export type { CertificateStatus } from './certificate.model.js';
export { CERTIFICATE_STATUSES } from './certificate.model.js';
export { certificateNumber, normalizeVerifyCode, VERIFY_CODE_ALPHABET } from './certificate-number.js';
export type { CertificateDetail, CertificateLink, CertificateRow, CourseCertificates, PublicCertificate } from './certificates.queries.js';
export { findByVerifyCode, getCertificate, listForCourse, listForTrainee } from './certificates.queries.js';
export type { IssuedCertificate, IssueResult, ReissueResult } from './certificates.service.js';
export { issueForCourse, reissue, revoke } from './certificates.service.js';
export { certificateRoutes } from './certificates.routes.js';
export { certificatesApi } from './certificates.api.js';
export { certificateRegister, registerUnit, type RegisterFilter, type RegisterRow, type RegisterUnit } from './register.queries.js';
