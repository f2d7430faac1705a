import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { verifyPassword } from '../../server/auth/password.js';
import { Session, User } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { makeToken, makeUser } from '../helpers/factories.js';
import { csrfToken, postForm, signIn, TEST_PASSWORD } from '../helpers/http.js';

const NEW_PASSWORD = 'Mat-khau-moi-cua-toi-2';

describe('changing one’s own password', () => {
  let app: App;
  before(() => {
    app = makeApp();
  });

  const change = (agent: Awaited<ReturnType<typeof signIn>>, body: Record<string, string>) =>
    postForm(agent, '/account/password', body, '/account');

  it('when a user signed in twice changes the password in one session, then the other is sent to sign in, this one stays, and the page says one session ended', async () => {
    const user = await makeUser({ role: 'center' });
    const laptop = await signIn(app, user.username);
    const phone = await signIn(app, user.username);
    expect(await Session.count({ where: { userId: user.id } })).to.equal(2);

    const res = await change(laptop, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/account');

    const page = await laptop.get('/account');
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Đã đổi mật khẩu. Đã đăng xuất 1 phiên đăng nhập khác của tài khoản này.');
    const other = await phone.get('/courses');
    expect(other.status).to.equal(303);
    expect(other.headers.location).to.equal('/login');
    expect(await Session.count({ where: { userId: user.id } })).to.equal(1);

    expect(await verifyPassword(NEW_PASSWORD, (await User.findByPk(user.id))!.passwordHash)).to.equal(true);
    await signIn(app, user.username, NEW_PASSWORD);
  });

  it('when three other sessions are open, then all three end and the page gives the number', async () => {
    const user = await makeUser({ role: 'admin' });
    const here = await signIn(app, user.username);
    const others = [await signIn(app, user.username), await signIn(app, user.username), await signIn(app, user.username)];
    const bystander = await makeUser({ role: 'center' });
    const bystanderSession = await signIn(app, bystander.username);

    await change(here, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect((await here.get('/account')).text).to.contain('Đã đăng xuất 3 phiên đăng nhập khác');
    for (const agent of others) expect((await agent.get('/')).status).to.equal(303);
    // Nobody else's session is touched.
    expect((await bystanderSession.get('/')).status).to.equal(200);
    expect(await Session.count({ where: { userId: bystander.id } })).to.equal(1);
  });

  it('when no other session is open, then the page says there was none to end', async () => {
    const user = await makeUser({ role: 'center' });
    const agent = await signIn(app, user.username);
    await change(agent, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    const page = await agent.get('/account');
    expect(page.text).to.contain('Đã đổi mật khẩu. Không có phiên đăng nhập nào khác cần đăng xuất.');
    expect(page.text).to.not.contain('khóa của bạn vẫn dùng được');
  });

  it('when the user has API tokens, then they keep working and the page says so rather than revoking them silently', async () => {
    const user = await makeUser({ role: 'center' });
    const token = await makeToken(user);
    const agent = await signIn(app, user.username);
    await change(agent, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    const page = await agent.get('/account');
    expect(page.text).to.contain('Mật khẩu mới không thu hồi khóa API: 1 khóa của bạn vẫn dùng được.');
    expect((await supertest(app).get('/api/v1/me').set('Authorization', `Bearer ${token}`)).status).to.equal(200);
  });

  it('when the current password is wrong, then 422 beside the field, nothing changes and the other session stays signed in', async () => {
    const user = await makeUser({ role: 'center' });
    const agent = await signIn(app, user.username);
    const other = await signIn(app, user.username);
    const res = await change(agent, { currentPassword: 'khong-dung-1', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="e-currentPassword"');
    expect(await verifyPassword(TEST_PASSWORD, (await User.findByPk(user.id))!.passwordHash)).to.equal(true);
    expect((await other.get('/')).status).to.equal(200);
    expect(await Session.count({ where: { userId: user.id } })).to.equal(2);
  });

  it('when the two new passwords differ, then 422 and the other session stays signed in', async () => {
    const user = await makeUser({ role: 'center' });
    const agent = await signIn(app, user.username);
    const other = await signIn(app, user.username);
    const res = await change(agent, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}x` });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Mật khẩu nhập lại không khớp.');
    expect((await other.get('/')).status).to.equal(200);
  });

  it('when nobody is signed in, then the change is refused with 401', async () => {
    const agent = supertest.agent(app);
    const token = await csrfToken(agent, '/login');
    const res = await agent.post('/account/password').type('form').send({ _csrf: token, currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(res.status).to.equal(401);
  });

  it('when the form comes without its CSRF token, then it is refused with 403 and nothing changes', async () => {
    const user = await makeUser({ role: 'center' });
    const agent = await signIn(app, user.username);
    const res = await agent.post('/account/password').type('form').send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(res.status).to.equal(403);
    expect(await verifyPassword(TEST_PASSWORD, (await User.findByPk(user.id))!.passwordHash)).to.equal(true);
  });
});
