// The dashboards show the figures of the JSON, Vietnamese-formatted, and drill down province → unit →
// program → course; a center sees its own unit only.
import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { formatNumber, formatPercent } from '../../server/lib/format.js';
import type { Figures, ProgressReport } from '../../server/reports/report.types.js';
import { makeApp } from '../helpers/app.js';
import { makeToken, makeTrainee, makeUser } from '../helpers/factories.js';
import { signIn, type Agent } from '../helpers/http.js';
import { buildReportFixture, type ReportFixture } from '../helpers/report-fixture.js';

const Y = 2043;

/** The text of each data-field cell of the row marked `attribute="value"`. */
function row(html: string, attribute: string, value: string): Record<string, string> {
  const match = new RegExp(`<tr ${attribute}="${value}"[^>]*>([\\s\\S]*?)</tr>`).exec(html);
  expect(match, `row ${attribute}=${value}`).to.not.equal(null);
  const cells: Record<string, string> = {};
  for (const m of match![1]!.matchAll(/data-field="(\w+)">([\s\S]*?)<\/td>/g)) cells[m[1]!] = m[2]!.replace(/<[^>]+>/g, '').trim();
  return cells;
}

/** What a report table row shows for a row of the JSON. */
const shown = (f: Figures) => ({
  plannedCourses: formatNumber(f.plannedCourses),
  courses: formatNumber(f.courses),
  plannedTrainees: formatNumber(f.plannedTrainees),
  enrolled: formatNumber(f.enrolled),
  trainees: formatNumber(f.trainees),
  traineeFulfillment: formatPercent(f.traineeFulfillment),
  completed: formatNumber(f.completed),
  completionRate: formatPercent(f.completionRate),
  goodRate: formatPercent(f.goodRate),
});
const shownCells = (cells: Record<string, string>) => {
  const { note: _note, ...rest } = cells;
  return rest;
};
const stat = (html: string, name: string) => new RegExp(`data-stat="${name}">([^<]*)<`).exec(html)?.[1];

