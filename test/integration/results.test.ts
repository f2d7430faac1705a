import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { AuditLog, Certificate, Enrollment } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { makeEnrollment, unique, unitByCode } from '../helpers/factories.js';
import { makeEndedCourse, makeOpenCourse, makePlannedCourse, staffAgent } from '../helpers/courses.js';
import { csrfFrom, type Agent } from '../helpers/http.js';

/** The grid form as the browser would send it: every field of the page with its value. */
async function openGrid(agent: Agent, courseId: number) {
  const res = await agent.get(`/courses/${courseId}/results`);
  expect(res.status).to.equal(200);
  const fields: Record<string, string> = {};
  for (const m of res.text.matchAll(/name="((?:v|oa|os|a|s)_\d+)" value="([^"]*)"/g)) fields[m[1]!] = m[2]!;
  return { html: res.text, fields, csrf: csrfFrom(res.text) };
}

async function saveGrid(agent: Agent, courseId: number, grid: { fields: Record<string, string>; csrf: string }, changes: Record<string, string>) {
  return agent.post(`/courses/${courseId}/results`).type('form').send({ ...grid.fields, ...changes, _csrf: grid.csrf });
}

const row = async (id: number) => {
  const e = (await Enrollment.findByPk(id))!;
  return { attendance: e.attendance === null ? null : Number(e.attendance), score: e.score === null ? null : Number(e.score), grade: e.grade, status: e.status, lockVersion: e.lockVersion };
};

