import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { verifyPassword } from '../../server/auth/password.js';
import { ApiToken, Session, User } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { makeToken, makeUser, unique, unitByCode } from '../helpers/factories.js';
import { csrfToken, postForm, signIn, TEST_PASSWORD, type Agent } from '../helpers/http.js';

describe('account administration', () => {
  let app: App;
  let admin: Agent;
  before(async () => {
    app = makeApp();
    admin = await signIn(app, (await makeUser({ role: 'admin' })).username);
  });

  it('when the admin lists accounts, then each role and unit shows', async () => {
    const user = await makeUser({ role: 'center', unitCode: 'TTCTKC' });
    const res = await admin.get('/users?role=center');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain(user.username);
    expect(res.text).to.contain('Trung tâm Chính trị huyện Khoái Châu');
  });

  it('when the admin creates a center account, then it is stored hashed, bound to its unit, and can sign in', async () => {
    const unit = await unitByCode('TTCTAT');
    const username = unique('anthi.');
    const res = await postForm(admin, '/users', { username, fullName: 'Lê Thị Mai', role: 'center', unitId: unit.id, password: 'mat-khau-moi-1' });
    expect(res.status).to.equal(303);
    const row = await User.findOne({ where: { username } });
    expect(row).to.not.equal(null);
    expect(row!.unitId).to.equal(unit.id);
    expect(row!.role).to.equal('center');
    expect(row!.passwordHash).to.match(/^scrypt\$/);
    expect(await verifyPassword('mat-khau-moi-1', row!.passwordHash)).to.equal(true);
    expect(res.headers.location).to.equal(`/users/${row!.id}`);
    await signIn(app, username, 'mat-khau-moi-1');
  });

  it('when the form is incomplete, then each field shows its own Vietnamese error and nothing is stored', async () => {
    const before = await User.count();
    const res = await postForm(admin, '/users', { username: 'Có Dấu', fullName: '', role: 'center', password: 'short' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="e-username"');
    expect(res.text).to.contain('Chỉ dùng chữ không dấu');
    expect(res.text).to.contain('id="e-fullName"');
    expect(res.text).to.contain('Vui lòng nhập trường này.');
    expect(res.text).to.contain('id="e-password"');
    expect(res.text).to.contain('Ít nhất 8 ký tự.');
    expect(await User.count()).to.equal(before);
  });

  it('when a center account has no unit, then the unit field says so', async () => {
    const res = await postForm(admin, '/users', { username: unique('nounit'), fullName: 'Không đơn vị', role: 'center', password: 'mat-khau-dai-1' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Tài khoản đơn vị phải gắn với một đơn vị.');
  });

  it('when the username is taken, then 409 and the field says so', async () => {
    const existing = await makeUser({ role: 'center' });
    const res = await postForm(admin, '/users', { username: existing.username, fullName: 'Trùng', role: 'admin', password: 'mat-khau-dai-1' });
    expect(res.status).to.equal(409);
    expect(res.text).to.contain('Tên đăng nhập này đã có người dùng.');
  });

  it('when the admin disables an account, then its open sessions end and its tokens stop working', async () => {
    const user = await makeUser({ role: 'center' });
    const victim = await signIn(app, user.username);
    const token = await makeToken(user);
    expect((await supertest(app).get('/api/v1/me').set('Authorization', `Bearer ${token}`)).status).to.equal(200);
    const res = await postForm(admin, `/users/${user.id}/disable`, {});
    expect(res.status).to.equal(303);
    expect((await User.findByPk(user.id))!.disabledAt).to.be.instanceOf(Date);
    expect(await Session.count({ where: { userId: user.id } })).to.equal(0);
    expect((await victim.get('/')).status).to.equal(303);
    expect((await supertest(app).get('/api/v1/me').set('Authorization', `Bearer ${token}`)).status).to.equal(401);
    await postForm(admin, `/users/${user.id}/enable`, {});
    expect((await User.findByPk(user.id))!.disabledAt).to.equal(null);
  });

  it('when the admin resets a password, then the new one works and the old one does not', async () => {
    const user = await makeUser({ role: 'center' });
    const res = await postForm(admin, `/users/${user.id}/password`, { password: 'mat-khau-dat-lai' });
    expect(res.status).to.equal(303);
    await signIn(app, user.username, 'mat-khau-dat-lai');
    const agent = supertest.agent(app);
    const token = await csrfToken(agent);
    expect((await agent.post('/login').type('form').send({ username: user.username, password: TEST_PASSWORD, _csrf: token })).status).to.equal(401);
  });

  it('when a reset password is too short, then the account page is redrawn with the error beside the field', async () => {
    const user = await makeUser({ role: 'center' });
    const res = await postForm(admin, `/users/${user.id}/password`, { password: 'short' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain(user.username);
    expect(res.text).to.contain('id="e-password"');
    expect(res.text).to.contain('Ít nhất 8 ký tự.');
  });

  it('when the admin revokes a user token, then the row is marked revoked', async () => {
    const user = await makeUser({ role: 'center' });
    await makeToken(user);
    const row = await ApiToken.findOne({ where: { userId: user.id } });
    const res = await postForm(admin, `/users/${user.id}/tokens/${row!.id}/revoke`, {});
    expect(res.status).to.equal(303);
    expect((await ApiToken.findByPk(row!.id))!.revokedAt).to.be.instanceOf(Date);
  });

  it('when an account id does not exist, then 404', async () => {
    expect((await admin.get('/users/99999999')).status).to.equal(404);
  });
});

describe('role guards', () => {
  let app: App;
  before(() => {
    app = makeApp();
  });

  it('when a center user opens admin pages or posts to them, then 403', async () => {
    const center = await signIn(app, (await makeUser({ role: 'center' })).username);
    expect((await center.get('/users')).status).to.equal(403);
    const target = await makeUser({ role: 'center' });
    const res = await postForm(center, `/users/${target.id}/disable`, {});
    expect(res.status).to.equal(403);
    expect(res.text).to.contain('Bạn không có quyền');
    expect((await User.findByPk(target.id))!.disabledAt).to.equal(null);
  });

  it('when a trainee opens admin pages, then 403', async () => {
    const trainee = await signIn(app, (await makeUser({ role: 'trainee' })).username);
    expect((await trainee.get('/users')).status).to.equal(403);
  });

  it('when an anonymous visitor posts to an admin route, then 401 or 403 and nothing changes', async () => {
    const target = await makeUser({ role: 'center' });
    const res = await supertest(app).post(`/users/${target.id}/disable`).type('form').send({});
    expect([401, 403]).to.include(res.status);
    expect((await User.findByPk(target.id))!.disabledAt).to.equal(null);
  });
});