describe('progress dashboards', () => {
  let app: App;
  let fixture: ReportFixture;
  let board: Agent;
  let json: ProgressReport;
  const query = `year=${Y}&asOf=${Y}-12-31`;

  before(async () => {
    app = makeApp();
    fixture = await buildReportFixture(Y);
    const admin = await makeUser({ role: 'admin' });
    board = await signIn(app, admin.username);
    json = (await supertest(app).get(`/api/v1/reports/progress?${query}`).set('Authorization', `Bearer ${await makeToken(admin)}`)).body;
  });

  it('when the board opens the province dashboard, then every unit row and the total show the JSON figures, Vietnamese style', async () => {
    const res = await board.get(`/reports?${query}`);
    expect(res.status).to.equal(200);
    for (const unit of json.units) expect(shownCells(row(res.text, 'data-unit', unit.unitCode)), unit.unitCode).to.deep.equal(shown(unit));
    expect(shownCells(row(res.text, 'data-unit', 'total'))).to.deep.equal(shown(json.totals));
    // 17 / 454 → "3,7%" over the units with a plan (TTCTVG's 3 lượt are not on a plan), 14 / 20 → "70,0%"
    expect(row(res.text, 'data-unit', 'total').traineeFulfillment).to.equal('3,7%');
    expect(row(res.text, 'data-unit', 'total').completionRate).to.equal('70,0%');
    expect(row(res.text, 'data-unit', 'TTCTVG').plannedTrainees).to.equal('–');
    expect(row(res.text, 'data-unit', 'TTCTVG').note).to.equal('Chưa có kế hoạch');
  });

  it('when the board opens the dashboard, then the cards, the categories and the programs show the JSON figures', async () => {
    const res = await board.get(`/reports?${query}`);
    expect(stat(res.text, 'enrolled')).to.equal(formatNumber(json.totals.enrolled));
    expect(stat(res.text, 'trainees')).to.equal(formatNumber(json.totals.trainees));
    expect(stat(res.text, 'completionRate')).to.equal(formatPercent(json.totals.completionRate));
    expect(stat(res.text, 'goodRate')).to.equal('66,7%');
    for (const category of json.categories) {
      expect(shownCells(row(res.text, 'data-category', category.category)), category.category).to.deep.equal(shown(category));
      for (const program of category.programs) expect(shownCells(row(res.text, 'data-program', program.programCode)), program.programCode).to.deep.equal(shown(program));
    }
    expect(res.text).to.contain(`Tiến độ thực hiện kế hoạch đào tạo, bồi dưỡng năm ${Y}`);
    expect(res.text).to.contain(`Cả năm: số liệu các lớp khai giảng từ 01/01/${Y} đến 31/12/${Y}; kết quả tính đến ngày 31/12/${Y}.`);
  });

  it('when units lag, then they come first, the furthest behind at the top, with how far behind in points', async () => {
    const res = await board.get(`/reports?${query}`);
    const order = [...res.text.matchAll(/<tr data-unit="(\w+)"/g)].map((m) => m[1]);
    // DUCA: nothing done against a pace of 100% (100 points behind); TTCTVL: 13 of 400 (96,75 points).
    expect(order.slice(0, 3)).to.deep.equal(['DUCA', 'TTCTVL', 'TTCTHY']);
    const lagging = /<ul class="mb-0" data-lagging>([\s\S]*?)<\/ul>/.exec(res.text)![1]!;
    expect([...lagging.matchAll(/data-unit="(\w+)"/g)].map((m) => m[1])).to.deep.equal(['DUCA', 'TTCTVL']);
    expect(lagging).to.contain('Chậm 100,0 điểm %');
    expect(lagging).to.contain(`Chậm ${formatNumber((1 - 13 / 400) * 100, 'vi', 1)} điểm %`);
    expect(row(res.text, 'data-unit', 'DUCA').note).to.equal('Chậm 100,0 điểm %');
  });

  it('when the dashboard draws charts, then their data sits in data- attributes for a script served by the app, with a table beside', async () => {
    const res = await board.get(`/reports?${query}`);
    expect(res.text).not.to.match(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.text).not.to.match(/\sstyle="/);
    expect(res.text).to.contain('<script src="/assets/vendor/chart.js/chart.umd.min.js" defer></script>');
    const data = /<canvas id="chart-programs" data-chart="([^"]+)"[^>]*aria-describedby="table-programs"/.exec(res.text);
    expect(data).to.not.equal(null);
    const chart = JSON.parse(data![1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '='));
    expect(chart.labels).to.have.length(8);
    expect(chart.series[1].data).to.deep.equal(json.categories.flatMap((c) => c.programs.map((p) => p.enrolled)));
    expect(res.text).to.contain('id="table-programs"');
    const script = await supertest(app).get('/assets/vendor/chart.js/chart.umd.min.js');
    expect(script.status).to.equal(200);
    expect(script.headers['content-type']).to.match(/javascript/);
  });

  it('when the board drills down to a unit, then its programs and courses add up to its figures', async () => {
    const res = await board.get(`/reports/units/TTCTVL?${query}`);
    expect(res.status).to.equal(200);
    const unit = json.units.find((u) => u.unitCode === 'TTCTVL')!;
    for (const program of unit.programs) expect(shownCells(row(res.text, 'data-program', program.programCode))).to.deep.equal(shown(program));
    const ids = fixture.courseIds;
    const courses = [...res.text.matchAll(/<tr data-course="(\d+)"/g)].map((m) => Number(m[1]));
    expect(courses, 'counted courses in start order; A5 is cancelled').to.deep.equal([ids.A1, ids.A2, ids.A3, ids.A4, ids.A6]);
    expect(row(res.text, 'data-course', String(ids.A1))).to.include({ enrolled: '5', withdrawn: '1', finished: '5', completed: '3', completionRate: '60,0%', goodRate: '75,0%' });
    expect(row(res.text, 'data-course', 'total')).to.include({ enrolled: '13', finished: '13', completed: '8', completionRate: '61,5%', goodRate: '66,7%' });
    expect(/<ul class="small" data-cancelled>([\s\S]*?)<\/ul>/.exec(res.text)![1]).to.contain(`data-course="${ids.A5}"`);
    expect(res.text).to.contain(`href="/courses/${ids.A1}"`);
    expect(res.text.replace(/&#x3D;/g, '=')).to.contain(`href="/reports?year=${Y}&amp;period=year&amp;asOf=${Y}-12-31"`);
  });

  it('when the board drills down to a program of a unit, then its courses link to their rosters', async () => {
    const res = await board.get(`/reports/units/TTCTVL/programs/NTVD?year=${Y}&period=q1&asOf=${Y}-03-31`);
    expect(res.status).to.equal(200);
    const ids = fixture.courseIds;
    expect([...res.text.matchAll(/<tr data-course="(\d+)"/g)].map((m) => Number(m[1]))).to.deep.equal([ids.A1, ids.A2]);
    // A2 ends after 31/3: enrolled, not finished.
    expect(row(res.text, 'data-course', String(ids.A2))).to.include({ enrolled: '3', finished: '0', completionRate: '–' });
    expect(row(res.text, 'data-course', 'total')).to.include({ enrolled: '8', finished: '5', completed: '3' });
    expect(stat(res.text, 'expectedPace')).to.equal('20,0%');
    expect(res.text).to.contain(`href="/courses/${ids.A2}"`);
  });

  it('when a program has nothing in the window, then its page shows zeros rather than an error', async () => {
    const res = await board.get(`/reports/units/TTCTVL/programs/SCLLCT?${query}`);
    expect(res.status).to.equal(200);
    expect(stat(res.text, 'courses')).to.equal('0');
  });

  it('when a center opens the reports, then it lands on its own unit, and another unit is not found', async () => {
    const center = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTVL' })).username);
    const res = await center.get(`/reports?${query}`);
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`/reports/units/TTCTVL?${query}`);
    const own = await center.get(res.headers.location!);
    expect(own.status).to.equal(200);
    expect(own.text).not.to.contain('>Toàn tỉnh</a>');
    expect(stat(own.text, 'enrolled')).to.equal('13');
    expect((await center.get(`/reports/units/TTCTVG?${query}`)).status).to.equal(404);
    expect((await center.get(`/reports/units/TTCTVG/programs/NVCTD?${query}`)).status).to.equal(404);
  });

  it('when a trainee or a visitor opens the reports, then 403 or the sign-in page', async () => {
    const trainee = await makeTrainee();
    const agent = await signIn(app, (await makeUser({ role: 'trainee', traineeId: trainee.id })).username);
    expect((await agent.get('/reports')).status).to.equal(403);
    const anonymous = await supertest(app).get('/reports');
    expect(anonymous.status).to.equal(303);
    expect(anonymous.headers.location).to.equal('/login');
  });

  it('when the selection is invalid or the unit unknown, then 422 or 404', async () => {
    expect((await board.get(`/reports?year=${Y}&period=q9`)).status).to.equal(422);
    expect((await board.get('/reports/units/NOSUCHUNIT')).status).to.equal(404);
    expect((await board.get('/reports/units/TTCTVL/programs/NOSUCH')).status).to.equal(404);
  });

  it('when the page is asked in English, then the same figures show English style', async () => {
    const english = await signIn(app, (await makeUser({ role: 'admin' })).username);
    const token = /name="_csrf" value="([^"]+)"/.exec((await english.get('/')).text)![1];
    await english.post('/lang').type('form').send({ locale: 'en', returnTo: '/', _csrf: token });
    const res = await english.get(`/reports?${query}`);
    expect(res.text).to.contain(`Progress against the ${Y} training plans`);
    expect(row(res.text, 'data-unit', 'total').completionRate).to.equal('70.0%');
  });
});
