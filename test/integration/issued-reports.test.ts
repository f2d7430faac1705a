// Issued reports are kept (issue #11, item 7) and the province report carries the board's text (item 8): the
// number, the stored bytes and figures, the register and its exports, and who may see and issue what.
// Numbers run per issuer, type and year of the issue date: these tests issue on dates of 2187–2190, which no
// other test uses, for reports of 2096, and read only their own rows.
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { AuditLog, IssuedReport, ReportDraft, type Unit } from '../../server/db/models.js';
import type { ProgressReport } from '../../server/reports/index.js';
import { recordUnitEvent } from '../../server/units/index.js';
import { makeApp } from '../helpers/app.js';
import { allText, binary, pdfPages } from '../helpers/documents.js';
import { makeToken, makeTrainee, makeUser } from '../helpers/factories.js';
import { csrfToken, postForm, signIn, type Agent } from '../helpers/http.js';
import { makeTraineeUser } from '../helpers/portal.js';
import { boardActor, makeUnit } from '../helpers/units.js';

const Y = 2096;
const SELECTION = { year: String(Y), period: 'year', asOf: `${Y}-12-31`, view: 'as-was' };
const TEXT = {
  results: 'Thực hiện Kế hoạch số 15-KH/BTGTU ngày 10/01/2096, Ban Tuyên giáo Tỉnh ủy báo cáo kết quả như sau.',
  strengths: 'Các đơn vị chủ động phối hợp mở lớp đúng kế hoạch.\nChất lượng học tập được nâng lên rõ rệt.',
  weaknesses: 'Một số đơn vị còn chậm tiến độ.',
  causes: 'Lịch công tác của cơ sở dày đặc.',
  directions: 'Tập trung mở các lớp còn lại trong quý I.',
  proposals: 'Đề nghị Ban Thường vụ Tỉnh ủy bố trí kinh phí.',
};

