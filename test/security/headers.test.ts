// Security headers on every kind of response (pages, errors 401/403/404/500, static assets, PDFs, exports, the
// API, the public look-up), HSTS and the session cookie's flags in production behind a proxy, and throttling.
import { expect } from 'chai';
import type { NextFunction, Request, Response } from 'express';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { makeToken, makeUser } from '../helpers/factories.js';
import { postForm, signIn, TEST_PASSWORD, type Agent } from '../helpers/http.js';
import { makeWorld, type World } from './fixtures.js';
import { securityApp } from './support.js';

/** Puts a route that fails just before the app's 404 handler, as a bug in any page would. */
function withFailingRoute(app: App): App {
  app.get('/__security-boom', (_req: Request, _res: Response, next: NextFunction) => next(new Error('secret-failure-detail')));
  const stack = (app as unknown as { router: { stack: unknown[] } }).router.stack;
  const added = stack.pop()!;
  stack.splice(stack.length - 2, 0, added); // before the 404 handler and the error handler
  return app;
}

function expectSecurityHeaders(res: supertest.Response, what: string, production = false): void {
  const h = res.headers;
  const csp = String(h['content-security-policy'] ?? '');
  expect(csp, `${what}: CSP`).to.include("default-src 'self'");
  expect(csp, `${what}: CSP scripts`).to.include("script-src 'self'");
  expect(csp, `${what}: CSP frames`).to.include("frame-ancestors 'none'");
  expect(csp, `${what}: CSP objects`).to.include("object-src 'none'");
  expect(h['x-content-type-options'], `${what}: nosniff`).to.equal('nosniff');
  expect(h['x-frame-options'], `${what}: X-Frame-Options`).to.match(/^(DENY|SAMEORIGIN)$/);
  expect(h['referrer-policy'], `${what}: Referrer-Policy`).to.match(/no-referrer|same-origin|strict-origin/);
  expect(h['x-powered-by'], `${what}: X-Powered-By`).to.equal(undefined);
  if (production) expect(h['strict-transport-security'], `${what}: HSTS`).to.match(/max-age=\d{7,}/);
  else expect(h['strict-transport-security'], `${what}: no HSTS on plain HTTP`).to.equal(undefined);
}

