// Issue #11, item 6 — khóa sổ: "A closed 2024 refuses a new course and an edited score". Units of their own (valid
// from 2024, so their 2024 closes without touching anyone else's), courses left open so that only the closing
// stands in the way, every path that writes a figure of the year: pages, API, results grid, imports.
import { expect } from 'chai';
import type { App } from '../../server/app.js';
import { AuditLog, Course, Enrollment, ImportBatch, YearClosing, type Unit, type User } from '../../server/db/models.js';
import { formatDate, todayInVietnam } from '../../server/lib/format.js';
import { makeApp } from '../helpers/app.js';
import { apiClient } from '../helpers/courses.js';
import { makeCourse, makeEnrollment, makeToken, makeTrainee, makeUser, programByCode } from '../helpers/factories.js';
import { csrfFrom, signIn, type Agent } from '../helpers/http.js';
import { commitFrom, decode, previewErrors, resultsRow, rosterXlsx, uploadAndPreview } from '../helpers/imports.js';
import { realisticRoster } from '../helpers/rosters.js';
import { makeUnit } from '../helpers/units.js';

const closedMessage = (unitName: string) =>
  `Năm 2024 của ${unitName} đã khóa sổ ngày ${formatDate(todayInVietnam())}; mọi thay đổi phải qua đề nghị điều chỉnh được Ban Tuyên giáo duyệt.`;

/** POSTs a form with the CSRF token of the page it is on. */
async function post(agent: Agent, page: string, path: string, body: Record<string, unknown>) {
  const form = await agent.get(page);
  expect(form.status, `GET ${page}`).to.equal(200);
  return agent.post(path).type('form').send({ ...body, _csrf: csrfFrom(form.text) });
}

