// Every route the app registers, fed hostile values: each query parameter a GET route reads (found by
// watching what its schemas read) plus common and random names, and each field of every form and API body.
// Whatever the value, the answer is below 500 and an error is well formed: a whole page, or the API's JSON.
//
// A field is tried value by value, the others as the page drew them, when the form as drawn is accepted
// (the value then reaches the service). When it is not (a blank "new" form, an API body of nothing), no
// value could get past validation anyway, so the fields take the values in rotation: as many requests as
// values, every field meeting every value. Values the text rule refuses outright go in every field at once
// and in one field at a time, since one of them in a request stops the rest being looked at.
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { createToken } from '../../server/auth/tokens.js';
import { Unit } from '../../server/db/models.js';
import { createRequest } from '../../server/portal/corrections.service.js';
import { makeApp } from '../helpers/app.js';
import { actorOf } from '../helpers/certificates.js';
import { testDb } from '../helpers/db.js';
import { makeToken, makeUser, unitByCode } from '../helpers/factories.js';
import { COMMON_KEYS, DEEP_JSON, familyHeads, HOSTILE, jsonObject, mixed, postForms, problemWith, RANDOM_KEY, rotate, type Hostile } from '../helpers/hostile.js';
import { csrfToken, signIn, type Agent } from '../helpers/http.js';
import { makePlan } from '../helpers/plans.js';
import { makeCertifiedTrainee, makeTraineeUser } from '../helpers/portal.js';
import { recordInputReads, registeredRoutes, type RouteInfo } from '../helpers/routes.js';

type Role = 'admin' | 'center' | 'trainee' | 'visitor';
type Sent = supertest.Test;

/** Runs the requests of one route a few at a time: the app serves them concurrently, as it would its users. */
async function inParallel(tasks: Array<() => Promise<unknown>>, width = 4): Promise<void> {
  const queue = [...tasks];
  await Promise.all(Array.from({ length: width }, async () => {
    for (let task = queue.shift(); task; task = queue.shift()) await task();
  }));
}

/** Signing out and switching language go last: they change the session the other requests use. */
const LAST = ['/lang', '/logout'];
// A query string beyond Node's 16 kB header limit never reaches the app (see the 431 test).
const QUERY_VALUES = HOSTILE.filter((v) => v.name !== '100 kB string');
const FORM_TEXT = HOSTILE.filter((v) => v.notText !== 'everywhere');
const MIXABLE = QUERY_VALUES.filter((v) => v.name !== '8 kB string' && v.notText !== 'everywhere');
const JSON_VALUES = [...HOSTILE, DEEP_JSON];
const JSON_TEXT = JSON_VALUES.filter((v) => v.notText === undefined);
const accepted = (status: number) => status < 400;