const pdf = (agent: Agent, path: string) => agent.get(path).buffer(true).parse(binary);
const idFrom = (location: string | undefined) => Number(/^\/issued-reports\/(\d+)$/.exec(location ?? '')?.[1]);
const issue = (agent: Agent, path: string, fields: Record<string, string>) => postForm(agent, path, { ...SELECTION, intent: 'issue', ...fields });
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('issued reports', () => {
  let app: App;
  let board: Agent;
  let own: Agent;
  let other: Agent;
  let unit: Unit;
  let otherUnit: Unit;

  before(async () => {
    app = makeApp();
    unit = await makeUnit({ validFrom: `${Y}-01-01` });
    otherUnit = await makeUnit({ validFrom: `${Y}-01-01` });
    board = await signIn(app, (await makeUser({ role: 'admin' })).username);
    own = await signIn(app, (await makeUser({ role: 'center', unitCode: unit.code })).username);
    other = await signIn(app, (await makeUser({ role: 'center', unitCode: otherUnit.code })).username);
  });

  describe('the province report with the board’s text', () => {
    let id: number;

    before(async () => {
      const res = await issue(board, '/issued-reports/new', { number: '', date: '2187-01-10', ...TEXT });
      expect(res.status, res.text.slice(0, 300)).to.equal(303);
      id = idFrom(res.headers.location);
    });

    it('when issued, then the row keeps number 1 of 2187, the figures it was printed from, the PDF and its SHA-256, and the audit log says so', async () => {
      const row = (await IssuedReport.findByPk(id))!;
      expect(row.number).to.equal(1);
      expect(row.numberYear).to.equal(2187);
      expect(row.symbol).to.equal('1-BC/BTGTU');
      expect(row.kind).to.equal('province-progress');
      expect(row.issuedOn).to.equal('2187-01-10');
      const figures = JSON.parse(row.figures) as ProgressReport;
      expect(figures.year).to.equal(Y);
      expect(figures.asOf).to.equal(`${Y}-12-31`);
      expect(figures.units.map((u) => u.unitCode)).to.include(unit.code);
      expect(figures.totals).to.have.property('enrolled');
      expect(row.pdfSize).to.equal(row.pdf.length);
      expect(row.sha256).to.equal(sha256(Buffer.from(row.pdf)));
      expect(JSON.parse(row.narrative!)).to.deep.equal(TEXT);
      const entry = await AuditLog.findOne({ where: { entityType: 'issued_report', entityId: id, action: 'issue' } });
      expect(JSON.parse(entry!.afterData!)).to.include({ symbol: '1-BC/BTGTU', sha256: row.sha256 });
    });

    it('when its PDF is fetched twice, then both are the stored bytes, byte for byte', async () => {
      const row = (await IssuedReport.findByPk(id))!;
      const first = await pdf(board, `/issued-reports/${id}.pdf`);
      const second = await pdf(board, `/issued-reports/${id}.pdf`);
      expect(first.status).to.equal(200);
      expect(first.headers['content-type']).to.equal('application/pdf');
      expect(first.headers['cache-control']).to.equal('private, no-store');
      expect(first.headers['content-disposition']).to.equal('inline; filename="bao-cao-so-1-BC-BTGTU-2187.pdf"');
      expect((first.body as Buffer).equals(Buffer.from(row.pdf))).to.equal(true);
      expect((second.body as Buffer).equals(first.body as Buffer)).to.equal(true);
    });

    it('when the PDF is read, then it carries the number, the four sections in order and the board’s text, and no draft stamp', async () => {
      const row = (await IssuedReport.findByPk(id))!;
      const text = allText(await pdfPages(Buffer.from(row.pdf)));
      expect(text).to.contain('Số 1-BC/BTGTU');
      expect(text).to.contain('Hưng Yên, ngày 10 tháng 01 năm 2187');
      const headings = ['I. KẾT QUẢ THỰC HIỆN', 'II. ĐÁNH GIÁ', '1. Ưu điểm', '2. Hạn chế', '3. Nguyên nhân', 'III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2097', 'IV. KIẾN NGHỊ, ĐỀ XUẤT', 'Nơi nhận:'];
      const at = headings.map((h) => text.indexOf(h));
      expect(at.every((i) => i >= 0), headings.filter((_h, i) => at[i]! < 0).join(', ')).to.equal(true);
      expect([...at].sort((a, b) => a - b)).to.deep.equal(at);
      // The board's opening stands under I, before the generated figures.
      expect(text.indexOf(TEXT.results)).to.be.within(at[0]!, text.indexOf('1. Kết quả chung'));
      for (const line of [...TEXT.strengths.split('\n'), TEXT.weaknesses, TEXT.causes, TEXT.directions, TEXT.proposals]) expect(text).to.contain(line);
      expect(text.indexOf(TEXT.proposals)).to.be.greaterThan(at[6]!);
      expect(text).not.to.contain('DỰ THẢO');
    });

    it('when the entry is opened, then the register shows it with its symbol, SHA-256 and text; the on-the-fly PDF asked for its number goes to it', async () => {
      const row = (await IssuedReport.findByPk(id))!;
      const page = await board.get(`/issued-reports/${id}`);
      expect(page.status).to.equal(200);
      expect(page.text).to.contain('<dd class="col-sm-9" data-symbol>1-BC/BTGTU</dd>');
      expect(page.text).to.contain(row.sha256);
      expect(page.text).to.contain('Chất lượng học tập được nâng lên rõ rệt.');
      const list = await board.get('/issued-reports?year=2187');
      expect(list.text).to.contain(`data-issued-id="${id}"`);
      const onTheFly = await board.get(`/reports/progress.pdf?year=${Y}&number=1&date=2187-03-01`);
      expect(onTheFly.status).to.equal(303);
      expect(onTheFly.headers.location).to.equal(`/issued-reports/${id}.pdf`);
    });

    it('when the same report is printed on the fly, then it has no number and none of the board’s sections', async () => {
      const res = await pdf(board, `/reports/progress.pdf?year=${Y}&asOf=${Y}-12-31&number=9&date=2187-03-01`);
      expect(res.status).to.equal(200);
      const text = allText(await pdfPages(res.body as Buffer));
      expect(text).to.match(/Số -BC\/BTGTU/);
      expect(text).to.contain('I. KẾT QUẢ THỰC HIỆN');
      for (const heading of ['II. ĐÁNH GIÁ', 'Ưu điểm', 'PHƯƠNG HƯỚNG', 'KIẾN NGHỊ']) expect(text).not.to.contain(heading);
    });
  });

  describe('numbers', () => {
    it('when the board issues again in the year, then the page proposes the next number and the issue takes it; a new year starts at 1', async () => {
      await issue(board, '/issued-reports/new', { date: '2188-02-01' });
      const page = await board.get(`/issued-reports/new?year=${Y}&date=2188-03-01`);
      expect(page.status).to.equal(200);
      expect(page.text).to.match(/id="f-number" name="number"[^>]*value="2"/);
      const second = await issue(board, '/issued-reports/new', { date: '2188-03-01' });
      const third = await issue(board, '/issued-reports/new', { date: '2188-04-01' });
      const rows = await IssuedReport.findAll({ where: { id: [idFrom(second.headers.location), idFrom(third.headers.location)] }, order: [['id', 'ASC']] });
      expect(rows.map((r) => [r.number, r.symbol])).to.deep.equal([[2, '2-BC/BTGTU'], [3, '3-BC/BTGTU']]);
      const nextYear = await issue(board, '/issued-reports/new', { date: '2189-01-02' });
      expect((await IssuedReport.findByPk(idFrom(nextYear.headers.location)))!.number).to.equal(1);
    });

    it('when a unit issues its own report, then it is numbered in the unit’s own series under its symbol', async () => {
      const page = await own.get(`/issued-reports/new/${unit.code}?year=${Y}&date=2188-05-01`);
      expect(page.status).to.equal(200);
      expect(page.text).to.match(/name="number"[^>]*value="1"/);
      const res = await issue(own, `/issued-reports/new/${unit.code}`, { date: '2188-05-01' });
      expect(res.status).to.equal(303);
      const row = (await IssuedReport.findByPk(idFrom(res.headers.location)))!;
      expect([row.kind, row.unitId, row.number, row.symbol]).to.deep.equal(['unit-progress', unit.id, 1, `1-BC/${unit.symbol}`]);
      expect(row.narrative).to.equal(null);
      const text = allText(await pdfPages(Buffer.from(row.pdf)));
      expect(text).to.contain(`Số 1-BC/${unit.symbol}`);
      expect(text).to.contain(`HUYỆN ỦY ${unit.code}`);
    });

    it('when a number already given is chosen, then it is refused next to the number field, naming the next free one; a free one chosen by hand is taken', async () => {
      const before = await IssuedReport.count();
      const taken = await issue(board, '/issued-reports/new', { number: '2', date: '2188-06-01' });
      expect(taken.status).to.equal(409);
      expect(taken.text).to.contain(
        '<div id="e-number" class="invalid-feedback" data-error="number">Số 2-BC/BTGTU đã được cấp cho báo cáo ngày 01/03/2188. Số tiếp theo còn trống: 4.</div>',
      );
      expect(taken.text).to.match(/name="number"[^>]*value="2"/);
      expect(await IssuedReport.count()).to.equal(before);
      const chosen = await issue(board, '/issued-reports/new', { number: '17', date: '2188-06-01' });
      expect(chosen.status).to.equal(303);
      expect((await IssuedReport.findByPk(idFrom(chosen.headers.location)))!.number).to.equal(17);
      const after = await issue(board, '/issued-reports/new', { date: '2188-06-02' });
      expect((await IssuedReport.findByPk(idFrom(after.headers.location)))!.number, 'the highest plus one').to.equal(18);
    });

    it('when two issue at the same moment, then each gets its own number', async () => {
      const token = await csrfToken(board, '/');
      const send = () => board.post('/issued-reports/new').type('form').send({ ...SELECTION, intent: 'issue', date: '2190-01-05', _csrf: token });
      const [a, b] = await Promise.all([send(), send()]);
      expect([a.status, b.status]).to.deep.equal([303, 303]);
      const rows = await IssuedReport.findAll({ where: { id: [idFrom(a.headers.location), idFrom(b.headers.location)] } });
      expect(rows.map((r) => r.number).sort()).to.deep.equal([1, 2]);
    });

    it('when the number or the date is not one, then the form says so next to the field', async () => {
      const bad = await issue(board, '/issued-reports/new', { number: 'abc', date: '2188-07-01' });
      expect(bad.status).to.equal(422);
      expect(bad.text).to.match(/id="e-number"[^>]*>Vui lòng nhập số.</);
      const early = await issue(board, '/issued-reports/new', { date: '2095-12-31' });
      expect(early.status).to.equal(422);
      expect(early.text).to.contain('Ngày ban hành không được trước ngày đầu kỳ báo cáo (01/01/2096).');
    });
  });

  describe('drafts and previews', () => {
    it('when the board previews, then the draft PDF carries the proposed number and the DỰ THẢO stamp, nothing is issued, and the text is kept for the page', async () => {
      const before = await IssuedReport.count();
      const next = (Number(await IssuedReport.max('number', { where: { kind: 'province-progress', numberYear: 2188 } })) || 0) + 1;
      const token = await csrfToken(board, '/');
      const res = await board
        .post('/issued-reports/new')
        .type('form')
        .send({ ...SELECTION, period: 'h1', intent: 'preview', date: '2188-08-01', proposals: 'Kiến nghị bản nháp.', _csrf: token })
        .buffer(true)
        .parse(binary);
      expect(res.status).to.equal(200);
      expect(res.headers['content-type']).to.equal('application/pdf');
      const text = allText(await pdfPages(res.body as Buffer));
      expect(text).to.contain('DỰ THẢO');
      expect(text).to.contain(`Số ${next}-BC/BTGTU`);
      expect(text).to.contain('II. KIẾN NGHỊ, ĐỀ XUẤT');
      expect(text).to.contain('Kiến nghị bản nháp.');
      expect(await IssuedReport.count()).to.equal(before);
      const draft = await ReportDraft.findOne({ where: { kind: 'province-progress', reportYear: Y, period: 'h1' } });
      expect(JSON.parse(draft!.narrative)).to.deep.equal({ proposals: 'Kiến nghị bản nháp.' });
      const page = await board.get(`/issued-reports/new?year=${Y}&period=h1`);
      expect(page.text).to.match(/<textarea id="f-proposals"[^>]*>Kiến nghị bản nháp.<\/textarea>/);
    });
  });

  describe('who sees and issues what', () => {
    let unitReport: number;
    let provinceReport: number;

    before(async () => {
      unitReport = idFrom((await issue(own, `/issued-reports/new/${unit.code}`, { date: '2189-02-01' })).headers.location);
      provinceReport = idFrom((await issue(board, '/issued-reports/new', { date: '2189-02-01' })).headers.location);
    });

    it('when another unit’s staff ask for a unit’s issued report, then it is not found, page and PDF, and their register does not list it', async () => {
      expect((await other.get(`/issued-reports/${unitReport}`)).status).to.equal(404);
      expect((await other.get(`/issued-reports/${unitReport}.pdf`)).status).to.equal(404);
      expect((await other.get(`/issued-reports/${provinceReport}.pdf`)).status).to.equal(404);
      expect((await other.get('/issued-reports?year=2189')).text).not.to.contain(`data-issued-id="${unitReport}"`);
      expect((await own.get(`/issued-reports/${unitReport}.pdf`)).status).to.equal(200);
      expect((await own.get('/issued-reports?year=2189')).text).to.contain(`data-issued-id="${unitReport}"`);
      expect((await board.get(`/issued-reports/${unitReport}.pdf`)).status).to.equal(200);
    });

    it('when a unit’s staff try to issue the province report or another unit’s, or the board a unit’s, then it is refused', async () => {
      const before = await IssuedReport.count();
      expect((await issue(own, '/issued-reports/new', { date: '2189-03-01' })).status).to.equal(403);
      expect((await own.get('/issued-reports/new')).status).to.equal(403);
      expect((await issue(own, `/issued-reports/new/${otherUnit.code}`, { date: '2189-03-01' })).status).to.equal(404);
      expect((await issue(board, `/issued-reports/new/${unit.code}`, { date: '2189-03-01' })).status).to.equal(403);
      expect(await IssuedReport.count()).to.equal(before);
    });

    it('when the report pages are opened, then the print box links to the issue page for whoever may issue, with the selection shown', async () => {
      const province = await board.get(`/reports?year=${Y}&period=h1`);
      // Handlebars writes = and & as entities inside the attribute.
      expect(province.text).to.contain('href="/issued-reports/new?year&#x3D;2096&amp;period&#x3D;h1" data-issue-link');
      const ownPage = await own.get(`/reports/units/${unit.code}?year=${Y}`);
      expect(ownPage.text).to.contain(`href="/issued-reports/new/${unit.code}?year&#x3D;2096&amp;period&#x3D;year" data-issue-link`);
      const boardPage = await board.get(`/reports/units/${unit.code}?year=${Y}`);
      expect(boardPage.status).to.equal(200);
      expect(boardPage.text).not.to.contain('data-issue-link');
    });

    it('when a unit has been merged into another, then the successor’s staff read the reports it issued before', async () => {
      const predecessor = await makeUnit({ validFrom: `${Y}-01-01` });
      const successor = await makeUnit({ validFrom: `${Y}-01-01` });
      const staff = await signIn(app, (await makeUser({ role: 'center', unitCode: predecessor.code })).username);
      const issued = idFrom((await issue(staff, `/issued-reports/new/${predecessor.code}`, { date: '2189-04-01' })).headers.location);
      await recordUnitEvent(await boardActor(), predecessor.id, { kind: 'merge', effectiveDate: '2189-07-01', decisionNumber: '77-QĐ/TU', successorIds: [successor.id] });
      const heirs = await signIn(app, (await makeUser({ role: 'center', unitCode: successor.code })).username);
      expect((await heirs.get(`/issued-reports/${issued}.pdf`)).status).to.equal(200);
      expect((await heirs.get('/issued-reports?year=2189')).text).to.contain(`data-issued-id="${issued}"`);
      expect((await other.get(`/issued-reports/${issued}`)).status).to.equal(404);
    });

    it('when a trainee or a visitor asks, then a trainee is refused and a visitor sent to sign in', async () => {
      const trainee = await signIn(app, (await makeTraineeUser(await makeTrainee())).username);
      expect((await trainee.get('/issued-reports')).status).to.equal(403);
      expect((await trainee.get(`/issued-reports/${provinceReport}.pdf`)).status).to.equal(403);
      const visitor = await supertest(app).get(`/issued-reports/${provinceReport}.pdf`);
      expect([visitor.status, visitor.headers.location]).to.deep.equal([303, '/login']);
    });
  });

  describe('the register’s exports', () => {
    it('when the register of 2187 is downloaded, then the .xlsx and the .csv hold the issued report’s row', async () => {
      const row = (await IssuedReport.findOne({ where: { numberYear: 2187, number: 1, kind: 'province-progress' } }))!;
      const xlsx = await pdf(board, '/issued-reports.xlsx?year=2187');
      expect(xlsx.status).to.equal(200);
      expect(xlsx.headers['content-disposition']).to.equal('attachment; filename=so-van-ban-di-2187.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
      const sheet = workbook.worksheets[0]!;
      const values = [...sheet.getSheetValues()].map((r) => (Array.isArray(r) ? [...r].slice(1) : []));
      const header = values.findIndex((r) => r.includes('Số, ký hiệu'));
      expect(values[header]!.slice(0, 4)).to.deep.equal(['STT', 'Số, ký hiệu', 'Ngày tháng', 'Tên loại và trích yếu nội dung']);
      const data = values.slice(header + 1).find((r) => r[1] === '1-BC/BTGTU')!;
      expect(data[3]).to.equal(`Báo cáo kết quả đào tạo, bồi dưỡng lý luận chính trị, nghiệp vụ năm ${Y}`);
      expect(data[2]).to.be.instanceOf(Date);
      expect(data).to.include(row.sha256);

      const csv = await pdf(board, '/issued-reports.csv?year=2187');
      const lines = (csv.body as Buffer).toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).to.match(/^STT,"?Số, ký hiệu"?,Ngày tháng,/);
      expect(lines.find((l) => l.includes('1-BC/BTGTU'))).to.contain(`1,1-BC/BTGTU,10/01/2187,"Báo cáo kết quả đào tạo, bồi dưỡng lý luận chính trị, nghiệp vụ năm ${Y}"`);
      expect(lines.some((l) => l.includes(row.sha256))).to.equal(true);
    });

    it('when a unit downloads its register, then only its own rows are in it', async () => {
      const csv = (await pdf(own, '/issued-reports.csv')).body as Buffer;
      const text = csv.toString('utf8');
      expect(text).to.contain(`1-BC/${unit.symbol}`);
      expect(text).not.to.contain('-BC/BTGTU');
    });
  });

  describe('the API', () => {
    it('when a token reads the register, then it lists the entry, gives its figures, and returns the stored PDF byte for byte; another unit’s token finds nothing', async () => {
      const row = (await IssuedReport.findOne({ where: { numberYear: 2187, number: 1, kind: 'province-progress' } }))!;
      const auth = { Authorization: `Bearer ${await makeToken(await makeUser({ role: 'admin' }))}` };
      const list = await supertest(app).get('/api/v1/issued-reports?year=2187&kind=province-progress').set(auth);
      expect(list.status).to.equal(200);
      const listed = (list.body as { issuedReports: Array<Record<string, unknown>> }).issuedReports.find((r) => r.id === row.id)!;
      expect(listed).to.include({ symbol: '1-BC/BTGTU', number: 1, numberYear: 2187, unitCode: 'BTGTU', sha256: row.sha256, issuedOn: '2187-01-10' });
      const one = await supertest(app).get(`/api/v1/issued-reports/${row.id}`).set(auth);
      expect((one.body as { figures: ProgressReport }).figures.year).to.equal(Y);
      const bytes = await supertest(app).get(`/api/v1/issued-reports/${row.id}.pdf`).set(auth).buffer(true).parse(binary);
      expect((bytes.body as Buffer).equals(Buffer.from(row.pdf))).to.equal(true);
      const center = { Authorization: `Bearer ${await makeToken(await makeUser({ role: 'center', unitCode: otherUnit.code }))}` };
      expect((await supertest(app).get(`/api/v1/issued-reports/${row.id}.pdf`).set(center)).status).to.equal(404);
    });
  });
});
