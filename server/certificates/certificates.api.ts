// /api/v1 certificates: issue for a course, read, re-issue, revoke. The same services and scope as the pages.
import { Router } from 'express';
import { z } from 'zod';
import { describeApi } from '../api/openapi.js';
import type { ApiDeps } from '../api/api.routes.js';
import { idParam } from '../http/fields.js';
import { actorOf, requireRole } from '../http/guards.js';
import { apiPageQuery, pageFields, pageInfo, pageJson, pageOfList, pageWindow } from '../http/pagination.js';
import { parse } from '../http/validate.js';
import { todayInVietnam } from '../lib/format.js';
import { apiRegisterQuery, registerJson, toRegisterJson } from './register.api-schema.js';
import { certificateRegister } from './register.queries.js';
import { t } from '../i18n/index.js';
import { getCertificate, listForCourse } from './certificates.queries.js';
import {
  certificateJson,
  courseCertificatesJson,
  issueForm,
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
const PER_PAGE = 100;
const conflict = { description: 'Not possible in the current state; `message` says why (course not finished, no signer, program without certificate, certificate no longer valid)' };

describeApi({
  method: 'post',
  path: '/courses/:id/certificates',
  tag: TAG,
  summary: 'Issue certificates to every trainee who completed the finished course and has none yet',
  body: issueForm,
  responses: {
    201: { description: 'Certificates issued, numbered in class-list order', schema: issueResultJson },
    200: { description: 'Nothing new to issue (`issued` is 0)', schema: issueResultJson },
    403: { description: 'A trainee token' },
    409: conflict,
  },
});
describeApi({
  method: 'get',
  path: '/courses/:id/certificates',
  tag: TAG,
  summary: `A course's certificates (valid, replaced and revoked), in number order, ${PER_PAGE} a page`,
  query: apiPageQuery,
  responses: { 200: { description: 'The course’s certificates', schema: courseCertificatesJson.extend(pageJson) } },
});
describeApi({
  method: 'get',
  path: '/certificates',
  tag: TAG,
  summary: `A unit's certificate register for a year (the board names unitCode; a center: its own), in number order, ${PER_PAGE} a page`,
  query: apiRegisterQuery,
  responses: { 200: { description: 'The register', schema: registerJson } },
});
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
    const result = await issueForCourse(actorOf(req), courseId, {}, parse(issueForm, req.body ?? {}, req));
    res.status(result.issued > 0 ? 201 : 200).json({
      issued: result.issued,
      firstNumber: result.firstNumber,
      lastNumber: result.lastNumber,
      revokedSkipped: result.revokedSkipped,
      message: issueSummary(req.locale, result),
      certificates: result.certificates.map(toIssuedJson),
    });
  });

  router.get('/certificates', staff, async (req, res) => {
    const { year = Number(todayInVietnam().slice(0, 4)), unitCode, programCode, page } = parse(apiRegisterQuery, req.query, req);
    const { unit, rows, total, valid } = await certificateRegister(actorOf(req), { year, unitCode, programCode }, pageWindow(page, PER_PAGE));
    res.json({ unit: unit ? { code: unit.code, name: unit.name } : null, year, valid, certificates: rows.map(toRegisterJson), ...pageFields(pageInfo(total, page, PER_PAGE)) });
  });

  router.get('/courses/:id/certificates', staff, async (req, res) => {
    const id = parse(idParam, req.params.id, req);
    const { page } = parse(apiPageQuery, req.query, req);
    const data = await listForCourse(actorOf(req), id);
    const { course } = data;
    const cut = pageOfList(data.certificates, page, PER_PAGE);
    res.json({
      course: { id: course.id, name: course.name, status: course.status, unitId: course.unitId, programName: course.programName, credential: course.credential },
      completed: data.completed,
      pending: data.pending,
      certificates: cut.rows.map(toRowJson),
      ...cut.page,
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
