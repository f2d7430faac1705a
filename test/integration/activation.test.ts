import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { verifyPassword } from '../../server/auth/password.js';
import { accountsContext } from '../../server/accounts/accounts.service.js';
import { activateAccount } from '../../server/accounts/activation.service.js';
import { AccountActivation, AuditLog, User } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { testConfig, testDb } from '../helpers/db.js';
import { makeCourse, makeEnrollment, makeTrainee, makeUser } from '../helpers/factories.js';
import { csrfFrom, csrfToken, postForm, signIn, type Agent } from '../helpers/http.js';
import { codesFrom } from '../helpers/portal.js';

const sidOf = (res: supertest.Response) => /sid=([^;]+)/.exec(String(res.headers['set-cookie'] ?? ''))?.[1];
const NEW_PASSWORD = 'Mat-khau-cua-toi-2025';

/** A trainee of a Văn Lâm course, with a code issued by its staff through the real page. */
async function issued(staff: Agent) {
  const course = await makeCourse({ unitCode: 'TTCTVL' });
  const trainee = await makeTrainee({ fullName: 'Phạm Văn Khải' });
  await makeEnrollment(course, trainee, { status: 'completed' });
  const res = await postForm(staff, `/accounts/trainees/${trainee.id}/issue`, {}, `/accounts/trainees/${trainee.id}`);
  expect(res.status).to.equal(201);
  const user = await User.findOne({ where: { traineeId: trainee.id } });
  return { trainee, user: user!, code: codesFrom(res.text)[0]! };
}

async function activate(agent: Agent, body: Record<string, string>) {
  const token = await csrfToken(agent, '/activate');
  return agent.post('/activate').type('form').send({ confirmPassword: body.password, ...body, _csrf: token });
}

