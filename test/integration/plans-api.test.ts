import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { Plan, type User } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { makeToken, makeUser, unitByCode } from '../helpers/factories.js';
import { DEFAULT_TARGETS, auditActions, freshYear, makePlan, targetsOf } from '../helpers/plans.js';

type Method = 'get' | 'post' | 'put';

describe('plans API', () => {
  let app: App;
  let vanlamUser: User;
  let vanlam: string;
  let vangiang: string;
  let admin: string;
  before(async () => {
    app = makeApp();
    vanlamUser = await makeUser({ role: 'center', unitCode: 'TTCTVL' });
    vanlam = await makeToken(vanlamUser);
    vangiang = await makeToken(await makeUser({ role: 'center', unitCode: 'TTCTVG' }));
    admin = await makeToken(await makeUser({ role: 'admin' }));
  });

  const call = (method: Method, path: string, token?: string, body?: unknown) => {
    const req = supertest(app)[method](`/api/v1${path}`);
    if (token) req.set('Authorization', `Bearer ${token}`);
    return body === undefined ? req : req.send(body as object);
  };

  it('when Văn Lâm drafts, submits and is approved through the API, then each step answers the plan and the rows follow', async () => {
    const year = freshYear('TTCTVL');
    const vl = await unitByCode('TTCTVL');
    // A unitCode from a center is ignored: the plan is always its own unit's.
    let res = await call('post', '/plans', vanlam, { year, unitCode: 'TTCTVG', note: 'Kế hoạch qua API', targets: DEFAULT_TARGETS });
    expect(res.status).to.equal(201);
    const id = res.body.plan.id as number;
    expect(res.headers.location).to.equal(`/api/v1/plans/${id}`);
    expect(res.body.plan).to.deep.include({ unitCode: 'TTCTVL', year, version: 1, status: 'draft', inForce: false, lockVersion: 0, note: 'Kế hoạch qua API', amendsPlanId: null });
    expect(res.body.plan.totals).to.deep.equal({ plannedCourses: 6, plannedTrainees: 470, quarters: null });
    expect(res.body.plan.targets[0]).to.deep.include({ programCode: 'NTVD', plannedCourses: 4, plannedTrainees: 320, quarters: { courses: [1, 1, 1, 1], trainees: [80, 80, 80, 80] } });
    expect((await Plan.findByPk(id))!.unitId).to.equal(vl.id);
    expect(await Plan.count({ where: { unitId: (await unitByCode('TTCTVG')).id, year } })).to.equal(0);

    res = await call('put', `/plans/${id}`, vanlam, { lockVersion: 0, note: null, targets: [...DEFAULT_TARGETS, { programCode: 'scllct', plannedCourses: 1, plannedTrainees: 60 }] });
    expect(res.status).to.equal(200);
    expect(res.body.plan).to.deep.include({ lockVersion: 1, note: null });
    expect(Object.keys(await targetsOf(id)).sort()).to.deep.equal(['CNKT', 'NTVD', 'SCLLCT']);

    res = await call('post', `/plans/${id}/submit`, vanlam, { lockVersion: 1 });
    expect(res.status).to.equal(200);
    expect(res.body.plan.status).to.equal('submitted');
    expect(typeof res.body.plan.submittedAt).to.equal('string');

    res = await call('post', `/plans/${id}/approve`, vanlam, {});
    expect(res.status).to.equal(403);
    expect(res.body.error).to.deep.include({ kind: 'forbidden', message: 'Chỉ Ban Tuyên giáo Tỉnh ủy được phê duyệt hoặc trả lại kế hoạch.' });

    res = await call('post', `/plans/${id}/return`, admin, { reason: 'Bổ sung số lớp quý IV' });
    expect(res.status).to.equal(200);
    expect(res.body.plan).to.deep.include({ status: 'returned', returnReason: 'Bổ sung số lớp quý IV' });

    res = await call('post', `/plans/${id}/submit`, vanlam, {});
    expect(res.body.plan.status).to.equal('submitted');
    res = await call('post', `/plans/${id}/approve`, admin, { lockVersion: res.body.plan.lockVersion });
    expect(res.status).to.equal(200);
    expect(res.body.plan).to.deep.include({ status: 'approved', inForce: true });
    expect((await Plan.findByPk(id))!.status).to.equal('approved');

    res = await call('put', `/plans/${id}`, vanlam, { lockVersion: res.body.plan.lockVersion, targets: [] });
    expect(res.status).to.equal(409);
    expect(res.body.error.message).to.contain('Kế hoạch đã duyệt muốn thay đổi thì dùng');

    res = await call('post', `/plans/${id}/amend`, vanlam, {});
    expect(res.status).to.equal(201);
    expect(res.body.plan).to.deep.include({ version: 2, status: 'draft', amendsPlanId: id, inForce: false });
    expect(res.body.plan.totals).to.deep.include({ plannedCourses: 7, plannedTrainees: 530 });

    res = await call('get', `/plans?year=${year}`, vanlam);
    expect(res.status).to.equal(200);
    expect(res.body.plans.map((p: { version: number; inForce: boolean }) => [p.version, p.inForce])).to.deep.equal([
      [2, false],
      [1, true],
    ]);
    expect(await auditActions(id)).to.deep.equal(['create', 'update', 'submit', 'return', 'submit', 'approve']);
    expect(await auditActions(res.body.plans[0].id)).to.deep.equal(['amend']);
  });

  it('when no token is sent, then every plans route answers 401 in JSON', async () => {
    const plan = await makePlan({ unitCode: 'TTCTVL', status: 'submitted' });
    const routes: Array<[Method, string]> = [
      ['get', '/plans'],
      ['post', '/plans'],
      ['get', `/plans/${plan.id}`],
      ['put', `/plans/${plan.id}`],
      ['post', `/plans/${plan.id}/submit`],
      ['post', `/plans/${plan.id}/approve`],
      ['post', `/plans/${plan.id}/return`],
      ['post', `/plans/${plan.id}/amend`],
    ];
    for (const [method, path] of routes) {
      const res = await call(method, path, undefined, method === 'get' ? undefined : { reason: 'x', year: 2099, targets: [] });
      expect(res.status, `${method} ${path}`).to.equal(401);
      expect(res.body.error.kind).to.equal('unauthenticated');
    }
    expect((await Plan.findByPk(plan.id))!.status).to.equal('submitted');
  });

  it('when the Văn Giang token reaches for a Văn Lâm plan, then 404 on every route and nothing changes', async () => {
    const plan = await makePlan({ unitCode: 'TTCTVL', status: 'submitted' });
    const approved = await makePlan({ unitCode: 'TTCTVL', status: 'approved' });
    const routes: Array<[Method, string, unknown]> = [
      ['get', `/plans/${plan.id}`, undefined],
      ['put', `/plans/${plan.id}`, { lockVersion: 0, targets: DEFAULT_TARGETS }],
      ['put', `/plans/${plan.id}`, { targets: 'not a list' }],
      ['post', `/plans/${plan.id}/submit`, {}],
      ['post', `/plans/${plan.id}/approve`, {}],
      ['post', `/plans/${plan.id}/return`, { reason: '' }],
      ['post', `/plans/${approved.id}/amend`, {}],
    ];
    for (const [method, path, body] of routes) {
      const res = await call(method, path, vangiang, body);
      expect(res.status, `${method} ${path}`).to.equal(404);
      expect(res.body.error.kind).to.equal('not_found');
    }
    const list = await call('get', '/plans?unitCode=TTCTVL', vangiang);
    expect(list.status).to.equal(200);
    expect(list.body.plans.every((p: { unitCode: string }) => p.unitCode === 'TTCTVG')).to.equal(true);
    expect((await Plan.findByPk(plan.id))!.status).to.equal('submitted');
    expect(await Plan.count({ where: { unitId: approved.unitId, year: approved.year } })).to.equal(1);
  });

  it('when the admin lists by unit and year, then only that unit’s plans come back', async () => {
    const plan = await makePlan({ unitCode: 'TTCTYM' });
    await makePlan({ unitCode: 'TTCTAT', year: plan.year });
    const res = await call('get', `/plans?year=${plan.year}&unitCode=ttctym`, admin);
    expect(res.status).to.equal(200);
    expect(res.body.plans.map((p: { id: number }) => p.id)).to.deep.equal([plan.id]);
  });

  it('when the admin drafts for a unit, then it must name one the board plans for', async () => {
    const year = freshYear('TTCTKD');
    let res = await call('post', '/plans', admin, { year, targets: DEFAULT_TARGETS });
    expect(res.status).to.equal(422);
    expect(res.body.error.fields).to.deep.equal({ unitCode: 'Vui lòng nhập trường này.' });
    res = await call('post', '/plans', admin, { year, unitCode: 'KHONGCO', targets: DEFAULT_TARGETS });
    expect(res.status).to.equal(422);
    expect(res.body.error.fields.unitCode).to.equal('Không có đơn vị với mã này.');
    res = await call('post', '/plans', admin, { year, unitCode: 'BTGTU', targets: DEFAULT_TARGETS });
    expect(res.body.error.fields.unitCode).to.equal('Đơn vị này không lập kế hoạch đào tạo.');
    res = await call('post', '/plans', admin, { year, unitCode: 'ttctkd', targets: DEFAULT_TARGETS });
    expect(res.status).to.equal(201);
    expect(res.body.plan.unitCode).to.equal('TTCTKD');
    res = await call('post', '/plans', vanlam, { year: 'năm sau', targets: DEFAULT_TARGETS });
    expect(res.status).to.equal(422);
    expect(res.body.error.fields).to.have.property('year');
  });

  it('when targets break the rules, then 422 names each field in Vietnamese and nothing is stored', async () => {
    const year = freshYear('TTCTVL');
    let res = await call('post', '/plans', vanlam, {
      year,
      targets: [
        { programCode: 'NTVD', plannedCourses: 4, plannedTrainees: 320, quarters: { courses: [1, 1, 1, 2], trainees: [80, 80, 80] } },
        { programCode: 'NTVD', plannedCourses: -1, plannedTrainees: 10 },
      ],
    });
    expect(res.status).to.equal(422);
    expect(res.body.error.kind).to.equal('invalid');
    expect(res.body.error.fields).to.deep.include({
      'targets.0.quarters.courses': 'Tổng bốn quý là 5, chưa bằng số cả năm (4).',
      'targets.0.quarters.trainees': 'Nhập đủ cả bốn quý, hoặc để trống cả bốn.',
      'targets.1.plannedCourses': 'Giá trị phải từ 0 trở lên.',
    });
    res = await call('post', '/plans', vanlam, { year, targets: [DEFAULT_TARGETS[1], DEFAULT_TARGETS[1]] });
    expect(res.body.error.fields).to.deep.equal({ 'targets.1.programCode': 'Chương trình này đã có chỉ tiêu ở dòng khác.' });
    res = await call('post', '/plans', vanlam, { year, targets: [{ programCode: 'XYZ', plannedCourses: 1, plannedTrainees: 1 }] });
    expect(res.status).to.equal(422);
    expect(res.body.error.fields).to.deep.equal({ 'targets.0.programCode': 'Không có chương trình với mã này.' });
    expect(await Plan.count({ where: { unitId: vanlamUser.unitId!, year } })).to.equal(0);
  });

  it('when a PUT carries a stale lockVersion, then 409 with the current plan and nothing is overwritten', async () => {
    const plan = await makePlan({ unitCode: 'TTCTVL' });
    const first = await call('put', `/plans/${plan.id}`, admin, { lockVersion: 0, note: 'Ban sửa', targets: [{ programCode: 'LSD', plannedCourses: 2, plannedTrainees: 140 }] });
    expect(first.status).to.equal(200);
    const stale = await call('put', `/plans/${plan.id}`, vanlam, { lockVersion: 0, note: 'Đơn vị sửa', targets: DEFAULT_TARGETS });
    expect(stale.status).to.equal(409);
    expect(stale.body.error.kind).to.equal('conflict');
    expect(stale.body.error.message).to.contain('vừa được người khác sửa');
    expect(stale.body.error.current).to.deep.include({ id: plan.id, lockVersion: 1, note: 'Ban sửa' });
    expect(stale.body.error.current.targets.map((t: { programCode: string }) => t.programCode)).to.deep.equal(['LSD']);
    expect((await Plan.findByPk(plan.id))!.note).to.equal('Ban sửa');
    expect(Object.keys(await targetsOf(plan.id))).to.deep.equal(['LSD']);
    const missing = await call('put', `/plans/${plan.id}`, vanlam, { targets: [] });
    expect(missing.status).to.equal(422);
    expect(missing.body.error.fields).to.have.property('lockVersion');
  });

  it('when two clients race, then one plan per unit and year is created and one of two saves on the same version wins', async () => {
    const year = freshYear('TTCTVL');
    const created = await Promise.all([1, 2].map(() => call('post', '/plans', vanlam, { year, targets: DEFAULT_TARGETS })));
    expect(created.map((r) => r.status).sort()).to.deep.equal([201, 409]);
    expect(await Plan.count({ where: { unitId: vanlamUser.unitId!, year } })).to.equal(1);
    const id = created.find((r) => r.status === 201)!.body.plan.id as number;
    const saves = await Promise.all(
      [3, 5].map((n) => call('put', `/plans/${id}`, n === 3 ? vanlam : admin, { lockVersion: 0, targets: [{ programCode: 'DVM', plannedCourses: n, plannedTrainees: n * 70 }] })),
    );
    expect(saves.map((r) => r.status).sort()).to.deep.equal([200, 409]);
    const winner = saves.find((r) => r.status === 200)!.body.plan.targets[0].plannedCourses as number;
    expect((await targetsOf(id)).DVM!.courses).to.equal(winner);
    expect((await Plan.findByPk(id))!.lockVersion).to.equal(1);
  });

  it('when a step does not fit the status, then 409 with a Vietnamese message', async () => {
    const draft = await makePlan({ unitCode: 'TTCTVL' });
    let res = await call('post', `/plans/${draft.id}/approve`, admin, {});
    expect(res.status).to.equal(409);
    expect(res.body.error.message).to.equal('Chỉ phê duyệt được kế hoạch ở trạng thái Đã trình.');
    res = await call('post', `/plans/${draft.id}/return`, admin, { reason: 'x' });
    expect(res.body.error.message).to.equal('Chỉ trả lại được kế hoạch ở trạng thái Đã trình.');
    res = await call('post', `/plans/${draft.id}/amend`, vanlam, {});
    expect(res.body.error.message).to.equal('Chỉ điều chỉnh được phiên bản đã duyệt đang có hiệu lực.');
    res = await call('post', '/plans', vanlam, { year: draft.year, targets: [] });
    expect(res.status).to.equal(409);
    expect(res.body.error.message).to.contain('đang soạn hoặc chờ duyệt (phiên bản 1)');
    const submitted = await makePlan({ unitCode: 'TTCTVL', status: 'submitted' });
    res = await call('post', `/plans/${submitted.id}/submit`, vanlam, {});
    expect(res.body.error.message).to.equal('Chỉ trình được kế hoạch ở trạng thái Dự thảo hoặc Bị trả lại.');
    res = await call('post', `/plans/${submitted.id}/return`, admin, {});
    expect(res.status).to.equal(422);
    expect(res.body.error.fields).to.have.property('reason');
    expect((await Plan.findByPk(draft.id))!.status).to.equal('draft');
    expect((await Plan.findByPk(submitted.id))!.status).to.equal('submitted');
  });

  it('when a trainee token asks for plans, then 403', async () => {
    const trainee = await makeToken(await makeUser({ role: 'trainee' }));
    expect((await call('get', '/plans', trainee)).status).to.equal(403);
  });

  it('when the OpenAPI document is read, then the plan operations and their bodies are described', async () => {
    const res = await supertest(app).get('/api/openapi.json');
    const paths = res.body.paths;
    expect(paths['/plans']).to.have.keys('get', 'post');
    expect(paths['/plans/{id}']).to.have.keys('get', 'put');
    for (const action of ['submit', 'approve', 'return', 'amend']) expect(paths[`/plans/{id}/${action}`]).to.have.property('post');
    const target = paths['/plans'].post.requestBody.content['application/json'].schema.properties.targets.items;
    expect(target.properties).to.have.keys('programCode', 'plannedCourses', 'plannedTrainees', 'quarters');
    expect(paths['/plans/{id}'].put.responses).to.have.property('409');
    expect(paths['/plans/{id}/return'].post.requestBody.content['application/json'].schema.required).to.include('reason');
  });
});
