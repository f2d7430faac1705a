// /api/v1 certificates: issue for a course, read, re-issue, revoke. The same services and scope as the pages.
import { Router } from 'express';
import { z } from 'zod';
import { describeApi } from '../api/openapi.js';
import type { ApiDeps } from '../api/api.routes.js';
import { idParam } from '../http/fields.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import { getCertificate, listForCourse } from './certificates.queries.js';
import {
  certificateJson,
  courseCertificatesJson,
  issueResultJson,
  issueSummary,
  reissueBody,
  reissueResultJson,
  revokeBody,
  revokeResultJson,
  toCertificateJson,
  toIssuedJson,
  toRowJson,
} from './certificates.schema.js';
import { issueForCourse, reissue, revoke } from './certificates.service.js';

const TAG = 'Certificates';
const conflict = { description: 'Not possible in the current state; `message` says why (course not finished, no signer, program without certificate, certificate no longer valid)' };

describeApi({
  method: 'post',
  path: '/courses/:id/certificates',
  tag: TAG,
  summary: 'Issue certificates to every trainee who completed the finished course and has none yet',
  responses: {
    201: { description: 'Certificates issued, numbered in class-list order', schema: issueResultJson },
    200: { description: 'Nothing new to issue (`issued` is 0)', schema: issueResultJson },
    403: { description: 'A trainee token' },
    409: conflict,
  },
});
describeApi({ method: 'get', path: '/courses/:id/certificates', tag: TAG, summary: "A course's certificates (valid, replaced and revoked), in number order", responses: { 200: { description: 'The register', schema: courseCertificatesJson } } });
describeApi({ method: 'get', path: '/certificates/:id', tag: TAG, summary: 'One certificate, with the one it replaces and the one that replaced it', responses: { 200: { description: 'The certificate', schema: z.object({ certificate: certificateJson }) } } });
describeApi({
  method: 'post',
  path: '/certificates/:id/reissue',
  tag: TAG,
  summary: 'Re-issue a valid certificate under a new number; the old one becomes "replaced"',
  body: reissueBody,
  responses: { 201: { description: 'The new certificate', schema: reissueResultJson }, 403: { description: 'A trainee token' }, 409: conflict },
});
describeApi({
  method: 'post',
  path: '/certificates/:id/revoke',
  tag: TAG,
  summary: 'Revoke a valid certificate, with a reason',
  body: revokeBody,
  responses: { 200: { description: 'The revoked certificate', schema: revokeResultJson }, 403: { description: 'A trainee token' }, 409: conflict },
});

export function certificatesApi(_deps: ApiDeps): Router {
  const router = Router();
  const staff = requireRole('admin', 'center');

  router.post('/courses/:id/certificates', staff, async (req, res) => {
    const courseId = parse(idParam, req.params.id, req);
    const result = await issueForCourse(actorOf(req), courseId);
    res.status(result.issued > 0 ? 201 : 200).json({
      issued: result.issued,
      firstNumber: result.firstNumber,
      lastNumber: result.lastNumber,
      revokedSkipped: result.revokedSkipped,
      message: issueSummary(req.locale, result),
      certificates: result.certificates.map(toIssuedJson),
    });
  });

  router.get('/courses/:id/certificates', staff, async (req, res) => {
    const data = await listForCourse(actorOf(req), parse(idParam, req.params.id, req));
    const { course } = data;
    res.json({
      course: { id: course.id, name: course.name, status: course.status, unitId: course.unitId, programName: course.programName, credential: course.credential },
      completed: data.completed,
      pending: data.pending,
      certificates: data.certificates.map(toRowJson),
    });
  });

  router.get('/certificates/:id', async (req, res) => {
    const certificate = await getCertificate(actorOf(req), parse(idParam, req.params.id, req));
    res.json({ certificate: toCertificateJson(certificate) });
  });

  router.post('/certificates/:id/reissue', staff, async (req, res) => {
    const id = parse(idParam, req.params.id, req);
    const { reason } = parse(reissueBody, req.body ?? {}, req);
    const result = await reissue(actorOf(req), id, reason);
    res.status(201).json({
      certificate: toIssuedJson(result.certificate),
      replaced: result.replaced,
      message: t(req.locale, 'certificates.reissued', { number: result.certificate.number, old: result.replaced.number }),
    });
  });

  router.post('/certificates/:id/revoke', staff, async (req, res) => {
    const id = parse(idParam, req.params.id, req);
    const { reason } = parse(revokeBody, req.body ?? {}, req);
    const actor = actorOf(req);
    const revoked = await revoke(actor, id, reason);
    res.json({ certificate: toCertificateJson(await getCertificate(actor, id)), message: t(req.locale, 'certificates.revoked', { number: revoked.number }) });
  });

  return router;
}
