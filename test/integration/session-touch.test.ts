import { expect } from 'chai';
import type { App } from '../../server/app.js';
import { TOUCH_AFTER_MS } from '../../server/auth/session-store.js';
import { Session } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { signIn, type Agent } from '../helpers/http.js';
import { queriesDuring } from '../helpers/query-count.js';

const SESSION_WRITE = /^\s*(UPDATE|INSERT INTO|DELETE FROM)\s+`?sessions`?/i;

describe('sessions stay in the database without a write on every page view', () => {
  let app: App;
  let agent: Agent;
  let userId: number;
  before(async () => {
    app = makeApp();
    const user = await makeUser({ role: 'center', unitCode: 'TTCTVL' });
    userId = user.id;
    agent = await signIn(app, user.username);
    // The welcome message lives in the session until the first page shows it.
    expect((await agent.get('/courses')).status).to.equal(200);
  });

  const row = async () => (await Session.findOne({ where: { userId } }))!;

  it('when a signed-in user opens pages, then the session is read once per page and its row is not written', async () => {
    const before = await row();
    const { result: statuses, sql } = await queriesDuring(async () => [(await agent.get('/courses')).status, (await agent.get('/')).status]);
    expect(statuses).to.deep.equal([200, 200]);
    expect(sql.filter((s) => /FROM\s+`?sessions`?/i.test(s) && /^\s*SELECT/i.test(s))).to.have.length(2);
    expect(sql.filter((s) => SESSION_WRITE.test(s))).to.deep.equal([]);
    const after = await row();
    expect(after.expires!.getTime()).to.equal(before.expires!.getTime());
    expect(after.data).to.equal(before.data);
  });

  it('when the stored expiry is more than a minute behind, then the next page view writes the new one, once', async () => {
    const stale = new Date(Date.now() + 8 * 3600_000 - TOUCH_AFTER_MS - 5_000);
    await Session.update({ expires: stale }, { where: { userId } });
    const { sql } = await queriesDuring(async () => {
      await agent.get('/courses');
      await agent.get('/courses');
    });
    expect(sql.filter((s) => SESSION_WRITE.test(s))).to.have.length(1);
    const touched = (await row()).expires!.getTime();
    expect(touched).to.be.greaterThan(stale.getTime() + 4_000);
    expect(touched).to.be.closeTo(Date.now() + 8 * 3600_000, 60_000);
  });

  it('when the session changes (the language is switched), then it is saved at once and the next page keeps it', async () => {
    const page = await agent.get('/courses');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const res = await agent.post('/lang').type('form').send({ locale: 'en', returnTo: '/courses', _csrf: csrf });
    expect(res.status).to.equal(303);
    expect(JSON.parse((await row()).data!).locale).to.equal('en');
    expect((await agent.get('/courses')).text).to.contain('lang="en"');
  });
});
