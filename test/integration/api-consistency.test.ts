// The API's one contract, checked on every route it registers: a query parameter or body field the route does
// not take is refused with 400 naming it (in the reader's language), before anything else is looked at.
import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { describedOperations } from '../../server/api/openapi.js';
import { Enrollment, User } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { makeOpenCourse } from '../helpers/courses.js';
import { makeToken, makeUser } from '../helpers/factories.js';
import { registeredRoutes, type RouteInfo } from '../helpers/routes.js';

/**
 * The only routes under /api not walked: both sit outside /api/v1, take no input at all and are documents
 * about the API rather than its resources — the OpenAPI file (public, so tools can fetch it) and the Swagger
 * page that reads it (its own script adds nothing to the address, but a browser extension might).
 */
const EXEMPT = new Set(['GET /api/openapi.json', 'GET /api/docs']);

/** Real-looking values for the path's parameters: the 400 is given before any record is looked for. */
const concrete = (path: string) => path.replace(/:(\w+)/g, (_m, name: string) => (name === 'code' ? 'TTCTVL' : name === 'format' ? 'csv' : '1'));

describe('API consistency: unknown parameters and fields', function () {
  this.timeout(120_000);
  let app: App;
  let routes: RouteInfo[];
  let admin: string;
  let english: string;

  before(async () => {
    app = makeApp();
    routes = registeredRoutes(app).filter((r) => r.path.startsWith('/api/') && !EXEMPT.has(`${r.method} ${r.path}`));
    admin = await makeToken(await makeUser({ role: 'admin' }));
    const en = await makeUser({ role: 'center', unitCode: 'TTCTVL' });
    await User.update({ locale: 'en' }, { where: { id: en.id } });
    english = await makeToken(en);
  });

  it('when the app is built, then every /api route but the two exempt documents is a /api/v1 route described in the OpenAPI document (whose schemas the check reads)', () => {
    expect(routes.length).to.be.greaterThan(50);
    const described = new Set(describedOperations().map((op) => `${op.split(' ')[0]} /api/v1${op.split(' ')[1]}`));
    const undescribed = routes.filter((r) => !described.has(`${r.method} ${r.path}`)).map((r) => `${r.method} ${r.path}`);
    expect(undescribed).to.deep.equal([]);
  });

  it('when every registered API route is sent an unknown query parameter (and, with a body, an unknown field), then each answers 400 naming them', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const url = `${concrete(route.path)}?zzParam=1`;
      const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      const request = supertest(app)[method](url).set('Authorization', `Bearer ${admin}`);
      const res = method === 'get' ? await request : await request.send({ zzField: 1 });
      const expected = method === 'get' ? ['zzParam'] : ['zzParam', 'zzField'];
      const fields = (res.body as { error?: { fields?: Record<string, string> } }).error?.fields ?? {};
      if (res.status !== 400 || res.body.error.kind !== 'bad_request' || Object.keys(fields).sort().join() !== [...expected].sort().join()) {
        wrong.push(`${route.method} ${route.path}: ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
        continue;
      }
      for (const name of expected) {
        expect(fields[name]).to.equal('Không có tham số hoặc trường này.');
        expect(res.body.error.message).to.contain(name);
      }
    }
    expect(wrong, wrong.join('\n')).to.deep.equal([]);
  });

  it('when a list is filtered with `unit` instead of `unitCode`, then 400 names `unit` (it used to answer every course)', async () => {
    const res = await supertest(app).get('/api/v1/courses?unit=TTCTVL&year=2052').set('Authorization', `Bearer ${admin}`);
    expect(res.status).to.equal(400);
    expect(res.body.error).to.deep.equal({
      kind: 'bad_request',
      message: 'Yêu cầu có tham số hoặc trường không được chấp nhận: unit. Xem tài liệu API ở /api/docs.',
      fields: { unit: 'Không có tham số hoặc trường này.' },
    });
    for (const path of ['/reports/progress?year=2052&unit=TTCTVL', '/issued-reports?unit=TTCTVL', '/plans?unit=TTCTVL']) {
      const old = await supertest(app).get(`/api/v1${path}`).set('Authorization', `Bearer ${admin}`);
      expect(old.status, path).to.equal(400);
      expect(old.body.error.fields, path).to.have.keys(['unit']);
    }
  });

  it('when a nested field is unknown (trainee.birthDate for dateOfBirth), then 400 names it with its path and nothing is stored; the reader in English reads English', async () => {
    const course = await makeOpenCourse();
    const body = { trainee: { fullName: 'Phạm Văn Đông', birthDate: '1990-04-02', gender: 'male' }, sendingOrg: 'Chi bộ thôn Đông' };
    const res = await supertest(app).post(`/api/v1/courses/${course.id}/enrollments`).set('Authorization', `Bearer ${english}`).send(body);
    expect(res.status).to.equal(400);
    expect(res.body.error).to.deep.equal({
      kind: 'bad_request',
      message: 'The request has parameters or fields that are not accepted: trainee.birthDate. See the API documentation at /api/docs.',
      fields: { 'trainee.birthDate': 'No such parameter or field.' },
    });
    expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(0);
    const ok = await supertest(app).post(`/api/v1/courses/${course.id}/enrollments`).set('Authorization', `Bearer ${english}`)
      .send({ ...body, trainee: { fullName: 'Phạm Văn Đông', dateOfBirth: '1990-04-02', gender: 'male' } });
    expect(ok.status).to.equal(201);
    expect(ok.body.enrollment).to.include({ fullName: 'Phạm Văn Đông', dateOfBirth: '1990-04-02' });
  });

  it('when a body array holds an unknown key (a plan target), then 400 names it by its index', async () => {
    const res = await supertest(app).post('/api/v1/plans').set('Authorization', `Bearer ${admin}`)
      .send({ year: 2053, unitCode: 'TTCTVL', targets: [{ programCode: 'NTVD', plannedCourses: 2, plannedTrainees: 150, courses: 3 }] });
    expect(res.status).to.equal(400);
    expect(res.body.error.fields).to.deep.equal({ 'targets.0.courses': 'Không có tham số hoặc trường này.' });
  });

  it('when the operator limits API requests per token, then the one over it gets 429 with Retry-After and another token is not held back', async () => {
    const limited = makeApp({ API_LIMIT_PER_MINUTE: '3' });
    const me = (token: string) => supertest(limited).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    for (let i = 0; i < 3; i++) expect((await me(admin)).status).to.equal(200);
    const over = await me(admin);
    expect(over.status).to.equal(429);
    expect(over.headers['retry-after']).to.equal('60');
    expect(over.body.error).to.deep.equal({ kind: 'too_many', message: 'Quá nhiều yêu cầu API trong một phút. Vui lòng chờ một phút rồi thử lại.' });
    expect((await me(english)).status).to.equal(200);
  });

  it('when the OpenAPI document is read, then /me, 400, 429 and 503 are described and parameters carry their real types', async () => {
    const doc = (await supertest(app).get('/api/openapi.json')).body as { paths: Record<string, Record<string, { parameters: Array<{ name: string; schema: Record<string, unknown> }>; responses: Record<string, unknown> }>> };
    expect(doc.paths['/me']!.get!.responses).to.have.keys(['200', '400', '401', '404', '422', '429', '503']);
    const courses = doc.paths['/courses']!.get!;
    const param = (name: string) => courses.parameters.find((p) => p.name === name)!.schema;
    expect(param('year')).to.include({ type: 'integer', minimum: 2000 });
    expect(param('status').enum).to.deep.equal(['planned', 'open', 'finished', 'cancelled']);
    expect(param('page')).to.include({ type: 'integer', minimum: 1 });
    expect(doc.paths['/courses/{id}']!.get!.parameters[0]!.schema).to.include({ type: 'integer' });
    expect(doc.paths['/reports/progress']!.get!.parameters.find((p) => p.name === 'asOf')!.schema).to.include({ type: 'string', format: 'date' });
    expect(doc.paths['/courses/{id}/roster.{format}']!.get!.parameters.find((p) => p.name === 'format')!.schema.enum).to.deep.equal(['xlsx', 'csv']);
  });
});
