import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { ApiToken } from '../../server/db/models.js';
import { createTokenForUsername } from '../../server/auth/tokens.js';
import { makeApp } from '../helpers/app.js';
import { makeToken, makeUser } from '../helpers/factories.js';
import { csrfFrom, postForm, signIn } from '../helpers/http.js';

describe('API tokens', () => {
  let app: App;
  before(() => {
    app = makeApp();
  });

  it('when a token is created, then only its SHA-256 is stored and it authenticates as its owner', async () => {
    const user = await makeUser({ role: 'center', unitCode: 'TTCTVG' });
    const token = await createTokenForUsername(user.username, 'script');
    expect(token).to.match(/^lt_[\w-]{43}$/);
    const row = await ApiToken.findOne({ where: { userId: user.id } });
    expect(row!.tokenHash).to.match(/^[0-9a-f]{64}$/);
    expect(row!.tokenHash).not.to.contain(token.slice(3));
    const res = await supertest(app).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ username: user.username, role: 'center', unitName: 'Trung tâm Chính trị huyện Văn Giang' });
    expect((await ApiToken.findByPk(row!.id))!.lastUsedAt).to.be.instanceOf(Date);
  });

  it('when no token or a wrong one is sent, then 401 with a JSON error in Vietnamese', async () => {
    const none = await supertest(app).get('/api/v1/me');
    expect(none.status).to.equal(401);
    expect(none.body.error.kind).to.equal('unauthenticated');
    const wrong = await supertest(app).get('/api/v1/me').set('Authorization', 'Bearer lt_not-a-real-token');
    expect(wrong.status).to.equal(401);
    expect(wrong.body.error.message).to.contain('Khóa truy cập API');
  });

  it('when a token is revoked by its owner, then it stops working at once', async () => {
    const user = await makeUser({ role: 'center' });
    const agent = await signIn(app, user.username);
    const created = await postForm(agent, '/account/tokens', { name: 'Máy chủ báo cáo' });
    expect(created.status).to.equal(201);
    const token = /<code[^>]*>(lt_[\w-]+)<\/code>/.exec(created.text)?.[1];
    expect(token).to.be.a('string');
    expect((await supertest(app).get('/api/v1/me').set('Authorization', `Bearer ${token}`)).status).to.equal(200);
    const row = await ApiToken.findOne({ where: { userId: user.id } });
    const revoke = await agent.post(`/account/tokens/${row!.id}/revoke`).type('form').send({ _csrf: csrfFrom(created.text) });
    expect(revoke.status).to.equal(303);
    expect((await supertest(app).get('/api/v1/me').set('Authorization', `Bearer ${token}`)).status).to.equal(401);
  });

  it("when a user tries to revoke someone else's token, then 404 and the token lives on", async () => {
    const owner = await makeUser({ role: 'center' });
    const token = await makeToken(owner);
    const row = await ApiToken.findOne({ where: { userId: owner.id } });
    const other = await signIn(app, (await makeUser({ role: 'center' })).username);
    const res = await postForm(other, `/account/tokens/${row!.id}/revoke`, {});
    expect(res.status).to.equal(404);
    expect((await supertest(app).get('/api/v1/me').set('Authorization', `Bearer ${token}`)).status).to.equal(200);
  });

  it('when a browser session writes through the API without a token, then 401 (no CSRF hole); reading is allowed', async () => {
    const user = await makeUser({ role: 'center' });
    const agent = await signIn(app, user.username);
    expect((await agent.get('/api/v1/me')).status).to.equal(200);
    expect((await agent.post('/api/v1/me').send({})).status).to.equal(401);
  });

  it('when an API path does not exist, then a JSON 404', async () => {
    const user = await makeUser({ role: 'admin' });
    const res = await supertest(app).get('/api/v1/nothing-here').set('Authorization', `Bearer ${await makeToken(user)}`);
    expect(res.status).to.equal(404);
    expect(res.body.error.kind).to.equal('not_found');
  });
});