describe('results grid', () => {
  let app: App;
  let vanLam: Agent;
  let colleague: Agent;
  let vanGiang: Agent;
  before(async () => {
    app = makeApp();
    vanLam = await staffAgent(app, 'TTCTVL');
    colleague = await staffAgent(app, 'TTCTVL');
    vanGiang = await staffAgent(app, 'TTCTVG');
  });

  it('when scores are entered for a score-assessed program, then grade and status follow the thresholds, each change audited', async () => {
    const course = await makeOpenCourse({ programCode: 'NTVD' });
    const [a, b, c, d] = [await makeEnrollment(course), await makeEnrollment(course), await makeEnrollment(course), await makeEnrollment(course)];
    const gone = await makeEnrollment(course, undefined, { status: 'withdrawn' });
    const grid = await openGrid(vanLam, course.id);
    expect(grid.html).to.contain(`name="s_${a.id}"`).and.not.contain(`name="a_${gone.id}"`);
    const res = await saveGrid(vanLam, course.id, grid, {
      [`a_${a.id}`]: '100', [`s_${a.id}`]: '9,5',
      [`a_${b.id}`]: '90', [`s_${b.id}`]: '7',
      [`a_${c.id}`]: '92,5', [`s_${c.id}`]: '4.5',
    });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`/courses/${course.id}`);
    expect(await row(a.id)).to.deep.equal({ attendance: 1, score: 9.5, grade: 'excellent', status: 'completed', lockVersion: 1 });
    expect(await row(b.id)).to.deep.equal({ attendance: 0.9, score: 7, grade: 'fair', status: 'completed', lockVersion: 1 });
    expect(await row(c.id)).to.deep.equal({ attendance: 0.925, score: 4.5, grade: 'fail', status: 'failed', lockVersion: 1 });
    expect(await row(d.id)).to.deep.equal({ attendance: null, score: null, grade: null, status: 'enrolled', lockVersion: 0 });
    expect(await AuditLog.count({ where: { entityType: 'enrollment', entityId: [a.id, b.id, c.id, d.id], action: 'results' } })).to.equal(3);
    const page = await vanLam.get(`/courses/${course.id}`);
    expect(page.text).to.contain('Đã lưu kết quả của 3 học viên.').and.contain('9,5').and.contain('92,5%').and.contain('Xuất sắc');
    const again = await openGrid(vanLam, course.id);
    expect(again.fields[`s_${a.id}`]).to.equal('9,5');
    expect(again.fields[`a_${c.id}`]).to.equal('92,5');
  });

  it('when attendance is entered for an attendance-assessed program, then the required share completes, and falling short fails only once the course has ended', async () => {
    const running = await makeOpenCourse({ programCode: 'NVCTD' });
    const [r1, r2] = [await makeEnrollment(running), await makeEnrollment(running)];
    const grid = await openGrid(vanLam, running.id);
    expect(grid.html).to.not.contain(`id="f-s_${r1.id}"`);
    expect(grid.html).to.contain('từ 80% số buổi là hoàn thành');
    expect((await saveGrid(vanLam, running.id, grid, { [`a_${r1.id}`]: '80', [`a_${r2.id}`]: '50' })).status).to.equal(303);
    expect(await row(r1.id)).to.include({ attendance: 0.8, status: 'completed', grade: null });
    expect(await row(r2.id)).to.include({ attendance: 0.5, status: 'enrolled', grade: null });

    const ended = await makeEndedCourse({ programCode: 'NVCTD' });
    const e1 = await makeEnrollment(ended);
    const endedGrid = await openGrid(vanLam, ended.id);
    expect((await saveGrid(vanLam, ended.id, endedGrid, { [`a_${e1.id}`]: '79,9' })).status).to.equal(303);
    expect(await row(e1.id)).to.include({ attendance: 0.799, status: 'failed', grade: null });
  });

  it('when an attendance program’s row carries a score from elsewhere, then saving attendance keeps that score', async () => {
    const course = await makeOpenCourse({ programCode: 'NVMTDT' });
    const e = await makeEnrollment(course, undefined, { score: 8 });
    const grid = await openGrid(vanLam, course.id);
    expect((await saveGrid(vanLam, course.id, grid, { [`a_${e.id}`]: '95' })).status).to.equal(303);
    expect(await row(e.id)).to.include({ attendance: 0.95, score: 8, status: 'completed' });
  });

  it('when some cells are invalid, then each is marked beside itself and nothing at all is saved', async () => {
    const course = await makeOpenCourse({ programCode: 'DVM' });
    const [a, b] = [await makeEnrollment(course), await makeEnrollment(course)];
    const grid = await openGrid(vanLam, course.id);
    const res = await saveGrid(vanLam, course.id, grid, { [`s_${a.id}`]: '8', [`a_${b.id}`]: '120', [`s_${b.id}`]: '8,25' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Có ô chưa hợp lệ; chưa lưu gì.');
    expect(res.text).to.contain(`id="e-a_${b.id}"`).and.contain('Chuyên cần từ 0 đến 100 (%).');
    expect(res.text).to.contain(`id="e-s_${b.id}"`).and.contain('Điểm lấy một chữ số thập phân.');
    expect(res.text).to.contain('value="8,25"').and.contain('value="120"');
    expect(res.text).to.not.contain(`id="e-s_${a.id}"`);
    expect(await row(a.id)).to.include({ score: null, lockVersion: 0 });
  });

  it('when a row was changed by someone else while this grid was open, then 409, nothing is saved, and the row shows its current values', async () => {
    const course = await makeOpenCourse({ programCode: 'NTVD' });
    const [a, b] = [await makeEnrollment(course), await makeEnrollment(course)];
    const mine = await openGrid(vanLam, course.id);
    const theirs = await openGrid(colleague, course.id);
    expect((await saveGrid(colleague, course.id, theirs, { [`s_${a.id}`]: '6' })).status).to.equal(303);

    const res = await saveGrid(vanLam, course.id, mine, { [`s_${a.id}`]: '8', [`s_${b.id}`]: '9' });
    expect(res.status).to.equal(409);
    expect(res.text).to.contain('Có 1 dòng vừa được người khác sửa');
    expect(res.text).to.match(new RegExp(`data-row="${a.id}" class="table-warning[^"]*"`));
    expect(res.text).to.contain('Giá trị hiện tại: chuyên cần %, điểm 6.');
    expect(await row(a.id)).to.include({ score: 6, lockVersion: 1 });
    expect(await row(b.id)).to.include({ score: null, lockVersion: 0 });

    // The redrawn grid keeps the user's entries over the current versions: saving again is a conscious overwrite.
    const redrawn: Record<string, string> = {};
    for (const m of res.text.matchAll(/name="((?:v|oa|os|a|s)_\d+)" value="([^"]*)"/g)) redrawn[m[1]!] = m[2]!;
    expect(redrawn).to.include({ [`s_${a.id}`]: '8', [`v_${a.id}`]: '1', [`os_${a.id}`]: '6', [`s_${b.id}`]: '9' });
    const retry = await vanLam.post(`/courses/${course.id}/results`).type('form').send({ ...redrawn, _csrf: csrfFrom(res.text) });
    expect(retry.status).to.equal(303);
    expect(await row(a.id)).to.include({ score: 8, lockVersion: 2 });
    expect(await row(b.id)).to.include({ score: 9, lockVersion: 1 });
  });

  it('when two people fill in different rows of the same grid at once, then both halves are kept', async () => {
    const course = await makeOpenCourse({ programCode: 'LSD' });
    const rows = [await makeEnrollment(course), await makeEnrollment(course), await makeEnrollment(course), await makeEnrollment(course)];
    const first = await openGrid(vanLam, course.id);
    const second = await openGrid(colleague, course.id);
    const [r1, r2] = await Promise.all([
      saveGrid(vanLam, course.id, first, { [`s_${rows[0]!.id}`]: '7', [`s_${rows[1]!.id}`]: '8' }),
      saveGrid(colleague, course.id, second, { [`s_${rows[2]!.id}`]: '9', [`s_${rows[3]!.id}`]: '5' }),
    ]);
    expect([r1.status, r2.status]).to.deep.equal([303, 303]);
    expect((await Promise.all(rows.map((r) => row(r.id)))).map((r) => r.score)).to.deep.equal([7, 8, 9, 5]);
  });

  it('when a certificate was issued for a row, then the grid shows it read-only and refuses a change to it', async () => {
    const course = await makeEndedCourse({ programCode: 'NTVD' });
    const certified = await makeEnrollment(course, undefined, { status: 'completed', score: 8, grade: 'good', attendance: 1 });
    const other = await makeEnrollment(course);
    const unit = await unitByCode('TTCTVL');
    await Certificate.create({
      enrollmentId: certified.id, unitId: unit.id, year: 2098, seq: Math.floor(Math.random() * 1e6), number: `G/${unique('n')}`, issuedOn: '2098-01-01',
      unitName: 'TRUNG TÂM CHÍNH TRỊ', unitParentBody: 'HUYỆN ỦY VĂN LÂM', signerName: 'A', signerTitle: 'GIÁM ĐỐC', signerAuthority: null, verifyCode: unique('w').padEnd(16, 'y'),
    });
    const grid = await openGrid(vanLam, course.id);
    expect(grid.html).to.contain(`name="s_${other.id}"`);
    expect(grid.html).to.not.contain(`name="s_${certified.id}"`);
    const forged = await saveGrid(vanLam, course.id, grid, { [`v_${certified.id}`]: '0', [`oa_${certified.id}`]: '100', [`os_${certified.id}`]: '8', [`a_${certified.id}`]: '100', [`s_${certified.id}`]: '2', [`s_${other.id}`]: '7' });
    expect(forged.status).to.equal(422);
    expect(await row(certified.id)).to.include({ score: 8, status: 'completed' });
    expect(await row(other.id)).to.include({ score: null });
  });

  it('when the course has not started, then there is no grid and a save is refused', async () => {
    const course = await makePlannedCourse();
    const e = await makeEnrollment(course);
    const page = await vanLam.get(`/courses/${course.id}/results`);
    expect(page.text).to.contain('Chỉ nhập kết quả cho lớp đã khai giảng').and.not.contain(`name="s_${e.id}"`);
    const res = await vanLam.post(`/courses/${course.id}/results`).type('form').send({ [`v_${e.id}`]: '0', [`s_${e.id}`]: '8', _csrf: csrfFrom(page.text) });
    expect(res.status).to.equal(409);
    expect(await row(e.id)).to.include({ score: null });
  });

  it('when another unit opens or saves the grid, then 404 and nothing is saved', async () => {
    const course = await makeOpenCourse();
    const e = await makeEnrollment(course);
    expect((await vanGiang.get(`/courses/${course.id}/results`)).status).to.equal(404);
    const own = await vanGiang.get('/courses');
    const res = await vanGiang.post(`/courses/${course.id}/results`).type('form').send({ [`v_${e.id}`]: '0', [`s_${e.id}`]: '8', _csrf: csrfFrom(own.text) });
    expect(res.status).to.equal(404);
    expect(await row(e.id)).to.include({ score: null, lockVersion: 0 });
  });

  it('when a row of another course is slipped into the grid, then it is not touched', async () => {
    const course = await makeOpenCourse();
    const foreign = await makeEnrollment(await makeOpenCourse({ unitCode: 'TTCTVG' }));
    const grid = await openGrid(vanLam, course.id);
    const res = await saveGrid(vanLam, course.id, grid, { [`v_${foreign.id}`]: '0', [`s_${foreign.id}`]: '9' });
    expect(res.status).to.equal(409);
    expect(await row(foreign.id)).to.include({ score: null, lockVersion: 0 });
  });

  it('when nobody is signed in, then the save is refused', async () => {
    const course = await makeOpenCourse();
    const e = await makeEnrollment(course);
    const res = await supertest(app).post(`/courses/${course.id}/results`).type('form').send({ [`v_${e.id}`]: '0', [`s_${e.id}`]: '8' });
    expect([401, 403]).to.include(res.status);
    expect(await row(e.id)).to.include({ score: null });
  });
});