describe('trainee account activation', () => {
  let app: App;
  let staff: Agent;
  before(async () => {
    app = makeApp();
    staff = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTVL' })).username);
  });

  it('when a trainee activates with their citizen ID and code, then the password is set, the code is gone and they are signed in on a new session', async () => {
    const { trainee, user, code } = await issued(staff);
    const agent = supertest.agent(app);
    const page = await agent.get('/activate');
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Kích hoạt tài khoản học viên');
    const before = sidOf(page);

    const res = await agent.post('/activate').type('form').send({
      nationalId: trainee.nationalId, code: code.toLowerCase(), password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, _csrf: csrfFrom(page.text),
    });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/me');
    expect(sidOf(res)).to.be.a('string').and.not.equal(before);

    const me = await agent.get('/me');
    expect(me.status).to.equal(200);
    expect(me.text).to.contain('Đã kích hoạt tài khoản');
    expect(me.text).to.contain(user.username);

    const row = await User.findByPk(user.id);
    expect(await verifyPassword(NEW_PASSWORD, row!.passwordHash)).to.equal(true);
    expect(await AccountActivation.count({ where: { userId: user.id } })).to.equal(0);
    const audit = await AuditLog.findOne({ where: { entityType: 'user', entityId: user.id, action: 'activate' } });
    expect(audit!.userId).to.equal(user.id);

    // From now on: the citizen ID (or the username) and the new password.
    await signIn(app, trainee.nationalId!, NEW_PASSWORD);
    await signIn(app, user.username, NEW_PASSWORD);
    // The code was one-time.
    const again = await activate(supertest.agent(app), { nationalId: trainee.nationalId!, code, password: 'Mat-khau-khac-99' });
    expect(again.status).to.equal(401);
  });

  it('when the code is wrong or the citizen ID unknown, then the same message answers, and wrong codes are counted', async () => {
    const { trainee, user, code } = await issued(staff);
    const wrongCode = await activate(supertest.agent(app), { nationalId: trainee.nationalId!, code: 'WXYZ-WXYZ-WX', password: NEW_PASSWORD });
    const unknownId = await activate(supertest.agent(app), { nationalId: '099999999999', code, password: NEW_PASSWORD });
    expect(wrongCode.status).to.equal(401);
    expect(unknownId.status).to.equal(401);
    const message = 'Số CCCD hoặc mã kích hoạt không đúng, hoặc mã đã hết hạn.';
    expect(wrongCode.text).to.contain(message);
    expect(unknownId.text).to.contain(message);
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '').replace(/value="\d{12}"/g, '');
    expect(strip(wrongCode.text)).to.equal(strip(unknownId.text));
    expect(wrongCode.text, 'the code typed is not echoed back').not.to.contain('WXYZ');
    expect((await AccountActivation.findOne({ where: { userId: user.id } }))!.failedAttempts).to.equal(1);
    expect((await User.findByPk(user.id))!.passwordHash).to.equal(null);
  });

  it('when a citizen ID has no account, or a pending code and a wrong one is typed, then the same statements run', async () => {
    const { trainee } = await issued(staff);
    const stranger = await makeTrainee();
    const { sequelize } = testDb();
    const ctx = accountsContext(testConfig(), sequelize);
    // What the database is asked, with the values taken out: the shape of the work, which is what timing shows.
    const statementsOf = async (nationalId: string) => {
      const seen: string[] = [];
      sequelize.addHook('afterQuery', 'probe', (_options, query) => {
        seen.push(String((query as unknown as { sql: string }).sql).replace(/'[^']*'|\b\d+\b/g, '?'));
      });
      try {
        await activateAccount(ctx, { nationalId, code: 'ABCD-EFGH-JK', password: NEW_PASSWORD });
        expect.fail('a wrong code must not activate');
      } catch (err) {
        expect((err as Error).message).to.equal('accounts.activate.failed');
      } finally {
        sequelize.removeHook('afterQuery', 'probe');
      }
      return seen;
    };
    const known = await statementsOf(trainee.nationalId!);
    const unknown = await statementsOf(stranger.nationalId!);
    expect(known).to.have.length.greaterThan(1);
    expect(unknown).to.deep.equal(known);
    expect((await AccountActivation.findOne({ include: [{ model: User, as: 'user', where: { traineeId: trainee.id } }] }))!.failedAttempts).to.equal(1);
  });

  it('when a code was guessed wrong five times, then even the right code no longer works until staff issue a new one', async () => {
    const { trainee, user, code } = await issued(staff);
    for (let i = 0; i < 5; i++) {
      expect((await activate(supertest.agent(app), { nationalId: trainee.nationalId!, code: `ABCD-EFGH-J${i + 2}`, password: NEW_PASSWORD })).status).to.equal(401);
    }
    const right = await activate(supertest.agent(app), { nationalId: trainee.nationalId!, code, password: NEW_PASSWORD });
    expect(right.status).to.equal(401);
    expect((await User.findByPk(user.id))!.passwordHash).to.equal(null);
    expect((await staff.get(`/accounts/trainees/${trainee.id}`)).text).to.contain('Mã bị khóa do nhập sai nhiều lần');

    const reissue = await postForm(staff, `/accounts/trainees/${trainee.id}/issue`, {}, `/accounts/trainees/${trainee.id}`);
    const fresh = codesFrom(reissue.text)[0]!;
    expect(fresh).not.to.equal(code);
    expect((await activate(supertest.agent(app), { nationalId: trainee.nationalId!, code, password: NEW_PASSWORD })).status, 'the old code').to.equal(401);
    expect((await activate(supertest.agent(app), { nationalId: trainee.nationalId!, code: fresh, password: NEW_PASSWORD })).status).to.equal(303);
  });

  it('when the code has expired, then it does not work', async () => {
    const { trainee, user, code } = await issued(staff);
    await AccountActivation.update({ expiresAt: new Date(Date.now() - 1000) }, { where: { userId: user.id } });
    const res = await activate(supertest.agent(app), { nationalId: trainee.nationalId!, code, password: NEW_PASSWORD });
    expect(res.status).to.equal(401);
    expect((await User.findByPk(user.id))!.passwordHash).to.equal(null);
  });

  it('when an activated trainee forgot the password and gets a new code, then activating again replaces the password and ends old sessions', async () => {
    const { trainee, user, code } = await issued(staff);
    expect((await activate(supertest.agent(app), { nationalId: trainee.nationalId!, code, password: NEW_PASSWORD })).status).to.equal(303);
    const oldSession = await signIn(app, trainee.nationalId!, NEW_PASSWORD);
    const reissue = await postForm(staff, `/accounts/trainees/${trainee.id}/issue`, {}, `/accounts/trainees/${trainee.id}`);
    expect(reissue.text).to.contain('mã mới, mã cũ đã hết hiệu lực');
    expect((await staff.get(`/accounts/trainees/${trainee.id}`)).text).to.contain('Đã kích hoạt');
    const res = await activate(supertest.agent(app), { nationalId: trainee.nationalId!, code: codesFrom(reissue.text)[0]!, password: 'Mat-khau-moi-hon-1' });
    expect(res.status).to.equal(303);
    expect(await verifyPassword('Mat-khau-moi-hon-1', (await User.findByPk(user.id))!.passwordHash)).to.equal(true);
    expect((await oldSession.get('/me')).status, 'the old session is closed').to.equal(303);
  });

  it('when the form is incomplete or the passwords differ, then each field says so and nothing changes', async () => {
    const { trainee, user } = await issued(staff);
    const res = await activate(supertest.agent(app), { nationalId: '12345', code: 'abc', password: 'short', confirmPassword: 'other' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Số CCCD gồm đúng 12 chữ số.');
    expect(res.text).to.contain('Mã kích hoạt gồm 10 ký tự');
    expect(res.text).to.contain('Ít nhất 8 ký tự.');
    const mismatch = await activate(supertest.agent(app), { nationalId: trainee.nationalId!, code: 'ABCD-EFGH-JK', password: NEW_PASSWORD, confirmPassword: 'khac-hoan-toan' });
    expect(mismatch.status).to.equal(422);
    expect(mismatch.text).to.contain('Mật khẩu nhập lại không khớp.');
    expect((await AccountActivation.findOne({ where: { userId: user.id } }))!.failedAttempts).to.equal(0);
  });

  it('when the login page is shown, then it tells trainees how to activate and sign in', async () => {
    const res = await supertest(app).get('/login');
    expect(res.text).to.contain('href="/activate"');
    expect(res.text).to.contain('Học viên đăng nhập bằng số CCCD');
  });
});

describe('activation throttling', () => {
  it('when one citizen ID fails too often, then further tries answer 429, even with the right code', async () => {
    const app = makeApp({ LOGIN_LIMIT_PER_USERNAME: '3', LOGIN_LIMIT_PER_IP: '100' });
    const staff = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTVL' })).username);
    const { trainee, user, code } = await issued(staff);
    const agent = supertest.agent(app);
    for (let i = 0; i < 3; i++) {
      expect((await activate(agent, { nationalId: trainee.nationalId!, code: `ABCD-EFGH-J${i + 2}`, password: NEW_PASSWORD })).status).to.equal(401);
    }
    const blocked = await activate(agent, { nationalId: trainee.nationalId!, code, password: NEW_PASSWORD });
    expect(blocked.status).to.equal(429);
    expect(blocked.text).to.contain('Bạn đã thử quá nhiều lần');
    expect((await User.findByPk(user.id))!.passwordHash).to.equal(null);
    // Another citizen ID from the same address goes on.
    const other = await activate(agent, { nationalId: '088888888888', code, password: NEW_PASSWORD });
    expect(other.status).to.equal(401);
  });

  it('when one address fails too often across citizen IDs, then it answers 429', async () => {
    const app = makeApp({ LOGIN_LIMIT_PER_USERNAME: '100', LOGIN_LIMIT_PER_IP: '4' });
    const agent = supertest.agent(app);
    for (let i = 0; i < 4; i++) {
      expect((await activate(agent, { nationalId: `07700000000${i}`, code: 'ABCD-EFGH-JK', password: NEW_PASSWORD })).status).to.equal(401);
    }
    const res = await activate(agent, { nationalId: '077000000009', code: 'ABCD-EFGH-JK', password: NEW_PASSWORD });
    expect(res.status).to.equal(429);
    expect(res.headers).to.have.property('ratelimit');
  });
});
