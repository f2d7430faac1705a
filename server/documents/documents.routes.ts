// The printed documents' routes: thin, each one loader (which checks scope) and one renderer.
import { Router, type Request } from 'express';
import type { PageDeps } from '../http/page-deps.js';
import { idParam } from '../http/fields.js';
import { AppError } from '../http/errors.js';
import { actorOf, requireAuth, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { renderCertificatePdf, renderCertificatesPdf } from './certificate.pdf.js';
import { loadCertificate, loadCourseCertificates, loadRegisterCertificates } from './certificates.data.js';
import { registerQuery } from '../certificates/certificates.schema.js';
import { todayInVietnam } from '../lib/format.js';
import { documentDefaults, documentQuery } from './documents.schema.js';
import { loadRoster } from './roster.data.js';
import { renderRosterPdf } from './roster.pdf.js';
import { sendPdf } from './send-pdf.js';
import { loadTraineeRecord } from './trainee-record.data.js';
import { renderTraineeRecordPdf } from './trainee-record.pdf.js';
import { say } from './words.js';

/** A malformed id names no record: 404, like one that does not exist. */
function idOf(req: Request): number {
  const parsed = idParam.safeParse(req.params.id);
  if (!parsed.success) throw new AppError('not_found', 'common.errors.notFound');
  return parsed.data;
}

/** A certificate keeps the bytes it was issued with: its PDF is dated by its issue date, not the download. */
const issueDay = (isoDate: string) => new Date(`${isoDate}T00:00:00+07:00`);

export function documentRoutes({ config, sequelize }: PageDeps): Router {
  const router = Router();

  router.get('/courses/:id/roster.pdf', requireAuth, async (req, res) => {
    const { date } = documentDefaults(parse(documentQuery, req.query, req));
    const roster = await loadRoster(sequelize, actorOf(req), idOf(req), date);
    sendPdf(res, await renderRosterPdf(roster, { date }), `danh-sach-hoc-vien-lop-${roster.course.id}.pdf`);
  });

  router.get('/courses/:id/certificates.pdf', requireAuth, async (req, res) => {
    const id = idOf(req);
    const { courseName, certificates } = await loadCourseCertificates(sequelize, actorOf(req), id);
    const latest = certificates.map((c) => c.issuedOn).sort().pop()!;
    const pdf = await renderCertificatesPdf(certificates, {
      publicUrl: config.publicUrl,
      creationDate: issueDay(latest),
      title: say('certificate.courseFileTitle', { course: courseName }),
    });
    sendPdf(res, pdf, `giay-chung-nhan-lop-${id}.pdf`);
  });

  // Before /certificates/:id.pdf, which would take "register" for an id.
  router.get('/certificates/register.pdf', requireRole('admin', 'center'), async (req, res) => {
    const { year = Number(todayInVietnam().slice(0, 4)), unitCode, programCode } = parse(registerQuery, req.query, req);
    const { unit, certificates } = await loadRegisterCertificates(sequelize, actorOf(req), { year, unitCode, programCode });
    const latest = certificates.map((c) => c.issuedOn).sort().pop()!;
    const pdf = await renderCertificatesPdf(certificates, {
      publicUrl: config.publicUrl,
      creationDate: issueDay(latest),
      title: say('certificate.registerFileTitle', { year, unit: unit.name }),
    });
    sendPdf(res, pdf, `giay-chung-nhan-${unit.code.toLowerCase()}-${year}${programCode ? `-${programCode.toLowerCase()}` : ''}.pdf`);
  });

  router.get('/certificates/:id.pdf', requireAuth, async (req, res) => {
    const certificate = await loadCertificate(sequelize, actorOf(req), idOf(req));
    const pdf = await renderCertificatePdf(certificate, { publicUrl: config.publicUrl, creationDate: issueDay(certificate.issuedOn) });
    sendPdf(res, pdf, `giay-chung-nhan-${certificate.number}.pdf`);
  });

  router.get('/trainees/:id/record.pdf', requireAuth, async (req, res) => {
    const { date } = documentDefaults(parse(documentQuery, req.query, req));
    const record = await loadTraineeRecord(sequelize, actorOf(req), idOf(req), date);
    sendPdf(res, await renderTraineeRecordPdf(record, { date }), `qua-trinh-hoc-tap-${req.params.id}.pdf`);
  });

  return router;
}