describe('security: headers, cookies and throttling', function () {
  this.timeout(120_000);
  let world: World;
  let app: App;
  let admin: Agent;

  before(async () => {
    app = withFailingRoute(securityApp());
    world = await makeWorld(app);
    admin = await signIn(app, world.users.admin);
  });

  it('when any kind of response is sent — page, 401, 403, 404, 500, asset, PDF, export, API, look-up — then it carries the security headers', async () => {
    const anonymous = supertest(app);
    const center = await signIn(app, world.users.outsiderStaff);
    const cases: Array<[string, supertest.Test, number]> = [
      ['sign-in page', anonymous.get('/login'), 200],
      ['page', admin.get('/courses'), 200],
      ['redirect to sign-in', anonymous.get('/courses'), 303],
      ['404 page', admin.get('/no-such-page'), 404],
      ['403 page', center.get('/users'), 403],
      ['500 page', admin.get('/__security-boom'), 500],
      ['CSRF 403', admin.post('/courses').type('form').send({}), 403],
      ['app asset', anonymous.get('/assets/app.css'), 200],
      ['missing asset', anonymous.get('/assets/nothing.js'), 404],
      ['vendor asset', anonymous.get('/assets/vendor/bootstrap/css/bootstrap.min.css'), 200],
      ['PDF', admin.get(`/courses/${world.course.id}/roster.pdf`), 200],
      ['export', admin.get(`/courses/${world.course.id}/roster.csv`), 200],
      ['API 401', anonymous.get('/api/v1/courses'), 401],
      ['API 404', anonymous.get('/api/no-such'), 404],
      ['API 200', anonymous.get('/api/v1/me').set('Authorization', `Bearer ${world.tokens.admin}`), 200],
      ['API docs', anonymous.get('/api/docs').set('Authorization', `Bearer ${world.tokens.admin}`), 200],
      ['API docs, anonymous', anonymous.get('/api/docs'), 404],
      ['health', anonymous.get('/healthz'), 200],
      ['public look-up', anonymous.get('/verify'), 200],
      ['public look-up 404', anonymous.get('/verify/NOSUCHCODE'), 404],
    ];
    for (const [what, request, status] of cases) {
      const res = await request;
      expect(res.status, what).to.equal(status);
      expectSecurityHeaders(res, what);
    }
  });

  it('when a page fails, then the 500 page tells nothing of the error (no stack, no message) outside development', async () => {
    const res = await admin.get('/__security-boom');
    expect(res.status).to.equal(500);
    expect(res.text).to.not.include('secret-failure-detail');
    expect(res.text).to.not.match(/at .*\.ts:\d+/);
  });

  describe('in production behind a proxy (NODE_ENV=production, TRUST_PROXY=1)', () => {
    let prod: App;
    before(() => {
      prod = withFailingRoute(securityApp({ NODE_ENV: 'production', TRUST_PROXY: '1' }));
    });

    it('when the configuration is read, then cookies are Secure and the API limit is on by default', () => {
      const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'sqlite::memory:', SESSION_SECRET: 'x'.repeat(40) });
      expect(config.cookieSecure).to.equal(true);
      expect(config.apiLimitPerMinute).to.equal(600);
    });

    it('when a user signs in over HTTPS, then the session cookie is Secure, HttpOnly and SameSite, and every answer has HSTS', async () => {
      // A Secure cookie is not sent back over the test's plain connection by an agent: carried by hand.
      const https = (req: supertest.Test, cookie?: string) => (cookie ? req.set('Cookie', cookie) : req).set('X-Forwarded-Proto', 'https');
      const sidOf = (res: supertest.Response) => [res.headers['set-cookie'] ?? []].flat().find((c) => String(c).startsWith('sid='));
      const page = await https(supertest(prod).get('/login'));
      expectSecurityHeaders(page, 'sign-in page', true);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
      const user = await makeUser({ role: 'admin' });
      const res = await https(supertest(prod).post('/login'), sidOf(page)!.split(';')[0]).type('form').send({ username: user.username, password: TEST_PASSWORD, _csrf: csrf });
      expect(res.status).to.equal(303);
      const cookie = sidOf(res);
      expect(cookie).to.match(/; Secure/i).and.match(/; HttpOnly/i).and.match(/; SameSite=(Lax|Strict)/i).and.match(/; Path=\//);
      const session = cookie!.split(';')[0];
      for (const path of ['/no-such-page', '/__security-boom', '/assets/app.css', '/courses']) {
        expectSecurityHeaders(await https(supertest(prod).get(path), session), path, true);
      }
      const csp = String((await https(supertest(prod).get('/'), session)).headers['content-security-policy']);
      expect(csp).to.include('upgrade-insecure-requests');
    });

    it('when the request reaches the app over plain HTTP, then no session cookie is sent at all (it would travel in clear)', async () => {
      const res = await supertest(prod).get('/login');
      expect(String(res.headers['set-cookie'] ?? '')).to.not.include('sid=');
    });
  });

  describe('throttling', () => {
    it('when sign-in fails too often for one username, then 429 in Vietnamese, even with the right password', async () => {
      const limited = securityApp({ LOGIN_LIMIT_PER_USERNAME: '3' });
      const user = await makeUser({ role: 'center', unitCode: world.outsider.code });
      const agent = supertest.agent(limited);
      for (let i = 0; i < 3; i++) expect((await postForm(agent, '/login', { username: user.username, password: 'sai-mat-khau' }, '/login')).status).to.equal(401);
      const res = await postForm(agent, '/login', { username: user.username, password: TEST_PASSWORD }, '/login');
      expect(res.status).to.equal(429);
      expect(res.text).to.include('Bạn đã thử quá nhiều lần.');
    });

    it('when an API client goes past its limit per minute, then 429 with the API’s error, while another token still works', async () => {
      const limited = securityApp({ API_LIMIT_PER_MINUTE: '5' });
      const [hasty, calm] = [await makeToken(await makeUser({ role: 'admin' })), await makeToken(await makeUser({ role: 'admin' }))];
      const call = (token: string) => supertest(limited).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
      for (let i = 0; i < 5; i++) expect((await call(hasty)).status).to.equal(200);
      const res = await call(hasty);
      expect(res.status).to.equal(429);
      expect(res.body.error.kind).to.equal('too_many');
      expect(res.headers).to.have.property('ratelimit');
      expectSecurityHeaders(res, 'API 429');
      expect((await call(calm)).status).to.equal(200);
    });

    it('when tokens are guessed, each a new one, then failures are counted per address: the sixth is throttled', async () => {
      const limited = securityApp({ API_LIMIT_PER_MINUTE: '5' });
      const call = (token: string) => supertest(limited).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
      for (let i = 0; i < 5; i++) expect((await call(`lt_wrong-${i}`)).status).to.equal(401);
      const res = await call('lt_wrong-6');
      expect(res.status).to.equal(429);
      expect(res.body.error.message).to.equal('Quá nhiều yêu cầu API trong một phút. Vui lòng chờ một phút rồi thử lại.');
    });
  });
});
