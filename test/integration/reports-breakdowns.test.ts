// Issue #11.9: the breakdowns the board is asked for — by gender, ethnicity, Party status and sending
// organisation — with the progress report's scope and window, in the JSON API, the dashboards and the exports.
//
// Unit U, year Y, as of 31/10 (window 1/1–31/10):
//   C1 NTVD 2/3–6/3:   p1 F Kinh official "Chi bộ Thôn Đông" completed; p2 M Kinh probationary "Chi bộ Thôn Đông" failed;
//                      p3 F Mường masses "Chi bộ Trường THCS" withdrawn
//   C2 DVM 1/6–7/6:    p1 again "chi bộ thôn đông" completed; p4 M "kinh" (no Party status) no sending org, completed
//   C3 NTVD 15/10–20/11 (not ended by D): p5 (no gender, no ethnicity) official "Đảng bộ xã An Bình" enrolled
//   C5 NTVD 1/9–5/9:   q01…q22 M Mường masses "Chi bộ số 01"…"Chi bộ số 22" completed
//   C4 NTVD cancelled: p6 F Tày official "Chi bộ Hủy" completed — never counted
// P (merged into U on 1/7 of Y+1): C6 NTVD 4/5–8/5: p1 "CHI BỘ THÔN ĐÔNG" completed; p7 M Tày masses, no org, completed
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import type { Actor } from '../../server/auth/actor.js';
import type { Course, Trainee, Unit } from '../../server/db/models.js';
import { formatNumber, formatPercent } from '../../server/lib/format.js';
import { breakdownReport, type BreakdownReport, type BreakdownRow } from '../../server/reports/breakdowns.js';
import { recordUnitEvent } from '../../server/units/unit-events.service.js';
import { makeApp } from '../helpers/app.js';
import { binary } from '../helpers/documents.js';
import { testDb } from '../helpers/db.js';
import { makeCourse, makeEnrollment, makeToken, makeTrainee, makeUser } from '../helpers/factories.js';
import { postForm, signIn, type Agent } from '../helpers/http.js';
import { decode } from '../helpers/imports.js';
import { boardActor, makeUnit } from '../helpers/units.js';

const Y = 2087; // no other test reads this year (nor 2088); the units below exist from 1/1/2087 only
const asOf = `${Y}-10-31`;
const query = `year=${Y}&asOf=${asOf}`;

type Counts = Pick<BreakdownRow, 'enrolled' | 'trainees' | 'finished' | 'completed'>;
const c = (enrolled: number, trainees: number, finished: number, completed: number): Counts => ({ enrolled, trainees, finished, completed });
const counts = (r: Counts): Counts => ({ enrolled: r.enrolled, trainees: r.trainees, finished: r.finished, completed: r.completed });
const rowsOf = (report: BreakdownReport, dimension: string) => report.dimensions.find((d) => d.dimension === dimension)!.rows;
/** kind, value, how many values it gathers, and its four counts. */
const summary = (report: BreakdownReport, dimension: string) => rowsOf(report, dimension).map((r) => [r.kind, r.value, r.values, counts(r)]);

