// CSRF on every state-changing form route: without the session's token — none, a forged one, another
// session's — the answer is 403 and no table gains, loses or changes a row. The API takes no cookie for a
// write (bearer tokens only), so a forged cross-site request through it is refused as well.
import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { testDb } from '../helpers/db.js';
import { csrfToken, signIn, type Agent } from '../helpers/http.js';
import { registeredRoutes, type RouteInfo } from '../helpers/routes.js';
import { concrete, makeWorld, type World } from './fixtures.js';
import { securityApp } from './support.js';

const CSRF_MESSAGE = 'Phiên làm việc của biểu mẫu đã hết hạn hoặc không hợp lệ.';
/** Fields a forged form might carry, so a route that skipped the check would have something to store. */
const FORGED = { name: 'Lớp giả mạo', fullName: 'Giả Mạo', reason: 'giả mạo', note: 'giả mạo', lockVersion: '0', status: 'cancelled', username: 'gia.mao', password: 'Mat-khau-gia-mao-1', role: 'admin' };
const changing = (r: RouteInfo) => r.method !== 'GET' && r.method !== 'HEAD';
/** The public certificate look-up answers a question and stores nothing: no session, so no token either. */
const STATELESS = new Set(['POST /verify']);

/** Every table's row count, and a fingerprint of every row of the owner's records. */
async function everything(): Promise<Record<string, unknown>> {
  const sequelize = testDb().sequelize;
  const tables = (await sequelize.getQueryInterface().showAllTables()).map((t) => (typeof t === 'string' ? t : (t as { tableName: string }).tableName));
  const out: Record<string, unknown> = {};
  for (const table of tables.filter((t) => t !== 'sessions').sort()) {
    const [rows] = await sequelize.query(`SELECT COUNT(*) AS n FROM ${sequelize.getQueryInterface().quoteIdentifier(table)}`);
    out[table] = Number((rows as Array<{ n: number | string }>)[0]!.n);
  }
  return out;
}

describe('security: CSRF on every state-changing form', function () {
  this.timeout(300_000);
  let app: App;
  let world: World;
  let routes: RouteInfo[];
  let staff: Record<'admin' | 'center', Agent>;
  let otherSessionToken: string;

  before(async () => {
    app = securityApp();
    world = await makeWorld(app);
    routes = registeredRoutes(app).filter(changing);
    staff = { admin: await signIn(app, world.users.admin), center: await signIn(app, world.users.ownerStaff) };
    otherSessionToken = await csrfToken(await signIn(app, world.users.admin), '/');
  });

  it('when a form is posted without its token, with a forged one or with another session’s, then 403 and nothing changes', async () => {
    const forms = routes.filter((r) => !r.path.startsWith('/api/') && !STATELESS.has(`${r.method} ${r.path}`));
    expect(forms.length).to.be.greaterThan(50);
    const before_ = await everything();
    const failures: string[] = [];
    for (const [who, agent] of Object.entries(staff)) {
      for (const route of forms) {
        const url = concrete(route.path, world.params);
        const method = route.method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete';
        for (const [how, token] of [['none', undefined], ['forged', 'x'.repeat(64)], ['another session’s', otherSessionToken]] as const) {
          const res = await agent[method](url).type('form').send(token ? { ...FORGED, _csrf: token } : FORGED);
          if (res.status !== 403 || !res.text.includes(CSRF_MESSAGE)) failures.push(`${who} ${route.method} ${route.path} (${how}) → ${res.status}`);
        }
        const header = await agent[method](url).set('X-CSRF-Token', 'forged').type('form').send(FORGED);
        if (header.status !== 403) failures.push(`${who} ${route.method} ${route.path} (forged header) → ${header.status}`);
      }
    }
    expect(failures).to.deep.equal([]);
    expect(await everything()).to.deep.equal(before_);
  });

  it('when the token is sent as a multipart field or a header of the right session, then it is accepted (the check is not simply closed)', async () => {
    const token = await csrfToken(staff.center, '/');
    const res = await staff.center.post('/lang').set('X-CSRF-Token', token).type('form').send({ locale: 'vi', returnTo: '/' });
    expect(res.status).to.be.below(400);
    const upload = await staff.center.post(`/courses/${world.course.id}/imports/roster`).field('_csrf', token).attach('file', Buffer.from('Họ và tên\r\n'), 'a.csv');
    expect(upload.status).to.not.equal(403);
  });

  it('when the API is written to with only the session cookie (a cross-site form could send it), then 401 and nothing changes', async () => {
    const api = routes.filter((r) => r.path.startsWith('/api/'));
    expect(api.length).to.be.greaterThan(12);
    const before_ = await everything();
    const failures: string[] = [];
    for (const route of api) {
      const method = route.method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete';
      const res = await staff.admin[method](concrete(route.path, world.params)).type('form').send(FORGED);
      if (res.status !== 401) failures.push(`${route.method} ${route.path} → ${res.status}`);
    }
    expect(failures).to.deep.equal([]);
    expect(await everything()).to.deep.equal(before_);
  });

  it('when sign-in is posted from another site (no token), then 403 and no session is made', async () => {
    const res = await supertest(app).post('/login').type('form').send({ username: world.users.admin, password: 'x' });
    expect(res.status).to.equal(403);
    expect(String(res.headers['set-cookie'] ?? '')).to.not.match(/sid=/);
  });
});
