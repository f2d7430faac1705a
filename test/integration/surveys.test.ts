// Issue #13 item 4: the needs survey (rà soát nhu cầu). Years of their own: 2201 (the main flow), 2202 (its
// deadline passes), 2208 (closed by the board); units of their own (makeUnit), so every figure below is ours.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { AuditLog, NeedsSurvey, Program, SurveyAnswer, SurveyAnswerLine, type Unit } from '../../server/db/models.js';
import { todayInVietnam } from '../../server/lib/format.js';
import { openSurveysFor } from '../../server/surveys/index.js';
import { makeApp } from '../helpers/app.js';
import { actorOf } from '../helpers/certificates.js';
import { binary } from '../helpers/documents.js';
import { makeUser } from '../helpers/factories.js';
import { csrfFrom, postForm, signIn, type Agent } from '../helpers/http.js';
import { decode } from '../helpers/imports.js';
import { makeUnit } from '../helpers/units.js';

const Y = 2201;
const inDays = (n: number) => new Date(Date.parse(`${todayInVietnam()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The unit's answer lines as "PROGRAM/category" → people. */
async function linesOf(surveyId: number, unitId: number): Promise<Record<string, number>> {
  const answer = await SurveyAnswer.findOne({ where: { surveyId, unitId } });
  if (!answer) return {};
  const lines = (await SurveyAnswerLine.findAll({ where: { answerId: answer.id }, include: [{ model: Program, as: 'program' }] })) as Array<SurveyAnswerLine & { program: Program }>;
  return Object.fromEntries(lines.map((l) => [`${l.program.code}/${l.category}`, l.people]));
}

async function sheet(rows: Array<Array<string | number | null>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Nhu cầu');
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function upload(agent: Agent, surveyId: number, file: Buffer, name = 'nhu-cau.xlsx') {
  const page = await agent.get(`/surveys/${surveyId}/answer`);
  const token = csrfFrom(page.text);
  const lockVersion = /name="lockVersion" value="(\d+)"/.exec(page.text)![1]!;
  return agent.post(`/surveys/${surveyId}/answer/file`).field('_csrf', token).field('lockVersion', lockVersion).attach('file', file, name);
}

const download = (agent: Agent, path: string) => agent.get(path).buffer(true).parse(binary as never);

describe('needs survey: the board opens it, units answer, the board sees and exports all (issue #13 item 4)', () => {
  let app: App;
  let board: Agent;
  let staffA: Agent;
  let staffB: Agent;
  let A: Unit;
  let B: Unit;
  let surveyId: number;

  before(async () => {
    app = makeApp();
    board = await signIn(app, (await makeUser({ role: 'admin' })).username);
    [A, B] = [await makeUnit(), await makeUnit()];
    staffA = await signIn(app, (await makeUser({ role: 'center', unitCode: A.code })).username);
    staffB = await signIn(app, (await makeUser({ role: 'center', unitCode: B.code })).username);
  });

  it('when the board opens the survey of a year, then it is stored with its deadline; a second one for the year is 409, a past deadline 422, unit staff 403', async () => {
    const res = await postForm(board, '/surveys', { year: Y, deadline: inDays(30), note: 'Đề nghị các đơn vị rà soát sát thực tế.' }, '/surveys');
    expect(res.status, res.text).to.equal(303);
    const survey = (await NeedsSurvey.findOne({ where: { year: Y } }))!;
    surveyId = survey.id;
    expect(res.headers.location).to.equal(`/surveys/${surveyId}`);
    expect([survey.status, survey.deadline]).to.deep.equal(['open', inDays(30)]);
    expect(await AuditLog.count({ where: { entityType: 'needs_survey', entityId: surveyId, action: 'open' } })).to.equal(1);

    const again = await postForm(board, '/surveys', { year: Y, deadline: inDays(10) }, '/surveys');
    expect(again.status).to.equal(409);
    expect(again.text).to.include(`Đã có đợt rà soát nhu cầu năm ${Y}.`);
    const past = await postForm(board, '/surveys', { year: Y + 5, deadline: inDays(-1) }, '/surveys');
    expect(past.status).to.equal(422);
    expect(past.text).to.include('Hạn gửi không được trước hôm nay.');
    expect(await NeedsSurvey.count({ where: { year: Y + 5 } })).to.equal(0);
    expect((await postForm(staffA, '/surveys', { year: Y + 6, deadline: inDays(10) }, '/surveys')).status).to.equal(403);
  });

  it('when a unit has not answered, then the survey awaits it (openSurveysFor); once answered, no longer', async () => {
    const staff = await makeUser({ role: 'center', unitCode: A.code });
    expect((await openSurveysFor(await actorOf(staff))).map((s) => s.year)).to.include(Y);
    expect(await openSurveysFor(await actorOf(await makeUser({ role: 'admin' })))).to.deep.equal([]);
  });

  it('when unit staff send their needs, then the lines are stored for their unit only, a unitId field naming another unit is ignored', async () => {
    const res = await postForm(
      staffA,
      `/surveys/${surveyId}/answer`,
      { lockVersion: 0, 'NTVD__dang-vien-moi': '40', 'NTVD__quan-chung-uu-tu': '60', 'DVM__dang-vien-moi': '35', 'NVCTD__cap-uy-co-so': '', note: 'Ưu tiên quý I', unitId: B.id, unit: B.code },
      `/surveys/${surveyId}/answer`,
    );
    expect(res.status, res.text).to.equal(303);
    expect(await linesOf(surveyId, A.id)).to.deep.equal({ 'NTVD/dang-vien-moi': 40, 'NTVD/quan-chung-uu-tu': 60, 'DVM/dang-vien-moi': 35 });
    expect(await SurveyAnswer.count({ where: { surveyId, unitId: B.id } })).to.equal(0);
    const page = await staffA.get(`/surveys/${surveyId}/answer`);
    expect(page.text).to.match(/id="f-NTVD__quan-chung-uu-tu"[^>]*value="60"/);
    expect(page.text).to.include('Ưu tiên quý I');
    const staff = await makeUser({ role: 'center', unitCode: A.code });
    expect((await openSurveysFor(await actorOf(staff))).map((s) => s.year)).to.not.include(Y);
  });

  it('when a figure is negative or not a whole number, then 422 beside the field, what was typed kept, and nothing saved', async () => {
    const res = await postForm(staffA, `/surveys/${surveyId}/answer`, { lockVersion: 1, 'NTVD__dang-vien-moi': '-3', 'DVM__khac': '2,5' }, `/surveys/${surveyId}/answer`);
    expect(res.status).to.equal(422);
    expect(res.text).to.match(/id="f-NTVD__dang-vien-moi"[^>]*value="-3"[\s\S]*?is-invalid/);
    expect(res.text).to.include('id="e-DVM__khac"');
    expect((await linesOf(surveyId, A.id))['NTVD/dang-vien-moi']).to.equal(40);
    expect((await supertest(app).post(`/surveys/${surveyId}/answer`).type('form').send({ lockVersion: 1 })).status).to.be.oneOf([401, 403]);
  });

  it('when the answer is saved from a stale page, then 409 and the figures stay', async () => {
    const res = await postForm(staffA, `/surveys/${surveyId}/answer`, { lockVersion: 0, 'NTVD__dang-vien-moi': '1' }, `/surveys/${surveyId}/answer`);
    expect(res.status).to.equal(409);
    expect((await linesOf(surveyId, A.id))['NTVD/dang-vien-moi']).to.equal(40);
  });

  it("when unit B asks for unit A's answer by URL, then 404; the board reads it; the board cannot write one (403)", async () => {
    expect((await staffB.get(`/surveys/${surveyId}/answer?unit=${A.code}`)).status).to.equal(404);
    const own = await staffB.get(`/surveys/${surveyId}/answer`);
    expect(own.status).to.equal(200);
    expect(own.text).to.not.match(/value="60"/);
    const read = await board.get(`/surveys/${surveyId}/answer?unit=${A.code}`);
    expect(read.status).to.equal(200);
    expect(read.text).to.match(/id="f-NTVD__quan-chung-uu-tu"[^>]*value="60"[^>]*disabled|id="f-NTVD__quan-chung-uu-tu"[^>]*disabled/);
    expect((await postForm(board, `/surveys/${surveyId}/answer`, { lockVersion: 0, 'NTVD__khac': '5' }, '/surveys')).status).to.equal(403);
    expect((await supertest(app).get(`/surveys/${surveyId}/answer`)).status).to.equal(303);
  });

  it('when a unit uploads a good sheet, then it replaces the figures (blank cells 0, headers without accents); a bad row saves nothing and says the row and reason', async () => {
    const good = await sheet([
      ['NHU CẦU ĐÀO TẠO NĂM 2201'],
      ['Ma chuong trinh', 'Chương trình', 'DANG VIEN MOI', 'Cấp ủy viên cơ sở', 'Quần chúng ưu tú'],
      ['NTVD', 'Bồi dưỡng nhận thức về Đảng', 10, null, 90],
      ['LSD', 'Chuyên đề lịch sử Đảng', null, '25', null],
      ['DVM', 'ĐVM', null, null, null],
    ]);
    const res = await upload(staffB, surveyId, good);
    expect(res.status, res.text).to.equal(303);
    expect(await linesOf(surveyId, B.id)).to.deep.equal({ 'NTVD/dang-vien-moi': 10, 'NTVD/quan-chung-uu-tu': 90, 'LSD/cap-uy-co-so': 25 });

    const bad = await sheet([
      ['Mã chương trình', 'Đảng viên mới', 'Cấp ủy viên cơ sở'],
      ['NTVD', 500, 1],
      ['XYZ', 5, null],
      ['CNKT', 'mười', 3],
    ]);
    const refused = await upload(staffB, surveyId, bad);
    expect(refused.status).to.equal(422);
    const text = decode(refused.text);
    expect(text).to.include('Tệp có 2 lỗi nên chưa ghi số liệu nào.');
    expect(text).to.match(/data-issue-row="3"><td class="num">3<\/td><td>Mã chương trình<\/td><td>Mã chương trình "XYZ" không có trong danh mục chương trình đang áp dụng\./);
    expect(text).to.match(/data-issue-row="4"><td class="num">4<\/td><td>Đảng viên mới<\/td><td>"mười" không phải số người hợp lệ \(số nguyên từ 0 đến 100\.000\)\./);
    expect(await linesOf(surveyId, B.id)).to.deep.equal({ 'NTVD/dang-vien-moi': 10, 'NTVD/quan-chung-uu-tu': 90, 'LSD/cap-uy-co-so': 25 });
  });

  it('when a unit downloads the template, then it lists the programs with its figures and uploads back unchanged', async () => {
    const res = await download(staffB, `/surveys/${surveyId}/template.xlsx`);
    expect(res.status).to.equal(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ExcelJS.Buffer);
    const ws = workbook.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).to.equal('Mã chương trình');
    const ntvd = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(1).value === 'NTVD')!;
    const header = ws.getRow(1).values as unknown[];
    expect(ntvd.getCell(header.indexOf('Đảng viên mới')).value).to.equal(10);
    expect(ntvd.getCell(header.indexOf('Quần chúng ưu tú (cảm tình Đảng)')).value).to.equal(90);
    expect((await upload(staffB, surveyId, res.body as Buffer)).status).to.equal(303);
    expect(await linesOf(surveyId, B.id)).to.deep.equal({ 'NTVD/dang-vien-moi': 10, 'NTVD/quan-chung-uu-tu': 90, 'LSD/cap-uy-co-so': 25 });
  });

  it("when the board opens the survey, then it sees the units side by side with totals, and the .xlsx and .csv hold the same numbers", async () => {
    const page = await board.get(`/surveys/${surveyId}`);
    expect(page.status).to.equal(200);
    const rowA = /<tr data-unit="([^"]+)" data-answered="yes">[\s\S]*?<\/tr>/g;
    const rows = new Map([...page.text.matchAll(rowA)].map((m) => [m[1], m[0]]));
    expect(rows.get(A.code)).to.match(/data-program="NTVD">100</).and.match(/data-program="DVM">35</).and.match(/data-total>135</);
    expect(rows.get(B.code)).to.match(/data-program="NTVD">100</).and.match(/data-program="LSD">25</).and.match(/data-total>125</);
    expect((await staffA.get(`/surveys/${surveyId}/answers.xlsx`)).status).to.equal(403);
    const list = await board.get('/surveys');
    expect(list.text).to.match(new RegExp(`<tr data-survey="${Y}">[\\s\\S]*?<td>2</td>`));
    expect((await staffA.get('/surveys')).text).to.match(new RegExp(`<tr data-survey="${Y}">[\\s\\S]*?<td>Có</td>`));

    const xlsx = await download(board, `/surveys/${surveyId}/answers.xlsx`);
    expect(xlsx.status).to.equal(200);
    expect(xlsx.headers['content-disposition']).to.equal(`attachment; filename=nhu-cau-dao-tao-${Y}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    const summary = workbook.getWorksheet('Tổng hợp')!;
    let headerRow = 0;
    for (let r = 1; r <= 5; r++) if ((summary.getRow(r).values as unknown[]).includes('Mã đơn vị')) headerRow = r;
    const headers = summary.getRow(headerRow).values as unknown[];
    const col = (h: string) => headers.indexOf(h);
    const rowOf = (code: string) => {
      for (let r = headerRow + 1; r <= summary.rowCount; r++) if (summary.getRow(r).getCell(col('Mã đơn vị')).value === code) return summary.getRow(r);
      throw new Error(`no row ${code}`);
    };
    const a = rowOf(A.code);
    expect([a.getCell(col('Bồi dưỡng nhận thức về Đảng')).value, a.getCell(col('Bồi dưỡng lý luận chính trị dành cho đảng viên mới')).value, a.getCell(col('Tổng cộng')).value]).to.deep.equal([100, 35, 135]);
    expect(a.getCell(col('Ghi chú')).value).to.equal('Ưu tiên quý I');
    const b = rowOf(B.code);
    expect([b.getCell(col('Bồi dưỡng nhận thức về Đảng')).value, b.getCell(col('Chuyên đề lịch sử Đảng')).value, b.getCell(col('Tổng cộng')).value]).to.deep.equal([100, 25, 125]);
    const detail = workbook.getWorksheet('Chi tiết theo đối tượng')!;
    const dHeaders = detail.getRow(1).values as unknown[];
    const aNtvd = [...Array(detail.rowCount).keys()].map((i) => detail.getRow(i + 1)).find((r) => r.getCell(1).value === A.code && r.getCell(3).value === 'NTVD')!;
    expect([aNtvd.getCell(dHeaders.indexOf('Đảng viên mới')).value, aNtvd.getCell(dHeaders.indexOf('Quần chúng ưu tú (cảm tình Đảng)')).value, aNtvd.getCell(dHeaders.indexOf('Tổng cộng')).value]).to.deep.equal([40, 60, 100]);

    const csv = await download(board, `/surveys/${surveyId}/answers.csv`);
    const line = (csv.body as Buffer).toString('utf8').split('\r\n').find((l) => l.includes(`,${A.code},`))!;
    expect(line).to.match(new RegExp(`^\\d+,${A.code},[^,]+,100,35,0,0,0,0,0,0,135,Ưu tiên quý I,`));
  });

  it('when the deadline has passed, then the answer is read-only: the page says so and a save is 409', async () => {
    const survey = await NeedsSurvey.create({ year: Y + 1, deadline: inDays(5), status: 'open' });
    expect((await postForm(staffA, `/surveys/${survey.id}/answer`, { lockVersion: 0, 'NTVD__khac': '7' }, '/surveys')).status).to.equal(303);
    await survey.update({ deadline: inDays(-1) });
    const res = await postForm(staffA, `/surveys/${survey.id}/answer`, { lockVersion: 1, 'NTVD__khac': '9' }, '/surveys');
    expect(res.status).to.equal(409);
    expect(res.text).to.include('Đã hết hạn gửi nhu cầu: không sửa được nữa.');
    expect(await linesOf(survey.id, A.id)).to.deep.equal({ 'NTVD/khac': 7 });
    const page = await staffA.get(`/surveys/${survey.id}/answer`);
    expect(page.text).to.include('data-read-only').and.include('Đã hết hạn');
    expect(page.text).to.not.include('data-save');
  });

  it('when the board closes the survey, then units can no longer change their answer, and the board still sees it', async () => {
    const open = await postForm(board, '/surveys', { year: Y + 7, deadline: inDays(20) }, '/surveys');
    const id = Number(open.headers.location!.split('/').pop());
    expect((await postForm(staffA, `/surveys/${id}/answer`, { lockVersion: 0, 'CNKT__doan-vien-hoi-vien': '120' }, '/surveys')).status).to.equal(303);
    expect((await postForm(staffA, `/surveys/${id}/close`, { lockVersion: 0 }, '/surveys')).status).to.equal(403);
    expect((await postForm(board, `/surveys/${id}/close`, { lockVersion: 0 }, '/surveys')).status).to.equal(303);
    expect((await NeedsSurvey.findByPk(id))!.status).to.equal('closed');
    const res = await postForm(staffA, `/surveys/${id}/answer`, { lockVersion: 1, 'CNKT__doan-vien-hoi-vien': '1' }, '/surveys');
    expect(res.status).to.equal(409);
    expect(res.text).to.include('Đợt rà soát đã đóng: không sửa được nhu cầu nữa.');
    expect((await upload(staffA, id, await sheet([['Mã chương trình', 'Đảng viên mới'], ['NTVD', 5]]))).status).to.equal(409);
    expect(await linesOf(id, A.id)).to.deep.equal({ 'CNKT/doan-vien-hoi-vien': 120 });
    const summary = await board.get(`/surveys/${id}`);
    expect(summary.text).to.match(new RegExp(`data-unit="${A.code}" data-answered="yes">[\\s\\S]*?data-total>120<`));
    expect(summary.text).to.not.include('data-close');
  });
});