describe('breakdowns by gender, ethnicity, Party status and sending organisation', () => {
  let app: App;
  let U: Unit;
  let P: Unit;
  let other: Unit;
  let board: Actor;
  let adminToken: string;

  const api = (token: string | null, q: string) => {
    const req = supertest(app).get(`/api/v1/reports/breakdowns?${q}`);
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };
  const download = (agent: Agent, path: string) => agent.get(path).buffer(true).parse(binary as never);

  before(async () => {
    app = makeApp();
    board = await boardActor();
    adminToken = await makeToken(await makeUser({ role: 'admin' }));
    U = await makeUnit({ validFrom: `${Y}-01-01` });
    P = await makeUnit({ validFrom: `${Y}-01-01` });
    other = await makeUnit({ validFrom: `${Y}-01-01` });

    const person = async (gender: Trainee['gender'], ethnicity: string | null, partyStatus: Trainee['partyStatus']) =>
      (await makeTrainee({ unitCode: U.code })).update({ gender, ethnicity, partyStatus });
    const enroll = async (course: Course, who: Trainee, sendingOrg: string | null, status: 'completed' | 'failed' | 'withdrawn' | 'enrolled') =>
      (await makeEnrollment(course, who, { status })).update({ sendingOrg });
    const course = (unit: Unit, programCode: string, start: string, end: string, status: Course['status'] = 'finished') =>
      makeCourse({ unitCode: unit.code, programCode, startDate: `${Y}-${start}`, endDate: `${Y}-${end}`, status });

    const p1 = await person('female', 'Kinh', 'official');
    const p2 = await person('male', 'Kinh', 'probationary');
    const p3 = await person('female', 'Mường', 'masses');
    const p4 = await person('male', 'kinh', null);
    const p5 = await person(null, null, 'official');
    const p6 = await person('female', 'Tày', 'official');
    const p7 = await person('male', 'Tày', 'masses');

    const C1 = await course(U, 'NTVD', '03-02', '03-06');
    await enroll(C1, p1, 'Chi bộ Thôn Đông', 'completed');
    await enroll(C1, p2, 'Chi bộ Thôn Đông', 'failed');
    await enroll(C1, p3, 'Chi bộ Trường THCS', 'withdrawn');
    const C2 = await course(U, 'DVM', '06-01', '06-07');
    await enroll(C2, p1, 'chi bộ thôn đông', 'completed');
    await enroll(C2, p4, null, 'completed');
    const C3 = await course(U, 'NTVD', '10-15', '11-20', 'open');
    await enroll(C3, p5, 'Đảng bộ xã An Bình', 'enrolled');
    const C5 = await course(U, 'NTVD', '09-01', '09-05');
    for (let k = 1; k <= 22; k++) await enroll(C5, await person('male', 'Mường', 'masses'), `Chi bộ số ${String(k).padStart(2, '0')}`, 'completed');
    const C4 = await course(U, 'NTVD', '04-01', '04-05', 'cancelled');
    await enroll(C4, p6, 'Chi bộ Hủy', 'completed');

    const C6 = await course(P, 'NTVD', '05-04', '05-08');
    await enroll(C6, p1, 'CHI BỘ THÔN ĐÔNG', 'completed');
    await enroll(C6, p7, null, 'completed');
    await recordUnitEvent(board, P.id, { kind: 'merge', effectiveDate: `${Y + 1}-07-01`, decisionNumber: '11-QĐ/TU', successorIds: [U.id] });
  });

  describe('the figures of one unit (as it was)', () => {
    let r: BreakdownReport;
    before(async () => {
      r = await breakdownReport(board, { year: Y, asOf, unitCode: U.code });
    });

    it('when a unit is asked for, then the totals count its enrollments in the window once, each person once, and no cancelled course', () => {
      expect(r).to.include({ year: Y, asOf, period: 'year', view: 'as-was' });
      expect(r.window).to.deep.equal({ from: `${Y}-01-01`, to: asOf });
      expect(r.unit).to.deep.equal({ unitCode: U.code, unitName: U.name });
      // 3 + 2 + 1 + 22 enrollments; p1 twice; C3 not ended; p2 failed and p3 withdrawn.
      expect(counts(r.totals)).to.deep.equal(c(28, 27, 27, 25));
      expect(r.totals.completionRate).to.equal(25 / 27);
      expect(r.totals.share).to.equal(1);
      expect(r.dimensions.map((d) => d.dimension)).to.deep.equal(['gender', 'ethnicity', 'partyStatus', 'sendingOrg']);
      for (const d of r.dimensions) expect(d.rows.reduce((s, row) => s + row.enrolled, 0), d.dimension).to.equal(28);
    });

    it('when broken down by gender, then Nam, Nữ and chưa ghi, a person in two courses twice in lượt and once in người', () => {
      expect(summary(r, 'gender')).to.deep.equal([
        ['value', 'male', 1, c(24, 24, 24, 23)],
        ['value', 'female', 1, c(3, 2, 3, 2)],
        ['missing', null, 0, c(1, 1, 0, 0)],
      ]);
      const [male, female, missing] = rowsOf(r, 'gender');
      expect(male!.share).to.equal(24 / 28);
      expect(female!.completionRate).to.equal(2 / 3);
      expect(missing!.completionRate).to.equal(null);
    });

    it('when broken down by ethnicity, then Kinh comes first though Mường has more, its case variants are one value, and chưa ghi last', () => {
      expect(summary(r, 'ethnicity')).to.deep.equal([
        ['value', 'Kinh', 2, c(4, 3, 4, 3)],
        ['value', 'Mường', 1, c(23, 23, 23, 22)],
        ['missing', null, 0, c(1, 1, 0, 0)],
      ]);
      expect(rowsOf(r, 'ethnicity').map((row) => row.value)).not.to.include('Tày');
    });

    it('when broken down by Party status, then every status in order, the unrecorded one last', () => {
      expect(summary(r, 'partyStatus')).to.deep.equal([
        ['value', 'masses', 1, c(23, 23, 23, 22)],
        ['value', 'probationary', 1, c(1, 1, 1, 0)],
        ['value', 'official', 1, c(3, 2, 2, 2)],
        ['missing', null, 0, c(1, 1, 1, 1)],
      ]);
      expect(rowsOf(r, 'partyStatus')[1]!.completionRate).to.equal(0);
    });

    it('when broken down by sending organisation, then the top 20 by lượt, case variants grouped, the rest as one "khác" row with its own persons', () => {
      const rows = rowsOf(r, 'sendingOrg');
      expect(rows).to.have.length(22);
      expect([rows[0]!.kind, rows[0]!.value, rows[0]!.values, counts(rows[0]!)]).to.deep.equal(['value', 'Chi bộ Thôn Đông', 2, c(3, 2, 3, 2)]);
      // Ties of one lượt in Vietnamese alphabetical order: "Chi bộ số 01…19" before "Chi bộ Trường THCS" and "Đảng bộ …".
      expect(rows.slice(1, 20).map((row) => row.value)).to.deep.equal(Array.from({ length: 19 }, (_v, i) => `Chi bộ số ${String(i + 1).padStart(2, '0')}`));
      for (const row of rows.slice(1, 20)) expect(counts(row)).to.deep.equal(c(1, 1, 1, 1));
      // số 20–22 (finished, completed), Trường THCS (withdrawn), An Bình (not ended).
      expect([rows[20]!.kind, rows[20]!.value, rows[20]!.values, counts(rows[20]!)]).to.deep.equal(['other', null, 5, c(5, 5, 4, 3)]);
      expect(rows[20]!.completionRate).to.equal(3 / 4);
      expect([rows[21]!.kind, counts(rows[21]!)]).to.deep.equal(['missing', c(1, 1, 1, 1)]);
      expect(rows.map((row) => row.value)).not.to.include('Chi bộ Hủy');
    });
  });

  describe('units change', () => {
    it('when rolled up, then the unit carries its predecessor too: Unicode case variants join the group and a shared person stays one', async () => {
      const r = await breakdownReport(board, { year: Y, asOf, unitCode: U.code, view: 'rolled-up' });
      expect(r.view).to.equal('rolled-up');
      expect(counts(r.totals)).to.deep.equal(c(30, 28, 29, 27));
      expect(summary(r, 'gender')[1]).to.deep.equal(['value', 'female', 1, c(4, 2, 4, 3)]);
      expect(summary(r, 'ethnicity').map((row) => row[1])).to.deep.equal(['Kinh', 'Mường', 'Tày', null]);
      const org = rowsOf(r, 'sendingOrg');
      expect([org[0]!.value, org[0]!.values, counts(org[0]!)]).to.deep.equal(['Chi bộ Thôn Đông', 3, c(4, 2, 4, 3)]);
      expect(counts(org.at(-1)!)).to.deep.equal(c(2, 2, 2, 2));
    });

    it('when the predecessor is asked for, then as it was it has its own figures and rolled up it has no row (404)', async () => {
      expect(counts((await breakdownReport(board, { year: Y, asOf, unitCode: P.code })).totals)).to.deep.equal(c(2, 2, 2, 2));
      const res = await api(adminToken, `${query}&unitCode=${P.code}&view=rolled-up`);
      expect(res.status).to.equal(404);
      expect(res.body.error.message).to.contain(U.name);
    });

    it('when the province is asked for, then the figures are the same both ways', async () => {
      const asWas = await breakdownReport(board, { year: Y, asOf });
      const rolledUp = await breakdownReport(board, { year: Y, asOf, view: 'rolled-up' });
      expect(rolledUp.dimensions).to.deep.equal(asWas.dimensions);
      expect(rolledUp.totals).to.deep.equal(asWas.totals);
      expect(asWas.unit).to.equal(null);
    });
  });

  it('when free text differs only by its accents, then the values stay apart on every database ("Thôn Hà" is not "Thôn Hạ")', async () => {
    const W = await makeUnit({ validFrom: `${Y}-01-01` });
    const course = await makeCourse({ unitCode: W.code, startDate: `${Y}-02-03`, endDate: `${Y}-02-05`, status: 'finished' });
    for (const [ethnicity, org] of [
      ['Mường', 'Chi bộ thôn Hà'],
      ['Muong', 'Chi bộ thôn Hạ'],
      ['MƯỜNG', 'Chi bộ thôn Hạ'],
    ]) {
      const who = await (await makeTrainee({ unitCode: U.code })).update({ ethnicity });
      await (await makeEnrollment(course, who, { status: 'completed' })).update({ sendingOrg: org });
    }
    const r = await breakdownReport(board, { year: Y, asOf, unitCode: W.code });
    expect(summary(r, 'ethnicity')).to.deep.equal([
      ['value', 'Mường', 2, c(2, 2, 2, 2)],
      ['value', 'Muong', 1, c(1, 1, 1, 1)],
    ]);
    expect(summary(r, 'sendingOrg')).to.deep.equal([
      ['value', 'Chi bộ thôn Hạ', 1, c(2, 2, 2, 2)],
      ['value', 'Chi bộ thôn Hà', 1, c(1, 1, 1, 1)],
    ]);
  });

  it('when computed with data or for an empty year, then the same fixed number of queries runs', async () => {
    const options = (testDb().sequelize as unknown as { options: { logging: unknown } }).options;
    const previous = options.logging;
    const count = async (year: number, unitCode?: string) => {
      let n = 0;
      options.logging = () => void n++;
      try {
        await breakdownReport(board, { year, asOf: `${year}-12-31`, unitCode });
      } finally {
        options.logging = previous;
      }
      return n;
    };
    // The four dimensions and the persons of the sending organisations' groups; naming a unit adds its
    // lookup and its name (two).
    expect(await count(Y)).to.equal(5);
    expect(await count(Y - 20)).to.equal(5);
    expect(await count(Y, U.code)).to.equal(8);
  });

  describe('JSON API and access', () => {
    it('when the board asks for a unit, then the JSON holds the service figures', async () => {
      const res = await api(adminToken, `${query}&unitCode=${U.code.toLowerCase()}`);
      expect(res.status).to.equal(200);
      const body = res.body as BreakdownReport;
      expect(body).to.deep.equal(JSON.parse(JSON.stringify(await breakdownReport(board, { year: Y, asOf, unitCode: U.code }))));
      expect(body.dimensions[0]!.rows[0]).to.include({ kind: 'value', value: 'male', enrolled: 24, trainees: 24, completed: 23 });
    });

    it("when a center asks, then it gets its own unit; another unit's code, or an unknown one, is 404", async () => {
      const token = await makeToken(await makeUser({ role: 'center', unitCode: U.code }));
      const own = await api(token, `${query}&unitCode=${U.code}`);
      expect(own.status).to.equal(200);
      expect(counts(own.body.totals)).to.deep.equal(c(28, 27, 27, 25));
      for (const code of [other.code, 'NOSUCHUNIT']) {
        const res = await api(token, `${query}&unitCode=${code}`);
        expect(res.status, code).to.equal(404);
        expect(JSON.stringify(res.body)).not.to.contain(other.name);
      }
      const otherCenter = await signIn(app, (await makeUser({ role: 'center', unitCode: other.code })).username);
      expect((await otherCenter.get(`/reports/units/${U.code}?${query}`)).status).to.equal(404);
      expect((await otherCenter.get(`/reports/breakdowns.csv?${query}&unit=${U.code}`)).status).to.equal(404);
    });

    it('when a trainee or nobody asks, then 403 or 401', async () => {
      const trainee = await makeTrainee();
      const user = await makeUser({ role: 'trainee', traineeId: trainee.id });
      expect((await api(await makeToken(user), query)).status).to.equal(403);
      expect((await api(null, query)).status).to.equal(401);
      const agent = await signIn(app, user.username);
      expect((await agent.get(`/reports/breakdowns.xlsx?${query}`)).status).to.equal(403);
    });

    it('when the input is invalid, then 422 names the field', async () => {
      for (const [q, field] of [
        ['year=abc', 'year'],
        [`year=${Y}&period=q9`, 'period'],
        [`year=${Y}&view=sideways`, 'view'],
      ] as const) {
        const res = await api(adminToken, q);
        expect(res.status, q).to.equal(422);
        expect(res.body.error.fields, q).to.have.property(field);
      }
    });

    it('when the OpenAPI document is read, then it describes the breakdowns and their parameters', async () => {
      const op = (await supertest(app).get('/api/openapi.json')).body.paths['/reports/breakdowns'].get;
      expect(op.parameters.map((p: { name: string }) => p.name)).to.have.members(['year', 'asOf', 'period', 'unitCode', 'view']);
      expect(Object.keys(op.responses['200'].content['application/json'].schema.properties)).to.include.members(['totals', 'dimensions', 'unit']);
    });
  });

  describe('pages and exports', () => {
    let agent: Agent;
    before(async () => {
      agent = await signIn(app, (await makeUser({ role: 'admin' })).username);
    });

    /** The cells of each row of one breakdown table: [label, enrolled, share, persons, completed, rate]. */
    const table = (html: string, dimension: string): string[][] => {
      const m = new RegExp(`<table[^>]*data-breakdown="${dimension}"[^>]*>([\\s\\S]*?)</table>`).exec(html);
      expect(m, dimension).to.not.equal(null);
      return [...m![1]!.matchAll(/<tr data-kind="\w+">([\s\S]*?)<\/tr>/g)].map((row) =>
        [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => decode(cell[1]!.replace(/<[^>]+>/g, '').trim())),
      );
    };

    it("when the board opens the unit's page, then the section shows each table in Vietnamese, numbers the Vietnamese way, in a focusable scroll box", async () => {
      const res = await agent.get(`/reports/units/${U.code}?${query}`);
      expect(res.status).to.equal(200);
      const html = res.text;
      expect(html).to.contain('Cơ cấu học viên');
      expect(html).to.contain('Theo đảng viên, quần chúng');
      expect(table(html, 'gender')).to.deep.equal([
        ['Nam', '24', formatPercent(24 / 28), '24', '23', formatPercent(23 / 24)],
        ['Nữ', '3', formatPercent(3 / 28), '2', '2', '66,7%'],
        ['Chưa ghi', '1', '3,6%', '1', '0', '–'],
        ['Tổng cộng', '28', '100,0%', '27', '25', formatPercent(25 / 27)],
      ]);
      expect(table(html, 'partyStatus').map((row) => row[0])).to.deep.equal(['Quần chúng', 'Đảng viên dự bị', 'Đảng viên chính thức', 'Chưa ghi', 'Tổng cộng']);
      expect(table(html, 'ethnicity').map((row) => row[0])).to.deep.equal(['Kinh', 'Mường', 'Chưa ghi', 'Tổng cộng']);
      const orgs = table(html, 'sendingOrg');
      expect(orgs[0]).to.deep.equal(['Chi bộ Thôn Đông', '3', formatPercent(3 / 28), '2', '2', '66,7%']);
      expect(orgs[20]).to.deep.equal(['Khác (5 đơn vị)', '5', '17,9%', '5', '3', '75,0%']);
      expect(html.match(/<div class="table-responsive" tabindex="0" role="region" aria-labelledby="breakdown-\w+-title">/g)).to.have.length(4);
      expect(decode(html)).to.contain(`href="/reports/breakdowns.xlsx?year=${Y}&period=year&asOf=${asOf}&unit=${U.code}"`);
      expect(html).not.to.match(/style="/);
    });

    it('when the page is read in English, then the labels are English', async () => {
      const en = await signIn(app, (await makeUser({ role: 'admin' })).username);
      await postForm(en, '/lang', { locale: 'en', returnTo: '/' });
      const html = (await en.get(`/reports/units/${U.code}?${query}`)).text;
      expect(html).to.contain('Trainees by group');
      expect(table(html, 'gender').map((row) => row[0])).to.deep.equal(['Male', 'Female', 'Not recorded', 'Total']);
      expect(table(html, 'gender')[0]![1]).to.equal(formatNumber(24, 'en'));
    });

    it('when the board opens the province dashboard, then the section is there with its downloads', async () => {
      const res = await agent.get(`/reports?${query}`);
      expect(res.status).to.equal(200);
      expect(res.text).to.contain('data-breakdowns');
      expect(table(res.text, 'gender').at(-1)![0]).to.equal('Tổng cộng');
      expect(decode(res.text)).to.contain(`href="/reports/breakdowns.csv?year=${Y}&period=year&asOf=${asOf}"`);
    });

    it('when the .xlsx is downloaded, then it has one sheet per dimension with the figures as numbers', async () => {
      const res = await download(agent, `/reports/breakdowns.xlsx?${query}&unit=${U.code}`);
      expect(res.status).to.equal(200);
      expect(res.headers['content-disposition']).to.equal(`attachment; filename=co-cau-hoc-vien-${Y}-${U.code.toLowerCase()}.xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as unknown as ExcelJS.Buffer);
      expect(workbook.worksheets.map((s) => s.name)).to.deep.equal(['Giới tính', 'Dân tộc', 'Đảng viên', 'Đơn vị cử đi học']);
      const gender = workbook.getWorksheet('Giới tính')!;
      expect(gender.getRow(1).getCell(1).value).to.equal(`CƠ CẤU HỌC VIÊN THEO GIỚI TÍNH NĂM ${Y}`);
      expect(gender.getRow(2).getCell(1).value).to.equal(U.name);
      expect(gender.getRow(3).getCell(1).value).to.equal(`Các lớp khai giảng từ ngày 01/01/${Y} đến ngày 31/10/${Y} (số liệu tính đến ngày 31/10/${Y})`);
      const cells = (sheet: ExcelJS.Worksheet, n: number) => Array.from({ length: 8 }, (_v, i) => sheet.getRow(n).getCell(i + 1).value);
      expect(cells(gender, 4)).to.deep.equal(['STT', 'Giới tính', 'Lượt học viên', 'Tỷ trọng (% lượt)', 'Số người', 'Đã kết thúc khóa', 'Hoàn thành', 'Tỷ lệ hoàn thành']);
      expect(cells(gender, 5)).to.deep.equal(['1', 'Nam', 24, 24 / 28, 24, 24, 23, 23 / 24]);
      expect(cells(gender, 6)).to.deep.equal(['2', 'Nữ', 3, 3 / 28, 2, 3, 2, 2 / 3]);
      // A rate without a base stays empty, never 0 %.
      expect(cells(gender, 7)).to.deep.equal(['3', 'Chưa ghi', 1, 1 / 28, 1, 0, 0, null]);
      expect(cells(gender, 8)).to.deep.equal([null, 'Tổng cộng', 28, 1, 27, 27, 25, 25 / 27]);
      expect(gender.getRow(5).getCell(4).numFmt).to.equal('0.0%');
      const orgs = workbook.getWorksheet('Đơn vị cử đi học')!;
      expect(cells(orgs, 25)).to.deep.equal(['21', 'Khác (5 đơn vị)', 5, 5 / 28, 5, 4, 3, 3 / 4]);
      expect(cells(orgs, 26)).to.deep.equal(['22', 'Chưa ghi', 1, 1 / 28, 1, 1, 1, 1]);
      expect(cells(orgs, 27)[1]).to.equal('Tổng cộng');
    });

    it('when the .csv is downloaded, then every dimension is stacked with its name, or only the one asked', async () => {
      const res = await download(agent, `/reports/breakdowns.csv?${query}&unit=${U.code}`);
      expect(res.status).to.equal(200);
      const lines = (res.body as Buffer).toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).to.equal('Tiêu chí,STT,Nhóm,Lượt học viên,Tỷ trọng (% lượt),Số người,Đã kết thúc khóa,Hoàn thành,Tỷ lệ hoàn thành');
      expect(lines[1]).to.equal('Giới tính,1,Nam,24,85.7%,24,24,23,95.8%');
      expect(lines[3]).to.equal('Giới tính,3,Chưa ghi,1,3.6%,1,0,0,');
      expect(lines[4]).to.equal('Giới tính,,Tổng cộng,28,100%,27,27,25,92.6%');
      expect(lines[5]).to.equal('Dân tộc,1,Kinh,4,14.3%,3,4,3,75%');
      expect(lines).to.include('Đảng viên,2,Đảng viên dự bị,1,3.6%,1,1,0,0%');
      expect(lines).to.include('Đơn vị cử đi học,21,Khác (5 đơn vị),5,17.9%,5,4,3,75%');
      // 4 + 4 + 5 + 23 rows under the header, and the final line end.
      expect(lines).to.have.length(1 + 36 + 1);

      const one = await download(agent, `/reports/breakdowns.csv?${query}&unit=${U.code}&dimension=ethnicity`);
      expect(one.headers['content-disposition']).to.equal(`attachment; filename=co-cau-hoc-vien-${Y}-dan-toc-${U.code.toLowerCase()}.csv`);
      const ethnicity = (one.body as Buffer).toString('utf8').replace(/^\uFEFF/, '').split('\r\n').slice(1, -1);
      expect(ethnicity).to.deep.equal(['Dân tộc,1,Kinh,4,14.3%,3,4,3,75%', 'Dân tộc,2,Mường,23,82.1%,23,23,22,95.7%', 'Dân tộc,3,Chưa ghi,1,3.6%,1,0,0,', 'Dân tộc,,Tổng cộng,28,100%,27,27,25,92.6%']);
      expect((await agent.get(`/reports/breakdowns.csv?${query}&dimension=religion`)).status).to.equal(422);
    });
  });
});
