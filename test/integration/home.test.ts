import { expect } from 'chai';
import type { App } from '../../server/app.js';
import { makeApp } from '../helpers/app.js';
import { makeCourse, makeEnrollment, makeUser } from '../helpers/factories.js';
import { signIn } from '../helpers/http.js';

const stat = (html: string, name: string) => /data-stat="(\w+)">([\d.]+)</g.exec(html.slice(html.indexOf(`data-stat="${name}"`)))?.[2];

describe('home page counts', () => {
  let app: App;
  before(() => {
    app = makeApp();
  });

  it("when a center user opens the home page, then the counts are their unit's only, for the chosen year", async () => {
    const year = 2037;
    const mine = await makeCourse({ unitCode: 'TTCTPC', startDate: `${year}-04-01`, endDate: `${year}-04-05` });
    await makeEnrollment(mine, undefined, { status: 'completed' });
    await makeEnrollment(mine, undefined, { status: 'completed' });
    await makeEnrollment(mine, undefined, { status: 'withdrawn' });
    const other = await makeCourse({ unitCode: 'TTCTTL', startDate: `${year}-04-01`, endDate: `${year}-04-05` });
    await makeEnrollment(other);
    await makeCourse({ unitCode: 'TTCTPC', startDate: `${year}-05-01`, endDate: `${year}-05-03`, status: 'cancelled' });

    const center = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTPC' })).username);
    const res = await center.get(`/?year=${year}`);
    expect(res.status).to.equal(200);
    expect(stat(res.text, 'courses')).to.equal('1');
    expect(stat(res.text, 'enrollments')).to.equal('3');
    expect(stat(res.text, 'trainees')).to.equal('3');
    expect(stat(res.text, 'completed')).to.equal('2');
    expect(res.text).not.to.contain('data-stat="units"');

    const admin = await signIn(app, (await makeUser({ role: 'admin' })).username);
    const all = await admin.get(`/?year=${year}`);
    expect(stat(all.text, 'courses')).to.equal('2');
    expect(stat(all.text, 'enrollments')).to.equal('4');
    expect(stat(all.text, 'units')).to.equal('14');
    expect(stat(all.text, 'programs')).to.equal('8');
  });
});
