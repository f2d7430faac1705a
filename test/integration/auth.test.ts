import { expect } from 'chai';
import supertest from 'supertest';
import { Session, User } from '../../server/db/models.js';
import type { App } from '../../server/app.js';
import { makeApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfFrom, csrfToken, signIn, TEST_PASSWORD } from '../helpers/http.js';

const sidOf = (res: supertest.Response) => /sid=([^;]+)/.exec(String(res.headers['set-cookie'] ?? ''))?.[1];

describe('sign-in and sign-out', () => {
  let app: App;
  before(() => {
    app = makeApp();
  });

  it('when an anonymous visitor opens the site, then the Vietnamese sign-in page is served', async () => {
    const res = await supertest(app).get('/').redirects(1);
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('<html lang="vi">');
    expect(res.text).to.contain('Đăng nhập');
    expect(res.text).to.contain('Tên đăng nhập');
    expect(res.headers).not.to.have.property('x-powered-by');
    expect(res.headers['content-security-policy']).to.contain("default-src 'self'");
  });

  it('when a center user signs in, then a new session id is issued and the home page shows their unit', async () => {
    const user = await makeUser({ role: 'center', unitCode: 'TTCTVL' });
    const agent = supertest.agent(app);
    const loginPage = await agent.get('/login');
    const before = sidOf(loginPage);
    expect(before, 'the login page starts a session for its CSRF token').to.be.a('string');
    const res = await agent.post('/login').type('form').send({ username: user.username, password: TEST_PASSWORD, _csrf: csrfFrom(loginPage.text) });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/');
    const after = sidOf(res);
    expect(after).to.be.a('string').and.not.equal(before);

    const home = await agent.get('/');
    expect(home.status).to.equal(200);
    expect(home.text).to.contain('Trung tâm Chính trị huyện Văn Lâm');

    const row = await Session.findOne({ where: { userId: user.id } });
    expect(row, 'the session row records its user').to.not.equal(null);
    const reloaded = await User.findByPk(user.id);
    expect(reloaded!.lastLoginAt).to.be.instanceOf(Date);
  });

  it('when an attacker fixes a session id before login, then that id is worthless after login', async () => {
    const user = await makeUser({ role: 'center' });
    const attacker = supertest.agent(app);
    const page = await attacker.get('/login');
    const fixedCookie = `sid=${sidOf(page)}`;
    // The victim signs in carrying the attacker's cookie.
    const res = await supertest(app).post('/login').set('Cookie', fixedCookie).type('form').send({ username: user.username, password: TEST_PASSWORD, _csrf: csrfFrom(page.text) });
    expect(res.status).to.equal(303);
    const home = await supertest(app).get('/').set('Cookie', fixedCookie);
    expect(home.status).to.equal(303);
    expect(home.headers.location).to.equal('/login');
  });

  it('when the password is wrong, then the form says so in Vietnamese with 401 and no session is signed in', async () => {
    const user = await makeUser({ role: 'center' });
    const agent = supertest.agent(app);
    const token = await csrfToken(agent);
    const res = await agent.post('/login').type('form').send({ username: user.username, password: 'sai-mat-khau', _csrf: token });
    expect(res.status).to.equal(401);
    expect(res.text).to.contain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(res.text).to.contain(`value="${user.username}"`);
    expect((await agent.get('/')).status).to.equal(303);
  });

  it('when a disabled account signs in with the right password, then it is refused', async () => {
    const user = await makeUser({ role: 'center', disabled: true });
    const agent = supertest.agent(app);
    const token = await csrfToken(agent);
    const res = await agent.post('/login').type('form').send({ username: user.username, password: TEST_PASSWORD, _csrf: token });
    expect(res.status).to.equal(401);
  });

  it('when a user signs out by POST, then the session no longer opens pages; GET /logout does nothing', async () => {
    const user = await makeUser({ role: 'center' });
    const agent = await signIn(app, user.username);
    expect((await agent.get('/logout')).status).to.equal(404);
    expect((await agent.get('/')).status).to.equal(200);
    const token = await csrfToken(agent, '/');
    const res = await agent.post('/logout').type('form').send({ _csrf: token });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/login');
    expect((await agent.get('/')).status).to.equal(303);
  });

  it('when a form is posted without its CSRF token, then it is refused with 403 and a Vietnamese message', async () => {
    const user = await makeUser({ role: 'center' });
    const agent = await signIn(app, user.username);
    const res = await agent.post('/logout').type('form').send({});
    expect(res.status).to.equal(403);
    expect(res.text).to.contain('Phiên làm việc của biểu mẫu đã hết hạn');
    const forged = await agent.post('/logout').type('form').send({ _csrf: 'forged-token' });
    expect(forged.status).to.equal(403);
  });

  it('when a login page is posted without CSRF, then it is refused too', async () => {
    const user = await makeUser({ role: 'center' });
    const res = await supertest(app).post('/login').type('form').send({ username: user.username, password: TEST_PASSWORD });
    expect(res.status).to.equal(403);
  });

  it('when sign-in was asked for by a page, then the user lands back there, and never on another site', async () => {
    const user = await makeUser({ role: 'admin' });
    const agent = supertest.agent(app);
    expect((await agent.get('/users')).headers.location).to.equal('/login');
    const token = await csrfToken(agent);
    const res = await agent.post('/login').type('form').send({ username: user.username, password: TEST_PASSWORD, _csrf: token });
    expect(res.headers.location).to.equal('/users');
  });
});

