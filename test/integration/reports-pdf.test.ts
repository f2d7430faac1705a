// The printed progress reports: the same figures as the JSON, and the same scope as the dashboards.
import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { formatNumber, formatPercent } from '../../server/lib/format.js';
import type { ProgressReport } from '../../server/reports/report.types.js';
import { makeApp } from '../helpers/app.js';
import { allText, binary, pdfPages } from '../helpers/documents.js';
import { withSigner } from '../helpers/certificates.js';
import { makeUser } from '../helpers/factories.js';
import { signIn, type Agent } from '../helpers/http.js';
import { buildReportFixture } from '../helpers/report-fixture.js';

const Y = 2042;
const pdf = (agent: Agent, path: string) => agent.get(path).buffer(true).parse(binary);

describe('progress report PDFs', () => {
  let app: App;
  let admin: Agent;
  let vanLam: Agent;
  let json: ProgressReport;

  before(async () => {
    app = makeApp();
    await buildReportFixture(Y);
    await withSigner('BTGTU', { signerName: 'Nguyễn Thị Thu Hương', signerTitle: 'PHÓ TRƯỞNG BAN', signerAuthority: 'K/T TRƯỞNG BAN' });
    await withSigner('TTCTVL', { signerName: 'Nguyễn Văn Tuấn', signerTitle: 'GIÁM ĐỐC' });
    admin = await signIn(app, (await makeUser({ role: 'admin' })).username);
    vanLam = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTVL' })).username);
    json = (await admin.get(`/api/v1/reports/progress?year=${Y}&asOf=${Y}-12-31`)).body as ProgressReport;
  });

  it('when the board prints the province report, then the summary and every unit row carry the JSON figures', async () => {
    const res = await pdf(admin, `/reports/progress.pdf?year=${Y}&asOf=${Y}-12-31&number=45&date=20/12/${Y}`);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    const text = allText(await pdfPages(res.body as Buffer));
    // A working copy: the number asked for is not printed, since only issuing gives one (issued-reports tests).
    expect(text).to.match(/Số -BC\/BTGTU/);
    expect(text).not.to.contain('Số 45-BC');
    expect(text).to.contain(`Hưng Yên, ngày 20 tháng 12 năm ${Y}`);
    const t = json.totals;
    expect(text).to.contain(`mở ${formatNumber(t.courses)} lớp với ${formatNumber(t.enrolled)} lượt học viên (${formatNumber(t.trainees)} người)`);
    for (const unit of json.units.filter((u) => u.enrolled > 0)) {
      expect(text, unit.unitCode).to.contain(unit.unitName.split(' ').slice(-1)[0]);
      expect(text, unit.unitCode).to.contain(formatNumber(unit.enrolled));
      if (unit.traineeFulfillment !== null) expect(text, unit.unitCode).to.contain(formatPercent(unit.traineeFulfillment));
    }
    expect(text).to.contain('Nguyễn Thị Thu Hương');
  });

  it('when a center prints its own report, then it comes under its own header; the province report and another unit are refused', async () => {
    const own = await pdf(vanLam, `/reports/units/TTCTVL/progress.pdf?year=${Y}&asOf=${Y}-12-31`);
    expect(own.status).to.equal(200);
    const text = allText(await pdfPages(own.body as Buffer));
    expect(text).to.contain('HUYỆN ỦY VĂN LÂM');
    expect(text).to.contain('Nguyễn Văn Tuấn');
    const unit = json.units.find((u) => u.unitCode === 'TTCTVL')!;
    expect(text).to.contain(formatNumber(unit.enrolled));
    expect((await vanLam.get(`/reports/progress.pdf?year=${Y}`)).status).to.equal(403);
    expect((await vanLam.get(`/reports/units/TTCTVG/progress.pdf?year=${Y}`)).status).to.equal(404);
  });

  it('when nobody is signed in, then the PDFs send to the sign-in page; a bad date is refused', async () => {
    const res = await supertest(app).get(`/reports/progress.pdf?year=${Y}`);
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/login');
    expect((await admin.get(`/reports/progress.pdf?year=${Y}&date=31/02/${Y}`)).status).to.equal(422);
  });
});