describe('closing a year (khóa sổ)', () => {
  let app: App;
  let unit: Unit;
  let other: Unit;
  let board: Agent;
  let center: Agent;
  let centerUser: User;
  let centerApi: ReturnType<typeof apiClient>;
  let open2024: Course;
  let scored: Enrollment;
  let course2025: Course;
  let other2024: Course;

  before(async () => {
    app = makeApp();
    unit = await makeUnit({ validFrom: '2024-01-01' });
    other = await makeUnit({ validFrom: '2024-01-01' });
    board = await signIn(app, (await makeUser({ role: 'admin' })).username);
    centerUser = await makeUser({ role: 'center', unitCode: unit.code });
    center = await signIn(app, centerUser.username);
    centerApi = apiClient(app, await makeToken(centerUser));
    // Stored `open`, not finished: without the closing each of these would be editable.
    open2024 = await makeCourse({ unitCode: unit.code, startDate: '2024-03-04', endDate: '2024-03-08', status: 'open' });
    scored = await makeEnrollment(open2024, await makeTrainee(), { status: 'failed', score: 4, grade: 'fail', attendance: 1 });
    course2025 = await makeCourse({ unitCode: unit.code, startDate: '2025-03-03', endDate: '2025-03-07', status: 'open' });
    other2024 = await makeCourse({ unitCode: other.code, startDate: '2024-05-06', endDate: '2024-05-10', status: 'open' });
  });

  describe('the board closes', () => {
    it('when the confirmation is not ticked, or the year has not ended, then nothing is closed and the form says why', async () => {
      const unticked = await post(board, '/year-closings', '/year-closings', { unit: unit.id, year: 2024, decision: 'Báo cáo số 1-BC/BTGTU' });
      expect(unticked.status).to.equal(422);
      expect(decode(unticked.text)).to.contain('Hãy đánh dấu ô xác nhận trước khi khóa sổ.');
      const thisYear = Number(todayInVietnam().slice(0, 4));
      const current = await post(board, '/year-closings', '/year-closings', { unit: unit.id, year: thisYear, decision: 'Báo cáo', confirm: 'on' });
      expect(current.status).to.equal(422);
      expect(decode(current.text)).to.contain(`Năm ${thisYear} chưa kết thúc; chỉ khóa sổ được năm đã qua.`);
      expect(await YearClosing.count({ where: { unitId: unit.id } })).to.equal(0);
    });

    it('when a center tries to close a year, then it is forbidden (403) and nothing is written', async () => {
      const res = await post(center, '/year-closings', '/year-closings', { unit: unit.id, year: 2024, decision: 'Báo cáo', confirm: 'on' });
      expect(res.status).to.equal(403);
      expect(await YearClosing.count({ where: { unitId: unit.id } })).to.equal(0);
    });

    it("when the board closes the unit's 2024, then the row holds, it is audited, and closing it twice is refused", async () => {
      const res = await post(board, '/year-closings', '/year-closings', { unit: unit.id, year: 2024, decision: 'Báo cáo số 12-BC/BTGTU ngày 15/01/2025', confirm: 'on' });
      expect(res.status, res.text.slice(0, 300)).to.equal(303);
      const closing = await YearClosing.findOne({ where: { unitId: unit.id, year: 2024 } });
      expect(closing).to.include({ decision: 'Báo cáo số 12-BC/BTGTU ngày 15/01/2025', reopenedAt: null, activeKey: `2024:${unit.id}` });
      const entry = await AuditLog.findOne({ where: { entityType: 'year_closing', entityId: closing!.id, action: 'close' } });
      expect(JSON.parse(entry!.afterData!)).to.include({ year: 2024, unitId: unit.id, province: false });
      const twice = await post(board, '/year-closings', '/year-closings', { unit: unit.id, year: 2024, decision: 'Lần hai', confirm: 'on' });
      expect(twice.status).to.equal(409);
      expect(decode(twice.text)).to.contain('Năm 2024 của đơn vị này đã khóa sổ.');
      expect(await YearClosing.count({ where: { unitId: unit.id, year: 2024 } })).to.equal(1);
    });

    it("when the center opens the closing page, then it sees its own 2024 closed and not the other unit", async () => {
      const page = decode((await center.get('/year-closings')).text);
      expect(page).to.match(new RegExp(`data-unit="${unit.id}"[\\s\\S]*?data-year="2024" data-state="closed"`));
      expect(page).to.contain('Báo cáo số 12-BC/BTGTU ngày 15/01/2025');
      expect(page).not.to.contain(`data-unit="${other.id}"`);
    });
  });

  describe('a closed 2024 refuses', () => {
    it('when a new course starts in 2024, then the page shows the message next to the start date and no course is made', async () => {
      const program = await programByCode('NTVD');
      const before = await Course.count({ where: { unitId: unit.id } });
      const res = await post(center, '/courses/new', '/courses', { programId: program.id, name: 'Lớp mới năm 2024', startDate: '10/06/2024', endDate: '14/06/2024', capacity: 80 });
      expect(res.status).to.equal(422);
      const html = decode(res.text);
      expect(html).to.match(/id="f-startDate"[^>]*is-invalid|is-invalid[^>]*id="f-startDate"|id="f-startDate"[\s\S]{0,200}is-invalid/);
      expect(html).to.contain(`<div id="e-startDate" class="invalid-feedback">${closedMessage(unit.name)}</div>`);
      expect(await Course.count({ where: { unitId: unit.id } })).to.equal(before);
    });

    it('when the API opens a course in 2024, then 422 names the startDate field', async () => {
      const res = await centerApi.post('/courses', { programCode: 'NTVD', startDate: '2024-09-02', endDate: '2024-09-06', capacity: 60 });
      expect(res.status).to.equal(422);
      expect(res.body.error.fields).to.deep.equal({ startDate: closedMessage(unit.name) });
    });

    it('when the course is edited on its page or through the API, cancelled or finished, then each is refused and the row is unchanged', async () => {
      const page = await post(center, `/courses/${open2024.id}/edit`, `/courses/${open2024.id}`, {
        lockVersion: 0, programId: open2024.programId, name: 'Tên mới', startDate: '2024-03-04', endDate: '2024-03-08', capacity: 90,
      });
      expect(page.status).to.equal(409);
      expect(decode(page.text)).to.contain(closedMessage(unit.name));
      const api = await centerApi.patch(`/courses/${open2024.id}`, { lockVersion: 0, place: 'Hội trường B' });
      expect(api.status).to.equal(409);
      expect(api.body.error.message).to.equal(closedMessage(unit.name));
      expect((await centerApi.patch(`/courses/${open2024.id}`, { lockVersion: 0, cancel: { reason: 'Thử' } })).status).to.equal(409);
      expect((await centerApi.patch(`/courses/${open2024.id}`, { lockVersion: 0, finish: true })).status).to.equal(409);
      const after = (await Course.findByPk(open2024.id))!;
      expect([after.name, after.place, after.status, after.lockVersion]).to.deep.equal([open2024.name, open2024.place, 'open', 0]);
    });

    it('when a 2025 course is moved into 2024, then the start date is refused', async () => {
      const res = await centerApi.patch(`/courses/${course2025.id}`, { lockVersion: 0, startDate: '2024-12-30', endDate: '2025-01-03' });
      expect(res.status).to.equal(422);
      expect(res.body.error.fields).to.deep.equal({ startDate: closedMessage(unit.name) });
      expect((await Course.findByPk(course2025.id))!.startDate).to.equal('2025-03-03');
    });

    it('when a score is edited through the API or the results grid, then both are refused and the score stays 4', async () => {
      const api = await centerApi.patch(`/enrollments/${scored.id}`, { lockVersion: 0, score: 8.5 });
      expect(api.status).to.equal(409);
      expect(api.body.error.message).to.equal(closedMessage(unit.name));
      const grid = await post(center, `/courses/${open2024.id}`, `/courses/${open2024.id}/results`, { [`v_${scored.id}`]: 0, [`a_${scored.id}`]: '100', [`s_${scored.id}`]: '8,5', [`oa_${scored.id}`]: '100', [`os_${scored.id}`]: '4' });
      expect(grid.status).to.equal(409);
      expect(decode(grid.text)).to.contain(closedMessage(unit.name));
      const e = (await Enrollment.findByPk(scored.id))!;
      expect([Number(e.score), e.grade, e.status, e.lockVersion]).to.deep.equal([4, 'fail', 'failed', 0]);
    });

    it('when someone is enrolled or withdrawn, then both are refused', async () => {
      const enroll = await centerApi.post(`/courses/${open2024.id}/enrollments`, { traineeId: (await makeTrainee()).id });
      expect(enroll.status).to.equal(409);
      const withdraw = await post(center, `/enrollments/${scored.id}`, `/enrollments/${scored.id}/withdraw`, { lockVersion: 0, reason: 'Chuyển công tác' });
      expect(withdraw.status).to.equal(409);
      expect(await Enrollment.count({ where: { courseId: open2024.id } })).to.equal(1);
      expect((await Enrollment.findByPk(scored.id))!.status).to.equal('failed');
    });

    it('when a roster is imported, then the preview says why and the commit writes nothing', async () => {
      const file = await rosterXlsx(realisticRoster(3, 61));
      const { path, page } = await uploadAndPreview(center, open2024.id, file);
      expect(previewErrors(page.text).map(([, , message]) => message)).to.include(closedMessage(unit.name));
      expect((await commitFrom(center, path)).status).to.equal(422);
      expect(await Enrollment.count({ where: { courseId: open2024.id } })).to.equal(1);
      expect(await ImportBatch.count({ where: { courseId: open2024.id } })).to.equal(0);
    });

    it('when results are imported, then the preview says why and the score stays', async () => {
      const trainee = (await Enrollment.findByPk(scored.id, { include: ['trainee'] })) as Enrollment & { trainee: Awaited<ReturnType<typeof makeTrainee>> };
      const file = await rosterXlsx([resultsRow(trainee.trainee, { score: 9, attendance: 1 })], { results: true });
      const { path, page } = await uploadAndPreview(center, open2024.id, file, 'ket-qua.xlsx', 'results');
      expect(previewErrors(page.text).map(([, , message]) => message)).to.include(closedMessage(unit.name));
      expect((await commitFrom(center, path)).status).to.equal(422);
      expect(Number((await Enrollment.findByPk(scored.id))!.score)).to.equal(4);
    });

    it('when the course page is opened, then it says the year is closed and offers a correction instead of the edit controls', async () => {
      const html = decode((await center.get(`/courses/${open2024.id}`)).text);
      expect(html).to.contain(`data-closed-year="2024"`);
      expect(html).to.contain(`Năm 2024 đã khóa sổ ngày ${formatDate(todayInVietnam())}.`);
      expect(html).to.contain(`href="/courses/${open2024.id}/year-correction"`);
      expect(html).not.to.contain(`href="/courses/${open2024.id}/edit"`);
      expect(html).not.to.contain(`href="/courses/${open2024.id}/results"`);
      expect(html).not.to.contain(`action="/courses/${open2024.id}/cancel"`);
    });
  });

  describe('what the closing leaves alone', () => {
    it("when the unit's 2025 course is edited and a 2025 course opened, then both go through", async () => {
      const res = await centerApi.patch(`/courses/${course2025.id}`, { lockVersion: 0, place: 'Hội trường 2025' });
      expect(res.status).to.equal(200);
      expect((await Course.findByPk(course2025.id))!.place).to.equal('Hội trường 2025');
      const created = await centerApi.post('/courses', { programCode: 'NTVD', startDate: '2025-09-08', endDate: '2025-09-12', capacity: 60 });
      expect(created.status).to.equal(201);
      expect(created.body.course.startDate).to.equal('2025-09-08');
    });

    it("when the other unit edits its own 2024 course, then it goes through", async () => {
      const otherApi = apiClient(app, await makeToken(await makeUser({ role: 'center', unitCode: other.code })));
      const res = await otherApi.patch(`/courses/${other2024.id}`, { lockVersion: 0, place: 'Hội trường khác' });
      expect(res.status).to.equal(200);
      expect((await Course.findByPk(other2024.id))!.place).to.equal('Hội trường khác');
    });
  });
});
