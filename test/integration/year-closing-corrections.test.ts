// Issue #11, item 6 — "the approved correction goes through and is audited": a unit asks for a change to a closed
// year with a reason, the board approves (applied through the course and enrollment services, audited with the
// reason, the approver and before/after) or rejects (nothing changes); a record changed meanwhile refuses the
// approval; the stored change is checked again; a center sees only its own unit's requests.
import { expect } from 'chai';
import type { App } from '../../server/app.js';
import { AuditLog, Course, Enrollment, YearClosing, YearCorrection, type Unit, type User } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { apiClient } from '../helpers/courses.js';
import { makeCourse, makeEnrollment, makeToken, makeTrainee, makeUser, programByCode } from '../helpers/factories.js';
import { csrfFrom, signIn, type Agent } from '../helpers/http.js';
import { decode } from '../helpers/imports.js';
import { makeUnit } from '../helpers/units.js';

async function post(agent: Agent, page: string, path: string, body: Record<string, unknown>) {
  const form = await agent.get(page);
  expect(form.status, `GET ${page}`).to.equal(200);
  return agent.post(path).type('form').send({ ...body, _csrf: csrfFrom(form.text) });
}

const requestIdOf = (location: string) => Number(/^\/year-corrections\/(\d+)$/.exec(location)?.[1]);