describe('hostile input on every registered route', function () {
  this.timeout(300_000);
  let app: App;
  let server: Server;
  let routes: RouteInfo[];
  let recorder: ReturnType<typeof recordInputReads>;
  let params: Record<string, string | number>;
  let unitBefore: Record<string, unknown>;
  const agents = {} as Record<Role, Agent>;
  const tokens = {} as Record<'admin' | 'center', string>;
  const forms = new Map<string, Record<string, string>>();
  const exercised = new Set<string>();
  /** Routes already tried name by name: the next role to reach one tries the mixed requests only (which hold a random name). */
  const fuzzed = new Set<string>();
  const firstReach = (route: RouteInfo, names: Iterable<string>) => {
    const list = [...names];
    const id = `${route.method} ${route.path}`;
    if (list.length === 0 || fuzzed.has(id)) return [];
    fuzzed.add(id);
    return list;
  };
  const failures: string[] = [];

  before(async () => {
    app = makeApp({ VERIFY_LIMIT_PER_MINUTE: '100000' });
    // Compiled templates are kept, as in production: recompiling every view per request would triple the run.
    app.enable('view cache');
    server = createServer(app).listen(0);
    routes = registeredRoutes(app);
    recorder = recordInputReads(app);

    const unit = await unitByCode('TTCTVL');
    unitBefore = unit.get({ plain: true });
    const admin = await makeUser({ role: 'admin' });
    const center = await makeUser({ role: 'center', unitCode: 'TTCTVL' });
    const bystander = await makeUser({ role: 'center', unitCode: 'TTCTVL' });
    const { trainee, course, enrollment, certificate } = await makeCertifiedTrainee({ unitCode: 'TTCTVL' });
    const traineeUser = await makeTraineeUser(trainee);
    const correction = await createRequest(testDb().sequelize, await actorOf(traineeUser), { enrollmentId: enrollment.id, message: 'Sai năm sinh' });
    const plan = await makePlan({ unitCode: 'TTCTVL' });
    const { row: bystanderToken } = await createToken(bystander.id, 'fuzz');
    // By "segment:param" (the path segment before it), else by the param's name; anything else is 1.
    params = {
      'plans:id': plan.id, 'courses:id': course.id, 'users:id': bystander.id, 'units:id': unit.id, 'certificates:id': certificate.id,
      'enrollments:id': enrollment.id, 'trainees:id': trainee.id, 'corrections:id': correction.id, 'tokens:id': bystanderToken.id,
      'verify:code': certificate.verifyCode, 'units:code': 'TTCTVL', courseId: course.id, traineeId: trainee.id, tokenId: bystanderToken.id,
      programCode: 'NTVD', kind: 'roster', sha256: '0'.repeat(64), format: 'csv',
    };
    tokens.admin = await makeToken(admin);
    tokens.center = await makeToken(center);
    agents.admin = await signIn(server, admin.username);
    agents.center = await signIn(server, center.username);
    agents.trainee = await signIn(server, traineeUser.username);
    agents.visitor = supertest.agent(server);
  });

  after(async () => {
    await Unit.update(unitBefore, { where: { id: unitBefore.id as number } });
    await new Promise((resolve) => server.close(resolve));
  });

  /** The route with real ids of the fixture's records (or the unit's code, a valid import kind...). */
  const concrete = (path: string, hostile?: { param: string; value: string }) =>
    path.replace(/:(\w+)/g, (_m, name: string, offset: number) => {
      if (hostile?.param === name) return hostile.value;
      const segment = /\/([\w-]+)\/$/.exec(path.slice(0, offset))?.[1] ?? '';
      return String(params[`${segment}:${name}`] ?? params[name] ?? 1);
    });

  async function check(role: string, route: RouteInfo, what: string, send: () => Sent): Promise<supertest.Response> {
    exercised.add(`${route.method} ${route.path}`);
    const res = await send();
    const problem = problemWith(res, route.path.startsWith('/api/'));
    if (problem) failures.push(`${role} ${route.method} ${route.path} ${what}: ${problem}`);
    return res;
  }

  const report = () => {
    const found = failures.splice(0);
    expect(found, `${found.length} bad answers:\n${found.slice(0, 40).join('\n')}`).to.deep.equal([]);
  };

  /**
   * The route as it is, noting the names it reads; then (by the first role that reaches it) each value in each of
   * those names; then two mixed requests carrying every common name, the route's own and a random one.
   */
  async function fuzzQuery(role: Role, route: RouteInfo, get: (url: string) => Sent) {
    const url = concrete(route.path);
    let html = '';
    const reads = await recorder.during(async () => (html = (await check(role, route, 'plain', () => get(url))).text ?? ''));
    if (!route.path.startsWith('/api/')) for (const [action, values] of postForms(html)) if (!forms.has(`${role} ${action}`)) forms.set(`${role} ${action}`, values);
    const keys = [...reads.query];
    const tasks: Array<() => Promise<unknown>> = [];
    for (const key of firstReach(route, keys)) {
      for (const value of QUERY_VALUES) tasks.push(() => check(role, route, `?${key}= ${value.name}`, () => get(`${url}?${value.encoded(key)}`)));
    }
    const names = [...new Set([...keys, ...COMMON_KEYS, RANDOM_KEY])];
    for (const offset of [0, 5]) tasks.push(() => check(role, route, `mixed ${offset}`, () => get(`${url}?${mixed(names, MIXABLE, offset)}`)));
    await inParallel(tasks);
  }

  it('when the route list is read from the app’s router, then it holds the pages, the forms and the API of every domain', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(routes.length).to.be.greaterThan(120);
    for (const known of ['GET /audit', 'GET /users', 'POST /account/password', 'GET /verify/:code', 'POST /api/v1/courses', 'PATCH /api/v1/enrollments/:id', 'GET /reports/units/:code/programs/:programCode']) {
      expect(names).to.include(known);
    }
  });

  it('when every page is asked with hostile query values, as the board, a center, a trainee and a visitor, then none answers 500 and each error is a whole page', async () => {
    for (const role of ['admin', 'center', 'trainee', 'visitor'] as const) {
      for (const route of routes.filter((r) => r.method === 'GET' && !r.path.startsWith('/api/'))) await fuzzQuery(role, route, (url) => agents[role].get(url));
    }
    report();
  });

  it('when every API route gets hostile query values and JSON fields with a board’s and a center’s token, then none answers 500 and each error is the API’s JSON', async () => {
    for (const role of ['admin', 'center'] as const) {
      const auth = { Authorization: `Bearer ${tokens[role]}` };
      for (const route of routes.filter((r) => r.path.startsWith('/api/'))) {
        if (route.method === 'GET') {
          await fuzzQuery(role, route, (url) => supertest(server).get(url).set(auth));
          continue;
        }
        const url = concrete(route.path);
        const send = (body: string) => () => supertest(server)[route.method.toLowerCase() as 'post'](url).set(auth).type('json').send(body);
        let status = 0;
        const reads = await recorder.during(async () => (status = (await check(role, route, '{}', send('{}'))).status));
        const heads = firstReach(route, familyHeads(reads.body));
        const tasks: Array<() => Promise<unknown>> = [];
        const add = (what: string, pairs: Array<[string, Hostile]>) => tasks.push(() => check(role, route, what, send(jsonObject(pairs))));
        if (accepted(status)) {
          for (const key of heads) for (const value of JSON_VALUES) add(`${key}: ${value.name}`, [[key, value]]);
        } else if (heads.length > 0) {
          for (let offset = 0; offset < JSON_TEXT.length; offset++) add(`rotation ${offset}`, rotate(heads, JSON_TEXT, offset));
          for (const value of JSON_VALUES.filter((v) => v.notText)) {
            add(`every field: ${value.name}`, heads.map((k) => [k, value]));
            for (const key of heads) add(`${key}: ${value.name}`, [[key, value]]);
          }
        }
        add('a random field', [[RANDOM_KEY, DEEP_JSON]]);
        for (const body of ['[]', '"text"', '{"a":', '{"a":"\\u0000"}', '{"__proto__":{"x":1}}']) tasks.push(() => check(role, route, `body ${body}`, send(body)));
        await inParallel(tasks);
      }
    }
    report();
  });

  it('when a path parameter is hostile (NUL, an undecodable %, a number out of range, a path of its own), then no route answers 500', async () => {
    const token = await csrfToken(agents.admin, '/login');
    const auth = { Authorization: `Bearer ${tokens.admin}` };
    for (const route of routes) {
      for (const [, param] of route.path.matchAll(/:(\w+)/g)) {
        for (const value of ['a%00b', '%E0%A4%A%ZZ', '99999999999999999999', '..%2F..%2Fetc']) {
          const url = concrete(route.path, { param: param!, value });
          const method = route.method.toLowerCase() as 'post';
          await check('admin', route, `:${param} = ${value}`, () =>
            route.path.startsWith('/api/')
              ? supertest(server)[method](url).set(auth).type('json').send('{}')
              : route.method === 'GET'
                ? agents.admin.get(url)
                : agents.admin[method](url).type('form').send(`_csrf=${token}`),
          );
        }
      }
    }
    report();
  });

  it('when every page form is posted hostile values in each of its fields with a valid CSRF token, then none answers 500 and each error is a whole page', async () => {
    const posts = routes.filter((r) => r.method !== 'GET' && !r.path.startsWith('/api/'));
    const ordered = [...posts.filter((r) => !LAST.includes(r.path)), ...posts.filter((r) => LAST.includes(r.path))];
    const encode = (values: Record<string, string>) => Object.entries(values).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
    for (const role of ['admin', 'center', 'trainee', 'visitor'] as const) {
      const token = await csrfToken(agents[role], '/login');
      for (const route of ordered) {
        const url = concrete(route.path);
        // The drawn form's own _csrf would make the field a list with the one added below, which fails the check.
        const { _csrf: _drawnToken, ...defaults } = forms.get(`${role} ${url}`) ?? {};
        const post = (pairs: string[]) => () => agents[role].post(url).type('form').send([...pairs, `_csrf=${token}`].join('&'));
        let status = 0;
        const reads = await recorder.during(async () => (status = (await check(role, route, 'as drawn', post(encode(defaults)))).status));
        const fields = [...new Set([...reads.body, ...Object.keys(defaults)])].filter((k) => k !== '_csrf');
        const heads = firstReach(route, familyHeads(fields));
        const tasks: Array<() => Promise<unknown>> = [];
        const add = (what: string, pairs: Array<[string, Hostile]>) => {
          const others = Object.fromEntries(Object.entries(defaults).filter(([k]) => !pairs.some(([key]) => key === k)));
          tasks.push(() => check(role, route, what, post([...encode(others), ...pairs.map(([k, v]) => v.encoded(k))])));
        };
        if (accepted(status)) {
          for (const key of heads) for (const value of HOSTILE) add(`${key}= ${value.name}`, [[key, value]]);
        } else if (heads.length > 0) {
          for (let offset = 0; offset < FORM_TEXT.length; offset++) add(`rotation ${offset}`, rotate(heads, FORM_TEXT, offset));
          for (const value of HOSTILE.filter((v) => v.notText === 'everywhere')) {
            add(`every field= ${value.name}`, heads.map((k) => [k, value]));
            for (const key of heads) add(`${key}= ${value.name}`, [[key, value]]);
          }
        }
        for (const offset of [0, 5]) add(`mixed ${offset}`, rotate([...fields, RANDOM_KEY], MIXABLE, offset));
        await inParallel(tasks);
      }
    }
    report();
  });

  it('when a query string is 100 kB, then Node refuses the request line itself (431) before the app sees it', async () => {
    const res = await agents.admin.get(`/users?q=${'x'.repeat(100_000)}`);
    expect(res.status).to.equal(431);
  });

  it('when the run is over, then every registered route was exercised', () => {
    const missed = routes.map((r) => `${r.method} ${r.path}`).filter((r) => !exercised.has(r));
    expect(missed).to.deep.equal([]);
  });
});
