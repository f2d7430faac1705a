// Every registered route, walked as each kind of visitor with the objects of a unit that is not theirs:
// anonymous → the sign-in page (pages) or 401 (API); a trainee → no staff page (403/404); another center's
// staff → 404 for any object of the owner unit (403 where the board alone may go). Nothing they send changes
// the owner's rows.
import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { ApiToken, Certificate, Course, Enrollment, Plan } from '../../server/db/models.js';
import { csrfToken, signIn, type Agent } from '../helpers/http.js';
import { registeredRoutes, type RouteInfo } from '../helpers/routes.js';
import { ROUTE_ACCESS } from './route-access.js';
import { concrete, makeWorld, type World } from './fixtures.js';
import { securityApp } from './support.js';

const key = (r: RouteInfo) => `${r.method} ${r.path}`;
const isApi = (r: RouteInfo) => r.path.startsWith('/api/');
/** Parameters that name an object (a record, a unit), not a format or a kind. */
const OBJECT_PARAMS = /:(id|code|courseId|traineeId|tokenId|eventId)\b/;
/** Signing out and switching language change the session the walk uses. */
const SESSION_CHANGERS = new Set(['POST /logout', 'POST /lang']);

type Who = { agent: Agent; token: string | null };

/** API bodies that pass validation, so the answer is the scope's (validation may run first, by design). */
const API_BODIES: Record<string, (w: World) => object> = {
  'POST /api/v1/certificates/:id/revoke': () => ({ reason: 'Cấp nhầm' }),
  'POST /api/v1/certificates/:id/reissue': () => ({ reason: 'Mất bản gốc' }),
  'PATCH /api/v1/courses/:id': () => ({ lockVersion: 0, note: 'Sửa' }),
  'POST /api/v1/courses/:id/enrollments': (w) => ({ traineeId: w.params['trainees:id'] }),
  'PATCH /api/v1/enrollments/:id': () => ({ lockVersion: 0, score: 9 }),
};
const CSV = Buffer.from('Họ và tên;Ngày sinh;Số CCCD\r\nNguyễn Văn An;01/02/1980;001080000001\r\n');

async function send(app: App, who: Who, route: RouteInfo, world: World): Promise<supertest.Response> {
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  const url = concrete(route.path, world.params);
  if (isApi(route)) {
    const req = supertest(app)[method](url);
    if (who.token) req.set('Authorization', `Bearer ${who.token}`);
    if (method === 'get') return req;
    if (route.path.endsWith('/import')) return req.attach('file', CSV, 'danh-sach.csv');
    return req.send(API_BODIES[key(route)]?.(world) ?? {});
  }
  if (method === 'get') return who.agent.get(url);
  const token = await csrfToken(who.agent, '/login');
  return who.agent[method](url).type('form').send({ _csrf: token });
}

describe('security: every route against the role allowlist', function () {
  this.timeout(300_000);
  let app: App;
  let world: World;
  let routes: RouteInfo[];
  let snapshot: () => Promise<unknown>;
  let before_: unknown;

  before(async () => {
    app = securityApp();
    routes = registeredRoutes(app);
    world = await makeWorld(app);
    const p = world.params;
    snapshot = async () => ({
      course: (await Course.findByPk(p['courses:id'] as number, { raw: true })),
      enrollment: (await Enrollment.findByPk(p['enrollments:id'] as number, { raw: true })),
      plan: (await Plan.findByPk(p['plans:id'] as number, { raw: true })),
      certificate: (await Certificate.findByPk(p['certificates:id'] as number, { raw: true })),
      token: (await ApiToken.findByPk(p['tokens:id'] as number, { raw: true }))?.revokedAt ?? null,
    });
    before_ = await snapshot();
  });

  after(async () => {
    expect(await snapshot(), 'the owner unit’s rows after every walk').to.deep.equal(before_);
  });

  it('when the app registers its routes, then each one is in the allowlist, and the allowlist names no route that is gone', () => {
    const registered = new Set(routes.map(key));
    expect([...registered].filter((r) => !(r in ROUTE_ACCESS)), 'routes missing from test/security/route-access.ts').to.deep.equal([]);
    expect(Object.keys(ROUTE_ACCESS).filter((r) => !registered.has(r)), 'allowlist entries no longer registered').to.deep.equal([]);
  });

  it('when an anonymous visitor asks for anything but a public route, then pages send to the sign-in page and the API answers 401', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => ROUTE_ACCESS[key(r)] !== 'public')) {
      const res = await send(app, { agent: supertest.agent(app), token: null }, route, world);
      const ok = isApi(route) || route.method !== 'GET' ? res.status === 401 : res.status === 303 && res.headers.location === '/login';
      if (!ok) failures.push(`${key(route)} → ${res.status} ${res.headers.location ?? ''}`);
    }
    expect(failures).to.deep.equal([]);
  });

  it('when a trainee asks for a staff route, or for another trainee’s records, then 403 or 404', async () => {
    const who = { agent: await signIn(app, world.users.otherTrainee), token: world.tokens.trainee };
    const failures: string[] = [];
    for (const route of routes) {
      const access = ROUTE_ACCESS[key(route)]!;
      if (['public', 'signed-in', 'trainee'].includes(access) || SESSION_CHANGERS.has(key(route))) continue;
      const res = await send(app, who, route, world);
      if (res.status !== 403 && res.status !== 404) failures.push(`${key(route)} → ${res.status}`);
    }
    expect(failures).to.deep.equal([]);
  });

  it('when another center’s staff names the owner unit’s objects, then 404 (403 on the board’s own routes), pages and API alike', async () => {
    const who = { agent: await signIn(app, world.users.outsiderStaff), token: world.tokens.outsiderStaff };
    const failures: string[] = [];
    let walked = 0;
    for (const route of routes) {
      const access = ROUTE_ACCESS[key(route)]!;
      if (access === 'public' || access === 'trainee' || SESSION_CHANGERS.has(key(route))) continue;
      const named = OBJECT_PARAMS.test(route.path);
      if (!named && access !== 'board') continue;
      walked++;
      const res = await send(app, who, route, world);
      const expected = access === 'board' ? [403, 404] : [404];
      if (!expected.includes(res.status)) failures.push(`${key(route)} → ${res.status}`);
    }
    expect(failures).to.deep.equal([]);
    expect(walked).to.be.greaterThan(90);
  });

  it('when the owner unit’s own staff reads the same objects, then 200: the 404s above are the scope, not broken ids', async () => {
    const who = { agent: await signIn(app, world.users.ownerStaff), token: world.tokens.ownerStaff };
    const failures: string[] = [];
    const made = (path: string) => !/(year-corrections|year-closings|surveys)\/:id|:eventId|:sha256/.test(path);
    let read = 0;
    for (const route of routes.filter((r) => r.method === 'GET' && OBJECT_PARAMS.test(r.path) && made(r.path))) {
      if (!['staff', 'own'].includes(ROUTE_ACCESS[key(route)]!)) continue;
      read++;
      const res = await send(app, who, route, world);
      if (res.status !== 200) failures.push(`${key(route)} → ${res.status}`);
    }
    expect(failures).to.deep.equal([]);
    expect(read).to.be.greaterThan(30);
  });

  it('when a trainee or an outsider tried the owner’s token, then it still works for its owner', async () => {
    const res = await supertest(app).get('/api/v1/me').set('Authorization', `Bearer ${world.tokens.ownerStaff}`);
    expect(res.status).to.equal(200);
  });
});
