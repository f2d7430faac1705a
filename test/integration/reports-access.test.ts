// Who sees which report, and what the API refuses.
import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import type { ProgressReport } from '../../server/reports/report.types.js';
import { makeApp } from '../helpers/app.js';
import { makeToken, makeTrainee, makeUser } from '../helpers/factories.js';
import { expectConsistent, expectFigures, figures } from '../helpers/report-assertions.js';
import { buildReportFixture } from '../helpers/report-fixture.js';

const Y = 2044;

describe('progress report: scope and validation', () => {
  let app: App;
  let admin: string;
  let vanLam: string;
  let full: ProgressReport;

  const api = (token: string | null, query: string) => {
    const req = supertest(app).get(`/api/v1/reports/progress?${query}`);
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };

  before(async () => {
    app = makeApp();
    admin = await makeToken(await makeUser({ role: 'admin' }));
    vanLam = await makeToken(await makeUser({ role: 'center', unitCode: 'TTCTVL' }));
    await buildReportFixture(Y);
    full = (await api(admin, `year=${Y}&asOf=${Y}-12-31`)).body as ProgressReport;
  });

  it('when a center asks without a unit, then it gets its own unit only, and totals and categories cover only it', async () => {
    const res = await api(vanLam, `year=${Y}&asOf=${Y}-12-31`);
    expect(res.status).to.equal(200);
    const r = res.body as ProgressReport;
    expect(r.units.map((u) => u.unitCode)).to.deep.equal(['TTCTVL']);
    const own = full.units.find((u) => u.unitCode === 'TTCTVL')!;
    expect(r.units[0]).to.deep.equal(own);
    const { unitCode: _c, unitName: _n, programs: _p, ...ownFigures } = own;
    expectFigures(r.totals, ownFigures, 'totals');
    // t1 also studied at TTCTVG: the province counts 17 persons, Văn Lâm alone 11.
    expect(r.totals.trainees).to.equal(11);
    expectFigures(r.categories.find((c) => c.category === 'boi-duong-nv'), figures({ plannedCourses: 0, plannedTrainees: 0 }), 'boi-duong-nv');
    expectConsistent(r);
  });

  it('when a center names its own unit, in any case, then it gets the same report', async () => {
    const res = await api(vanLam, `year=${Y}&asOf=${Y}-12-31&unitCode=ttctvl`);
    expect(res.status).to.equal(200);
    expect((res.body as ProgressReport).units.map((u) => u.unitCode)).to.deep.equal(['TTCTVL']);
  });

  it('when a center names another unit, then 404 and nothing about that unit', async () => {
    for (const unit of ['TTCTVG', 'NOSUCHUNIT']) {
      const res = await api(vanLam, `year=${Y}&unitCode=${unit}`);
      expect(res.status, unit).to.equal(404);
      expect(res.body.error.kind).to.equal('not_found');
      expect(JSON.stringify(res.body)).not.to.contain('Văn Giang');
    }
  });

  it('when the board names a unit, then the report covers that unit only', async () => {
    const res = await api(admin, `year=${Y}&asOf=${Y}-12-31&unitCode=TTCTVG`);
    expect(res.status).to.equal(200);
    const r = res.body as ProgressReport;
    expect(r.units.map((u) => u.unitCode)).to.deep.equal(['TTCTVG']);
    expectFigures(r.totals, figures({ courses: 1, enrolled: 3, trainees: 3, finished: 3, completed: 2, completionRate: 2 / 3 }), 'totals');
    expectConsistent(r);
  });

  it('when the board names an unknown unit or the board itself, then 404', async () => {
    expect((await api(admin, `year=${Y}&unitCode=NOSUCHUNIT`)).status).to.equal(404);
    expect((await api(admin, `year=${Y}&unitCode=BTGTU`)).status).to.equal(404);
  });

  it('when a trainee or an anonymous client asks, then 403 or 401', async () => {
    const trainee = await makeTrainee();
    const token = await makeToken(await makeUser({ role: 'trainee', traineeId: trainee.id }));
    expect((await api(token, `year=${Y}`)).status).to.equal(403);
    expect((await api(null, `year=${Y}`)).status).to.equal(401);
    expect((await api('lt_not-a-token', `year=${Y}`)).status).to.equal(401);
  });

  it('when the input is invalid, then 422 names each field', async () => {
    const cases: Array<[string, string]> = [
      ['', 'year'],
      ['year=abc', 'year'],
      ['year=1999', 'year'],
      [`year=${Y}&period=q5`, 'period'],
      [`year=${Y}&asOf=${Y}-02-30`, 'asOf'],
      [`year=${Y}&asOf=tomorrow`, 'asOf'],
    ];
    for (const [query, field] of cases) {
      const res = await api(admin, query);
      expect(res.status, query).to.equal(422);
      expect(res.body.error.fields, query).to.have.property(field);
    }
  });

  it('when the as-of date comes as dd/mm/yyyy, then it is read as that day', async () => {
    const res = await api(admin, `year=${Y}&asOf=31/03/${Y}&period=q1`);
    expect(res.status).to.equal(200);
    expect(res.body.asOf).to.equal(`${Y}-03-31`);
  });

  it('when the OpenAPI document is read, then it describes the report and its parameters', async () => {
    const res = await supertest(app).get('/api/openapi.json');
    const op = res.body.paths['/reports/progress'].get;
    expect(op.parameters.map((p: { name: string }) => p.name)).to.have.members(['year', 'asOf', 'period', 'unitCode', 'view']);
    expect(op.parameters.find((p: { name: string }) => p.name === 'view').schema.enum).to.deep.equal(['as-was', 'rolled-up']);
    expect(op.parameters.find((p: { name: string }) => p.name === 'year').required).to.equal(true);
    expect(Object.keys(op.responses['200'].content['application/json'].schema.properties)).to.include.members(['units', 'categories', 'totals']);
  });
});