describe('sign-in throttling', () => {
  it('when one username fails too often, then further tries answer 429 in Vietnamese, even with the right password', async () => {
    const app = makeApp({ LOGIN_LIMIT_PER_USERNAME: '3', LOGIN_LIMIT_PER_IP: '100' });
    const user = await makeUser({ role: 'center' });
    const agent = supertest.agent(app);
    const token = await csrfToken(agent);
    for (let i = 0; i < 3; i++) {
      const res = await agent.post('/login').type('form').send({ username: user.username, password: 'wrong', _csrf: token });
      expect(res.status).to.equal(401);
    }
    const blocked = await agent.post('/login').type('form').send({ username: user.username, password: TEST_PASSWORD, _csrf: token });
    expect(blocked.status).to.equal(429);
    expect(blocked.text).to.contain('Bạn đã thử quá nhiều lần');
    // Another username from the same address is not blocked by this user's failures.
    const other = await makeUser({ role: 'center' });
    const ok = await agent.post('/login').type('form').send({ username: other.username, password: TEST_PASSWORD, _csrf: token });
    expect(ok.status).to.equal(303);
  });

  it('when one address fails too often across usernames, then it answers 429', async () => {
    const app = makeApp({ LOGIN_LIMIT_PER_USERNAME: '100', LOGIN_LIMIT_PER_IP: '4' });
    const agent = supertest.agent(app);
    const token = await csrfToken(agent);
    for (let i = 0; i < 4; i++) {
      expect((await agent.post('/login').type('form').send({ username: `nobody${i}`, password: 'x', _csrf: token })).status).to.equal(401);
    }
    const res = await agent.post('/login').type('form').send({ username: 'nobody-else', password: 'x', _csrf: token });
    expect(res.status).to.equal(429);
    expect(res.headers).to.have.property('ratelimit');
  });
});

describe('language switch', () => {
  it('when a visitor switches to English, then pages speak English and can switch back', async () => {
    const app = makeApp();
    const agent = supertest.agent(app);
    const token = await csrfToken(agent);
    const res = await agent.post('/lang').type('form').send({ locale: 'en', returnTo: '/login', _csrf: token });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/login');
    const english = await agent.get('/login');
    expect(english.text).to.contain('<html lang="en">');
    expect(english.text).to.contain('Username');
    await agent.post('/lang').type('form').send({ locale: 'vi', returnTo: 'https://evil.example/', _csrf: csrfFrom(english.text) }).expect(303).expect('Location', '/');
    expect((await agent.get('/login')).text).to.contain('Tên đăng nhập');
  });
});
