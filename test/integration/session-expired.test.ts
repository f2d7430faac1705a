// A form sent after the session ended leads to the sign-in page, which says the typed data was kept, and back
// to the form's page after signing in; the session warning's keep-alive answers signed-in users only.
import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { ApiToken, Session } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfFrom, csrfToken, signIn, TEST_PASSWORD } from '../helpers/http.js';

const HOST = 'app.test';

describe('a form posted after the session ended', () => {
  let app: App;
  before(() => {
    app = makeApp();
  });

  it('when the session row is gone, then the post saves nothing and the sign-in page says the input was kept, then leads back to the form', async () => {
    const user = await makeUser({ role: 'center', unitCode: 'TTCTVL' });
    const agent = await signIn(app, user.username);
    const token = csrfFrom((await agent.get('/account')).text);
    await Session.destroy({ where: { userId: user.id } });

    const res = await agent.post('/account/tokens').set('Host', HOST).set('Referer', `http://${HOST}/account?tab=tokens`).type('form').send({ _csrf: token, name: 'Nhập dở' });
    // The answer is the sign-in page itself (still a 403: the form's token went with the session).
    expect(res.status).to.equal(403);
    expect(res.text).to.contain('<form method="post" action="/login"');
    expect(res.text).to.contain('Những gì bạn đã nhập vẫn được giữ trên máy này');
    expect(await ApiToken.count({ where: { userId: user.id } })).to.equal(0);

    const login = { text: res.text };
    const back = await agent.post('/login').type('form').send({ _csrf: csrfFrom(login.text), username: user.username, password: TEST_PASSWORD });
    expect(back.status).to.equal(303);
    expect(back.headers.location).to.equal('/account?tab=tokens');
  });

  it('when the Referer names another site, then sign-in leads home, never there', async () => {
    const user = await makeUser({ role: 'center', unitCode: 'TTCTVL' });
    const agent = await signIn(app, user.username);
    const token = csrfFrom((await agent.get('/account')).text);
    await Session.destroy({ where: { userId: user.id } });
    const login = await agent.post('/account/tokens').set('Host', HOST).set('Referer', 'http://evil.example/account').type('form').send({ _csrf: token, name: 'x' }).expect(403);
    const back = await agent.post('/login').type('form').send({ _csrf: csrfFrom(login.text), username: user.username, password: TEST_PASSWORD });
    expect(back.headers.location).to.equal('/');
  });

  it('when a signed-in user posts a wrong token, then it is still refused with 403', async () => {
    const user = await makeUser({ role: 'center', unitCode: 'TTCTVL' });
    const agent = await signIn(app, user.username);
    const res = await agent.post('/account/tokens').type('form').send({ _csrf: 'wrong', name: 'x' });
    expect(res.status).to.equal(403);
    expect(res.text).to.not.contain('vẫn được giữ trên máy này');
    expect(await ApiToken.count({ where: { userId: user.id } })).to.equal(0);
  });

  it('when a sign-in form is posted with an old token, then the login answers as before (403), not a redirect', async () => {
    const agent = supertest.agent(app);
    await agent.get('/login');
    const res = await agent.post('/login').type('form').send({ _csrf: 'stale', username: 'x', password: 'y' });
    expect(res.status).to.equal(403);
  });
});

describe('the session keep-alive', () => {
  let app: App;
  before(() => {
    app = makeApp();
  });

  it('when a signed-in user pings it, then it answers the full idle time and the page carries the time for the warning', async () => {
    const user = await makeUser({ role: 'center', unitCode: 'TTCTVL' });
    const agent = await signIn(app, user.username);
    const page = await agent.get('/courses');
    expect(page.text).to.contain(`data-session-ms="${8 * 3600_000}"`);
    expect(page.text).to.contain('<script src="/assets/session.js" defer></script>');
    const res = await agent.post('/session/keep-alive').set('X-CSRF-Token', csrfFrom(page.text)).expect(200);
    expect((res.body as { remainingMs: number }).remainingMs).to.be.within(8 * 3600_000 - 5_000, 8 * 3600_000);
  });

  it('when an anonymous visitor or a wrong token pings it, then 401 / 403 and no redirect', async () => {
    const anonymous = supertest.agent(app);
    const token = await csrfToken(anonymous);
    expect((await anonymous.post('/session/keep-alive').set('X-CSRF-Token', token)).status).to.equal(401);
    const user = await makeUser({ role: 'center', unitCode: 'TTCTVL' });
    const agent = await signIn(app, user.username);
    expect((await agent.post('/session/keep-alive').set('X-CSRF-Token', 'wrong')).status).to.equal(403);
    expect((await supertest(app).get('/login')).text).to.not.contain('session.js');
  });
});
