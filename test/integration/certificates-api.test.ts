import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { AuditLog, Certificate } from '../../server/db/models.js';
import { todayInVietnam } from '../../server/lib/format.js';
import { makeApp } from '../helpers/app.js';
import { makeCourseWithResults, withSigner } from '../helpers/certificates.js';
import { makeToken, makeUser } from '../helpers/factories.js';
import { signIn } from '../helpers/http.js';

describe('certificates API', () => {
  let app: App;
  let vanLam: string;
  let vanGiang: string;
  let admin: string;
  const api = (method: 'get' | 'post', path: string, token?: string) => {
    const req = supertest(app)[method](`/api/v1${path}`);
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };

  before(async () => {
    app = makeApp();
    await withSigner('TTCTVL');
    vanLam = await makeToken(await makeUser({ role: 'center', unitCode: 'TTCTVL' }));
    vanGiang = await makeToken(await makeUser({ role: 'center', unitCode: 'TTCTVG' }));
    admin = await makeToken(await makeUser({ role: 'admin' }));
  });

  async function issued(completed = 2) {
    const fixture = await makeCourseWithResults({ unitCode: 'TTCTVL', completed });
    const res = await api('post', `/courses/${fixture.course.id}/certificates`, vanLam);
    expect(res.status).to.equal(201);
    return { ...fixture, body: res.body as { certificates: Array<{ id: number; number: string; traineeId: number; verifyCode: string }> } };
  }

  it('when a center issues for a finished course, then 201 lists each new certificate with its number and verification code, and the rows exist', async () => {
    const { course, completed } = await makeCourseWithResults({ unitCode: 'TTCTVL', completed: 3 });
    const res = await api('post', `/courses/${course.id}/certificates`, vanLam);
    expect(res.status).to.equal(201);
    expect(res.body.issued).to.equal(3);
    expect(res.body.certificates).to.have.length(3);
    const rows = await Certificate.findAll({ where: { enrollmentId: completed.map((e) => e.id) }, order: [['seq', 'ASC']] });
    expect(res.body.certificates.map((c: { id: number }) => c.id)).to.deep.equal(rows.map((r) => r.id));
    expect(res.body.certificates[0]).to.deep.include({ number: rows[0]!.number, issuedOn: todayInVietnam(), verifyCode: rows[0]!.verifyCode });
    expect(res.body).to.include({ firstNumber: rows[0]!.number, lastNumber: rows[2]!.number, revokedSkipped: 0 });
    expect(res.body.message).to.equal(`Đã cấp 3 giấy chứng nhận, từ số ${rows[0]!.number} đến số ${rows[2]!.number}.`);
    const traineeOf = new Map(completed.map((e) => [e.id, e.traineeId]));
    expect(res.body.certificates.map((c: { traineeId: number }) => c.traineeId)).to.deep.equal(rows.map((r) => traineeOf.get(r.enrollmentId)));
  });

  it('when the same course is issued again, then 200 with issued 0 and nothing new', async () => {
    const { course, completed } = await issued(2);
    const res = await api('post', `/courses/${course.id}/certificates`, vanLam);
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ issued: 0, firstNumber: null, lastNumber: null });
    expect(res.body.certificates).to.deep.equal([]);
    expect(await Certificate.count({ where: { enrollmentId: completed.map((e) => e.id) } })).to.equal(2);
  });

  it('when the course is open, then 409 with a Vietnamese message', async () => {
    const { course, completed } = await makeCourseWithResults({ unitCode: 'TTCTVL', completed: 1, status: 'open' });
    const res = await api('post', `/courses/${course.id}/certificates`, vanLam);
    expect(res.status).to.equal(409);
    expect(res.body.error).to.deep.equal({ kind: 'conflict', message: `Lớp "${course.name}" chưa kết thúc. Chỉ cấp giấy chứng nhận cho lớp đã kết thúc.` });
    expect(await Certificate.count({ where: { enrollmentId: completed[0]!.id } })).to.equal(0);
  });

  it('when the request has no token, a trainee token, a bad id or a browser session, then 401/403/422 and nothing is issued', async () => {
    const { course, completed } = await makeCourseWithResults({ unitCode: 'TTCTVL', completed: 1 });
    expect((await api('post', `/courses/${course.id}/certificates`)).status).to.equal(401);
    const trainee = await makeToken(await makeUser({ role: 'trainee', traineeId: completed[0]!.traineeId }));
    const asTrainee = await api('post', `/courses/${course.id}/certificates`, trainee);
    expect(asTrainee.status).to.equal(403);
    expect(asTrainee.body.error.kind).to.equal('forbidden');
    const bad = await api('post', '/courses/abc/certificates', vanLam);
    expect(bad.status).to.equal(422);
    expect(bad.body.error.kind).to.equal('invalid');
    const session = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTVL' })).username);
    expect((await session.post(`/api/v1/courses/${course.id}/certificates`)).status).to.equal(401);
    expect(await Certificate.count({ where: { enrollmentId: completed[0]!.id } })).to.equal(0);
  });

  it("when the Văn Giang center calls any certificate route on Văn Lâm's records, then 404 every time and nothing changes", async () => {
    const { course, body } = await issued(1);
    const pending = await makeCourseWithResults({ unitCode: 'TTCTVL', completed: 1 });
    const id = body.certificates[0]!.id;
    for (const [method, path, payload] of [
      ['post', `/courses/${pending.course.id}/certificates`, {}],
      ['get', `/courses/${course.id}/certificates`, undefined],
      ['get', `/certificates/${id}`, undefined],
      ['post', `/certificates/${id}/reissue`, { reason: 'Mất' }],
      ['post', `/certificates/${id}/revoke`, { reason: 'Sai' }],
    ] as const) {
      const req = api(method, path, vanGiang);
      const res = await (payload ? req.send(payload) : req);
      expect(res.status, `${method} ${path}`).to.equal(404);
      expect(res.body.error.kind).to.equal('not_found');
    }
    expect(await Certificate.count({ where: { enrollmentId: pending.completed[0]!.id } })).to.equal(0);
    expect(await Certificate.findByPk(id)).to.include({ status: 'valid' });
  });

  it("when a course's certificates are listed, then every one shows with its status, in number order", async () => {
    const { course, body } = await issued(2);
    await api('post', `/certificates/${body.certificates[0]!.id}/revoke`, vanLam).send({ reason: 'Cấp nhầm' });
    const res = await api('get', `/courses/${course.id}/certificates`, vanLam);
    expect(res.status).to.equal(200);
    expect(res.body.course).to.include({ id: course.id, status: 'finished', credential: 'Giấy chứng nhận' });
    expect(res.body).to.include({ completed: 2, pending: 0 });
    expect(res.body.certificates.map((c: { number: string; status: string }) => [c.number, c.status])).to.deep.equal([
      [body.certificates[0]!.number, 'revoked'],
      [body.certificates[1]!.number, 'valid'],
    ]);
    expect((await api('get', `/courses/${course.id}/certificates`, admin)).status).to.equal(200);
  });

  it('when one certificate is read, then it carries the holder, the unit as issued and the signer, but no birth date', async () => {
    const { body, completed } = await issued(1);
    const id = body.certificates[0]!.id;
    const res = await api('get', `/certificates/${id}`, vanLam);
    expect(res.status).to.equal(200);
    const c = res.body.certificate;
    expect(c).to.include({ id, number: body.certificates[0]!.number, status: 'valid', unitName: 'TRUNG TÂM CHÍNH TRỊ', unitParentBody: 'HUYỆN ỦY VĂN LÂM', replacesId: null });
    expect(c.signer).to.deep.equal({ name: 'Nguyễn Thị Hồng Nhung', title: 'GIÁM ĐỐC', authority: null });
    expect(c.trainee).to.deep.equal({ id: completed[0]!.traineeId, fullName: c.fullName, birthYear: 1990 });
    expect(c.program).to.include({ code: 'NTVD', credential: 'Giấy chứng nhận' });
    expect(c.result).to.deep.equal({ score: 8.5, grade: 'good' });
    expect(JSON.stringify(res.body)).not.to.contain('1990-05-17');

    const own = await makeToken(await makeUser({ role: 'trainee', traineeId: completed[0]!.traineeId }));
    expect((await api('get', `/certificates/${id}`, own)).status).to.equal(200);
    const stranger = await makeToken(await makeUser({ role: 'trainee', traineeId: (await makeCourseWithResults({ unitCode: 'TTCTVL', completed: 1 })).completed[0]!.traineeId }));
    expect((await api('get', `/certificates/${id}`, stranger)).status).to.equal(404);
  });

  it('when a certificate is re-issued through the API, then 201 with the new one, the old is replaced, and a second re-issue is 409', async () => {
    const { body } = await issued(1);
    const old = body.certificates[0]!;
    const res = await api('post', `/certificates/${old.id}/reissue`, vanLam).send({ reason: 'Mất bản gốc' });
    expect(res.status).to.equal(201);
    expect(res.body.replaced).to.deep.equal({ id: old.id, number: old.number });
    expect(res.body.message).to.equal(`Đã cấp lại giấy chứng nhận số ${res.body.certificate.number} thay cho số ${old.number}.`);
    expect(await Certificate.findByPk(res.body.certificate.id)).to.include({ replacesId: old.id, reissueReason: 'Mất bản gốc', status: 'valid' });
    expect(await Certificate.findByPk(old.id)).to.include({ status: 'replaced' });
    const detail = await api('get', `/certificates/${old.id}`, vanLam);
    expect(detail.body.certificate.replacedBy).to.include({ id: res.body.certificate.id });

    const again = await api('post', `/certificates/${old.id}/reissue`, vanLam).send({});
    expect(again.status).to.equal(409);
    expect(again.body.error.kind).to.equal('conflict');
    expect(await Certificate.count({ where: { replacesId: old.id } })).to.equal(1);
  });

  it('when a revocation comes without a reason, then 422 names the field; with one, 200 and the row is revoked and audited', async () => {
    const { body } = await issued(1);
    const id = body.certificates[0]!.id;
    const missing = await api('post', `/certificates/${id}/revoke`, vanLam).send({});
    expect(missing.status).to.equal(422);
    expect(missing.body.error.fields).to.deep.equal({ reason: 'Vui lòng nhập trường này.' });
    expect(await Certificate.findByPk(id)).to.include({ status: 'valid' });

    const res = await api('post', `/certificates/${id}/revoke`, vanLam).send({ reason: 'Hồ sơ không hợp lệ' });
    expect(res.status).to.equal(200);
    expect(res.body.certificate).to.include({ id, status: 'revoked', revokeReason: 'Hồ sơ không hợp lệ' });
    expect(res.body.certificate.revokedAt).to.be.a('string');
    expect(await Certificate.findByPk(id)).to.include({ status: 'revoked', revokeReason: 'Hồ sơ không hợp lệ' });
    expect(await AuditLog.count({ where: { entityType: 'certificate', entityId: id, action: 'revoke' } })).to.equal(1);
    expect((await api('post', `/certificates/${id}/revoke`, vanLam).send({ reason: 'Lần hai' })).status).to.equal(409);
  });

  it('when the OpenAPI document is read, then it describes the certificate routes', async () => {
    const res = await supertest(app).get('/api/openapi.json');
    const paths = res.body.paths as Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
    expect(paths['/courses/{id}/certificates']).to.have.keys('get', 'post');
    expect(paths['/courses/{id}/certificates']!.post!.responses).to.include.keys('201', '200', '409', '404', '401');
    expect(paths['/certificates/{id}']).to.have.keys('get');
    expect(paths['/certificates/{id}/reissue']!.post!.requestBody).to.be.an('object');
    expect(JSON.stringify(paths['/certificates/{id}/revoke']!.post!.requestBody)).to.contain('"required":["reason"]');
  });
});