describe('corrections of a closed year', () => {
  let app: App;
  let unit: Unit;
  let other: Unit;
  let boardUser: User;
  let board: Agent;
  let center: Agent;
  let otherCenter: Agent;
  let finished: Course;
  let e1: Enrollment;
  let e2: Enrollment;

  /** A score correction asked on the enrollment's page; returns the request id. */
  async function askScore(agent: Agent, enrollment: Enrollment, score: string, reason: string): Promise<number> {
    const page = `/enrollments/${enrollment.id}/year-correction`;
    const current = (await Enrollment.findByPk(enrollment.id))!;
    const res = await post(agent, page, page, { kind: 'update', lockVersion: current.lockVersion, attendance: '100', score, sendingOrg: current.sendingOrg ?? '', reason });
    expect(res.status, decode(res.text).slice(0, 600)).to.equal(303);
    return requestIdOf(res.headers.location as string);
  }

  before(async () => {
    app = makeApp();
    unit = await makeUnit({ validFrom: '2024-01-01' });
    other = await makeUnit({ validFrom: '2024-01-01' });
    boardUser = await makeUser({ role: 'admin' });
    board = await signIn(app, boardUser.username);
    center = await signIn(app, (await makeUser({ role: 'center', unitCode: unit.code })).username);
    otherCenter = await signIn(app, (await makeUser({ role: 'center', unitCode: other.code })).username);
    finished = await makeCourse({ unitCode: unit.code, startDate: '2024-04-08', endDate: '2024-04-12', status: 'finished' });
    e1 = await makeEnrollment(finished, await makeTrainee(), { status: 'failed', score: 4, grade: 'fail', attendance: 1 });
    e2 = await makeEnrollment(finished, await makeTrainee(), { status: 'completed', score: 7, grade: 'fair', attendance: 1 });
    const closed = await post(board, '/year-closings', '/year-closings', { unit: unit.id, year: 2024, decision: 'Báo cáo số 12-BC/BTGTU', confirm: 'on' });
    expect(closed.status).to.equal(303);
  });

  it('when a correction is asked for a year that is not closed, then it is refused', async () => {
    const open = await makeCourse({ unitCode: unit.code, startDate: '2025-04-07', endDate: '2025-04-11', status: 'open' });
    const res = await post(center, `/courses/${open.id}/year-correction`, `/courses/${open.id}/year-correction`, {
      kind: 'update', lockVersion: 0, name: 'Tên khác', startDate: '2025-04-07', endDate: '2025-04-11', capacity: 90, reason: 'Sai tên',
    });
    expect(res.status).to.equal(409);
    expect(decode(res.text)).to.contain('Năm 2025 chưa khóa sổ: hãy sửa trực tiếp trên trang lớp.');
    expect(await YearCorrection.count({ where: { courseId: open.id } })).to.equal(0);
  });

  it('when the reason is missing, then the form says so and nothing is asked', async () => {
    const page = `/enrollments/${e1.id}/year-correction`;
    const res = await post(center, page, page, { kind: 'update', lockVersion: 0, attendance: '100', score: '8,5', reason: '' });
    expect(res.status).to.equal(422);
    expect(decode(res.text)).to.match(/id="e-reason" class="invalid-feedback">Vui lòng nhập trường này\./);
    expect(await YearCorrection.count({ where: { targetType: 'enrollment', targetId: e1.id } })).to.equal(0);
  });

  it('when the board approves a score correction, then the score, grade and status change, and the audit log holds the reason, the approver and before/after', async () => {
    const id = await askScore(center, e1, '8,5', 'Nhập nhầm điểm; biên bản chấm bài ghi 8,5.');
    const pending = (await YearCorrection.findByPk(id))!;
    expect([pending.status, pending.year, pending.unitId, JSON.parse(pending.changes)]).to.deep.equal(['pending', 2024, unit.id, { score: 8.5 }]);
    expect(JSON.parse(pending.beforeData)).to.deep.equal({ score: 4 });
    expect(Number((await Enrollment.findByPk(e1.id))!.score), 'nothing changes before the approval').to.equal(4);

    const queue = decode((await board.get('/year-corrections?status=pending')).text);
    expect(queue).to.contain(`data-request="${id}" data-status="pending"`);

    const res = await post(board, `/year-corrections/${id}`, `/year-corrections/${id}/approve`, { note: 'Đồng ý theo biên bản.' });
    expect(res.status, decode(res.text).slice(0, 600)).to.equal(303);
    const e = (await Enrollment.findByPk(e1.id))!;
    expect([Number(e.score), e.grade, e.status, e.lockVersion]).to.deep.equal([8.5, 'good', 'completed', 1]);
    const decided = (await YearCorrection.findByPk(id))!;
    expect([decided.status, decided.decidedBy, decided.decisionNote]).to.deep.equal(['applied', boardUser.id, 'Đồng ý theo biên bản.']);

    const entry = (await AuditLog.findOne({ where: { entityType: 'enrollment', entityId: e1.id, action: 'correct' } }))!;
    expect(entry.userId).to.equal(boardUser.id);
    expect(JSON.parse(entry.beforeData!)).to.deep.equal({ score: 4, grade: 'fail', status: 'failed' });
    expect(JSON.parse(entry.afterData!)).to.include({ score: 8.5, grade: 'good', status: 'completed', reason: 'Nhập nhầm điểm; biên bản chấm bài ghi 8,5.', correctionId: id, year: 2024, approvedBy: boardUser.username });
    expect(await AuditLog.count({ where: { entityType: 'year_correction', entityId: id, action: 'approve' } })).to.equal(1);

    // The unit reads the answer; the year is still closed for everything else.
    const mine = decode((await center.get(`/year-corrections/${id}`)).text);
    expect(mine).to.contain('Đã duyệt và điều chỉnh');
    expect(mine).to.contain('Đồng ý theo biên bản.');
    expect(await YearClosing.count({ where: { unitId: unit.id, year: 2024, reopenedAt: null } })).to.equal(1);
  });

  it('when the board approves a change of a finished course\'s name and dates, then they change and the course stays finished', async () => {
    const page = `/courses/${finished.id}/year-correction`;
    const res = await post(center, page, page, {
      kind: 'update', lockVersion: 0, name: 'Lớp bồi dưỡng nhận thức về Đảng khóa 1 năm 2024', startDate: '2024-04-08', endDate: '2024-04-13', place: 'Hội trường', capacity: 90, reason: 'Lớp kéo dài thêm một ngày.',
    });
    expect(res.status, decode(res.text).slice(0, 600)).to.equal(303);
    const id = requestIdOf(res.headers.location as string);
    expect(JSON.parse((await YearCorrection.findByPk(id))!.changes)).to.deep.equal({ name: 'Lớp bồi dưỡng nhận thức về Đảng khóa 1 năm 2024', endDate: '2024-04-13' });
    expect((await post(board, `/year-corrections/${id}`, `/year-corrections/${id}/approve`, {})).status).to.equal(303);
    const course = (await Course.findByPk(finished.id))!;
    expect([course.name, course.endDate, course.status]).to.deep.equal(['Lớp bồi dưỡng nhận thức về Đảng khóa 1 năm 2024', '2024-04-13', 'finished']);
    const entry = (await AuditLog.findOne({ where: { entityType: 'course', entityId: finished.id, action: 'correct' } }))!;
    expect(JSON.parse(entry.beforeData!)).to.deep.equal({ name: finished.name, endDate: '2024-04-12' });
    expect(JSON.parse(entry.afterData!)).to.include({ endDate: '2024-04-13', reason: 'Lớp kéo dài thêm một ngày.' });
  });

  it('when the board rejects a request, then the data stay as they were and the unit reads the reason', async () => {
    const id = await askScore(center, e2, '9', 'Muốn nâng điểm.');
    const res = await post(board, `/year-corrections/${id}`, `/year-corrections/${id}/reject`, { note: 'Không có biên bản chấm lại.' });
    expect(res.status).to.equal(303);
    const e = (await Enrollment.findByPk(e2.id))!;
    expect([Number(e.score), e.grade, e.lockVersion]).to.deep.equal([7, 'fair', 0]);
    const request = (await YearCorrection.findByPk(id))!;
    expect([request.status, request.decisionNote]).to.deep.equal(['rejected', 'Không có biên bản chấm lại.']);
    expect(await AuditLog.count({ where: { entityType: 'year_correction', entityId: id, action: 'reject' } })).to.equal(1);
    expect(await AuditLog.count({ where: { entityType: 'enrollment', entityId: e2.id, action: 'correct' } })).to.equal(0);
    // A decided request is decided once.
    expect((await post(board, `/year-corrections/${id}`, `/year-corrections/${id}/approve`, {})).status).to.equal(409);
    expect(Number((await Enrollment.findByPk(e2.id))!.score)).to.equal(7);
  });

  it('when the record changed after the request was made, then the approval is refused with a clear message and nothing is applied', async () => {
    const first = await askScore(center, e2, '7,5', 'Cộng điểm phúc khảo.');
    const second = await askScore(center, e2, '6', 'Trừ điểm vi phạm.');
    expect((await post(board, `/year-corrections/${first}`, `/year-corrections/${first}/approve`, {})).status).to.equal(303);
    const page = decode((await board.get(`/year-corrections/${second}`)).text);
    expect(page).to.contain('data-target-changed');
    const res = await post(board, `/year-corrections/${second}`, `/year-corrections/${second}/approve`, {});
    expect(res.status).to.equal(409);
    expect(decode(res.text)).to.contain('Bản ghi đã được sửa sau khi gửi đề nghị, nên đề nghị không áp dụng được nữa.');
    expect(Number((await Enrollment.findByPk(e2.id))!.score)).to.equal(7.5);
    expect((await YearCorrection.findByPk(second))!.status).to.equal('pending');
  });

  it('when the stored change breaks the rules (a score of 11), then the approval is refused and nothing is applied', async () => {
    const trainee = await makeTrainee();
    const e = await makeEnrollment(finished, trainee, { status: 'completed', score: 6, grade: 'average', attendance: 1 });
    const id = await askScore(center, e, '6,5', 'Sửa điểm.');
    await YearCorrection.update({ changes: JSON.stringify({ score: 11 }) }, { where: { id } });
    const res = await post(board, `/year-corrections/${id}`, `/year-corrections/${id}/approve`, {});
    expect(res.status).to.equal(422);
    expect(decode(res.text)).to.match(/data-field="score"[\s\S]*?data-field-error>Giá trị không được vượt quá 10\./);
    expect(Number((await Enrollment.findByPk(e.id))!.score)).to.equal(6);
    expect((await YearCorrection.findByPk(id))!.status).to.equal('pending');
  });

  it('when another center opens, asks about or lists this unit\'s requests, then it finds nothing (404), and a center cannot decide (403)', async () => {
    const id = await askScore(center, e1, '9', 'Phúc khảo lần hai.');
    expect((await otherCenter.get(`/year-corrections/${id}`)).status).to.equal(404);
    expect(decode((await otherCenter.get('/year-corrections')).text)).not.to.contain(`data-request="${id}"`);
    expect((await otherCenter.get(`/enrollments/${e1.id}/year-correction`)).status).to.equal(404);
    expect((await post(otherCenter, '/year-corrections', `/courses/${finished.id}/year-correction`, { kind: 'cancel', lockVersion: 1, cancelReason: 'x', reason: 'x' })).status).to.equal(404);
    expect((await post(center, `/year-corrections/${id}`, `/year-corrections/${id}/approve`, {})).status).to.equal(403);
    expect((await post(center, `/year-corrections/${id}`, `/year-corrections/${id}/reject`, { note: 'x' })).status).to.equal(403);
    expect((await YearCorrection.findByPk(id))!.status).to.equal('pending');
    expect(decode((await center.get('/year-corrections')).text)).to.contain(`data-request="${id}"`);
  });

  it('when the API is used with tokens, then a center lists and reads only its own requests, and only the board approves or rejects', async () => {
    const trainee = await makeTrainee();
    const e = await makeEnrollment(finished, trainee, { status: 'completed', score: 5, grade: 'average', attendance: 1 });
    const approveMe = await askScore(center, e, '6', 'Phúc khảo qua API.');
    const rejectMe = await askScore(center, e2, '9,5', 'Nâng điểm qua API.');
    const centerApi = apiClient(app, await makeToken(await makeUser({ role: 'center', unitCode: unit.code })));
    const otherApi = apiClient(app, await makeToken(await makeUser({ role: 'center', unitCode: other.code })));
    const boardApi = apiClient(app, await makeToken(boardUser));

    const list = await centerApi.get('/year-corrections?status=pending');
    expect(list.status, JSON.stringify(list.body)).to.equal(200);
    const body = list.body as { yearCorrections: Array<{ id: number; unitId: number; status: string }>; pendingCount: number; total: number; page: number };
    expect(body.yearCorrections.map((r) => r.id)).to.include.members([approveMe, rejectMe]);
    expect(body.yearCorrections.every((r) => r.unitId === unit.id && r.status === 'pending')).to.equal(true);
    expect([body.total, body.page]).to.deep.equal([body.pendingCount, 1]);
    const one = await centerApi.get(`/year-corrections/${approveMe}`);
    expect(one.body.yearCorrection).to.deep.include({ id: approveMe, year: 2024, targetType: 'enrollment', targetId: e.id, traineeName: trainee.fullName, changeKind: 'update', status: 'pending', targetChanged: false });
    expect(one.body.yearCorrection.changes).to.deep.equal([{ field: 'score', before: 5, after: 6 }]);

    expect((await otherApi.get(`/year-corrections/${approveMe}`)).status).to.equal(404);
    expect((await otherApi.get('/year-corrections')).body.yearCorrections.map((r: { id: number }) => r.id)).not.to.include(approveMe);
    expect((await centerApi.post(`/year-corrections/${approveMe}/approve`, {})).status).to.equal(403);
    expect((await boardApi.get('/year-corrections?unit=x')).status, 'an unknown parameter').to.equal(400);
    expect((await boardApi.post(`/year-corrections/${rejectMe}/reject`, {})).status, 'a refusal says why').to.equal(422);

    const approved = await boardApi.post(`/year-corrections/${approveMe}/approve`, { note: 'Đồng ý.' });
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    expect(approved.body.yearCorrection).to.deep.include({ status: 'applied', decisionNote: 'Đồng ý.' });
    expect([Number((await Enrollment.findByPk(e.id))!.score), (await Enrollment.findByPk(e.id))!.grade]).to.deep.equal([6, 'average']);
    expect((await boardApi.post(`/year-corrections/${approveMe}/approve`, {})).status, 'decided once').to.equal(409);

    const rejected = await boardApi.post(`/year-corrections/${rejectMe}/reject`, { note: 'Không có căn cứ.' });
    expect(rejected.status).to.equal(200);
    expect(rejected.body.yearCorrection).to.deep.include({ status: 'rejected', decisionNote: 'Không có căn cứ.' });
    expect((await YearCorrection.findByPk(rejectMe))!.status).to.equal('rejected');
  });

  it('when the board closes a year for every unit and reopens it, then courses of that year are refused, then allowed, and the history keeps both', async () => {
    // 2012: a year no other test uses; the province-wide closing is reopened before this test ends.
    const old = await makeUnit({ validFrom: '2012-01-01' });
    const api = apiClient(app, await makeToken(await makeUser({ role: 'center', unitCode: old.code })));
    const closed = await post(board, '/year-closings', '/year-closings', { unit: 'all', year: 2012, decision: 'Báo cáo tổng kết năm 2012', confirm: 'on' });
    expect(closed.status).to.equal(303);
    const closing = (await YearClosing.findOne({ where: { unitId: null, year: 2012, reopenedAt: null } }))!;
    try {
      const refused = await api.post('/courses', { programCode: 'NTVD', startDate: '2012-05-07', endDate: '2012-05-11', capacity: 50 });
      expect(refused.status).to.equal(422);
      expect(refused.body.error.fields.startDate).to.contain('Năm 2012 của');
      const unitToo = await post(board, '/year-closings', '/year-closings', { unit: old.id, year: 2012, decision: 'x', confirm: 'on' });
      expect(unitToo.status).to.equal(409);
      expect(decode(unitToo.text)).to.contain('Năm 2012 đã khóa sổ toàn tỉnh.');
    } finally {
      const reopened = await post(board, '/year-closings', `/year-closings/${closing.id}/reopen`, { lockVersion: closing.lockVersion, closingId: closing.id, reason: 'Bổ sung số liệu còn thiếu.' });
      expect(reopened.status).to.equal(303);
    }
    const after = (await YearClosing.findByPk(closing.id))!;
    expect([after.reopenReason, after.reopenedBy, after.activeKey]).to.deep.equal(['Bổ sung số liệu còn thiếu.', boardUser.id, null]);
    expect(await AuditLog.count({ where: { entityType: 'year_closing', entityId: closing.id, action: 'reopen' } })).to.equal(1);
    const program = await programByCode('NTVD');
    const allowed = await api.post('/courses', { programCode: program.code, startDate: '2012-05-07', endDate: '2012-05-11', capacity: 50 });
    expect(allowed.status).to.equal(201);
    const history = decode((await board.get('/year-closings')).text);
    expect(history).to.match(new RegExp(`data-closing="${closing.id}" data-active="false"`));
    expect(history).to.contain('Bổ sung số liệu còn thiếu.');
  });
});
