// Issue #11, item 4: a trainee with 70 % attendance in a program requiring 80 % got "Hoàn thành" and a
// certificate. Completion of a scored program needs both the pass mark and the program's minimum attendance,
// through every path that records results: the API, the results grid (which warns on the row first) and the
// results import (whose preview shows the consequence per row).
import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import type { Actor } from '../../server/auth/actor.js';
import { issueForCourse } from '../../server/certificates/index.js';
import { Certificate, Course, Enrollment } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { actorOf, makeCertificate, onDay, withSigner } from '../helpers/certificates.js';
import { apiClient, daysFromToday, makeEndedCourse, makeOpenCourse, staffAgent, staffToken } from '../helpers/courses.js';
import { makeEnrollment, makeTrainee, makeUser, unique } from '../helpers/factories.js';
import { csrfFrom, type Agent } from '../helpers/http.js';
import { commitFrom, decode, previewErrors, resultsRow, rosterXlsx, uploadAndPreview } from '../helpers/imports.js';

const row = async (id: number) => {
  const e = (await Enrollment.findByPk(id))!;
  return { attendance: e.attendance === null ? null : Number(e.attendance), score: e.score === null ? null : Number(e.score), grade: e.grade, status: e.status };
};

/** The text of the note under a grid row or a preview row (empty when none), tags stripped. */
function noteOf(html: string, attribute: string, id: number): string {
  const tr = new RegExp(`<tr ${attribute}="${id}"[^>]*>([\\s\\S]*?)</tr>`).exec(html)?.[1];
  if (tr === undefined) throw new Error(`no row ${attribute}="${id}"`);
  const note = /<[^>]*data-result-note[^>]*>([\s\S]*?)<\/div>/.exec(tr)?.[1];
  if (note === undefined) throw new Error(`row ${id} has no note element`);
  return decode(note.replace(/<[^>]+>/g, '').trim());
}

async function openGrid(agent: Agent, courseId: number) {
  const res = await agent.get(`/courses/${courseId}/results`);
  expect(res.status).to.equal(200);
  const fields: Record<string, string> = {};
  for (const m of res.text.matchAll(/name="((?:v|oa|os|a|s)_\d+)" value="([^"]*)"/g)) fields[m[1]!] = m[2]!;
  return { html: res.text, fields, csrf: csrfFrom(res.text) };
}

const saveGrid = (agent: Agent, courseId: number, grid: { fields: Record<string, string>; csrf: string }, changes: Record<string, string>) =>
  agent.post(`/courses/${courseId}/results`).type('form').send({ ...grid.fields, ...changes, _csrf: grid.csrf });

describe('attendance in scored programs (issue #11, item 4)', () => {
  let app: App;
  let agent: Agent;
  let api: ReturnType<typeof apiClient>;
  let staff: Actor;
  before(async () => {
    app = makeApp();
    agent = await staffAgent(app, 'TTCTVL');
    api = apiClient(app, await staffToken('TTCTVL'));
    await withSigner('TTCTVL');
    staff = await actorOf(await makeUser({ role: 'center', unitCode: 'TTCTVL' }));
  });

  describe('through the API', () => {
    it('when a trainee has score 9 and 70% attendance in a program requiring 80%, then not completed (Không đạt), and the finished course certifies only the others', async () => {
      const course = await makeEndedCourse({ programCode: 'NTVD' });
      const [short, full] = [await makeEnrollment(course), await makeEnrollment(course)];

      const res = await api.patch(`/enrollments/${short.id}`, { lockVersion: 0, attendance: 0.7, score: 9 });
      expect(res.status).to.equal(200);
      expect(res.body.enrollment).to.include({ attendance: 0.7, score: 9, grade: 'fail', status: 'failed' });
      expect(await row(short.id)).to.deep.equal({ attendance: 0.7, score: 9, grade: 'fail', status: 'failed' });
      expect((await api.patch(`/enrollments/${full.id}`, { lockVersion: 0, attendance: 0.8, score: 9 })).body.enrollment).to.include({ grade: 'excellent', status: 'completed' });

      const finished = await api.patch(`/courses/${course.id}`, { lockVersion: 0, finish: true });
      expect(finished.status, JSON.stringify(finished.body)).to.equal(200);
      const issued = await issueForCourse(staff, course.id, onDay('2094-05-04'));
      expect(issued.certificates.map((c) => c.enrollmentId)).to.deep.equal([full.id]);
      expect(await Certificate.count({ where: { enrollmentId: short.id } })).to.equal(0);
      expect(await row(short.id)).to.include({ status: 'failed', grade: 'fail' });
    });

    it('when the score comes before the attendance, then the enrollment stays pending and the course cannot finish until attendance is recorded', async () => {
      const course = await makeEndedCourse({ programCode: 'DVM' });
      const e = await makeEnrollment(course);
      expect((await api.patch(`/enrollments/${e.id}`, { lockVersion: 0, score: 8.5 })).body.enrollment).to.include({ score: 8.5, grade: null, status: 'enrolled' });
      const refused = await api.patch(`/courses/${course.id}`, { lockVersion: 0, finish: true });
      expect(refused.status).to.equal(409);
      expect(refused.body.error.message).to.contain('chuyên cần');
      expect((await Course.findByPk(course.id))!.status).to.equal('open');
      expect((await api.patch(`/enrollments/${e.id}`, { lockVersion: 1, attendance: 0.95 })).body.enrollment).to.include({ grade: 'good', status: 'completed' });
      expect((await api.patch(`/courses/${course.id}`, { lockVersion: 0, finish: true })).status).to.equal(200);
    });

    it('when attendance falls short while the course is still running, then pending, and finishing the ended course makes it failed', async () => {
      const course = await makeOpenCourse({ programCode: 'LSD' });
      const e = await makeEnrollment(course);
      expect((await api.patch(`/enrollments/${e.id}`, { lockVersion: 0, attendance: 0.6, score: 9.5 })).body.enrollment).to.include({ grade: null, status: 'enrolled' });
      // The course ends (its last day passes); finishing works the results out again.
      await Course.update({ endDate: daysFromToday(-1) }, { where: { id: course.id } });
      const finished = await api.patch(`/courses/${course.id}`, { lockVersion: 0, finish: true });
      expect(finished.status, JSON.stringify(finished.body)).to.equal(200);
      expect(await row(e.id)).to.deep.equal({ attendance: 0.6, score: 9.5, grade: 'fail', status: 'failed' });
    });
  });

  describe('in the results grid', () => {
    it('when the grid is drawn, then the table carries the rule and the messages the browser needs to warn before saving', async () => {
      const course = await makeEndedCourse({ programCode: 'NTVD' });
      const e = await makeEnrollment(course);
      const { html } = await openGrid(agent, course.id);
      const table = /<table[^>]*data-grid[^>]*>/.exec(html)![0];
      expect(table).to.contain('data-rule="score"').and.contain('data-pass="5"').and.contain('data-min-attendance="0.8"');
      expect(decode(table)).to.contain('data-msg-below="Chuyên cần {attendance} dưới mức tối thiểu 80%: không hoàn thành"');
      expect(decode(table)).to.contain('data-msg-missing="Chưa nhập chuyên cần (tối thiểu 80%): chưa xét hoàn thành"');
      expect(html).to.contain('<script src="/assets/results-grid.js" defer></script>');
      expect(noteOf(html, 'data-row', e.id)).to.equal('');
      expect(decode(html)).to.contain('từ 5 điểm và có mặt từ 80% số buổi là hoàn thành');

      const script = await supertest(app).get('/assets/results-grid.js');
      expect(script.status).to.equal(200);
      expect(script.text).to.contain('data-result-note').and.contain('msgBelow').and.contain('minAttendance');
    });

    it('when 70% and 9 are saved, then the row is failed with Không đạt and the grid shows the warning on it', async () => {
      const course = await makeEndedCourse({ programCode: 'NTVD' });
      const [a, b, c] = [await makeEnrollment(course), await makeEnrollment(course), await makeEnrollment(course)];
      const grid = await openGrid(agent, course.id);
      const res = await saveGrid(agent, course.id, grid, { [`a_${a.id}`]: '70', [`s_${a.id}`]: '9', [`a_${b.id}`]: '80', [`s_${b.id}`]: '9', [`s_${c.id}`]: '9' });
      expect(res.status).to.equal(303);
      expect(await row(a.id)).to.deep.equal({ attendance: 0.7, score: 9, grade: 'fail', status: 'failed' });
      expect(await row(b.id)).to.deep.equal({ attendance: 0.8, score: 9, grade: 'excellent', status: 'completed' });
      expect(await row(c.id)).to.deep.equal({ attendance: null, score: 9, grade: null, status: 'enrolled' });

      const again = await openGrid(agent, course.id);
      expect(noteOf(again.html, 'data-row', a.id)).to.equal('Chuyên cần 70% dưới mức tối thiểu 80%: không hoàn thành');
      expect(noteOf(again.html, 'data-row', b.id)).to.equal('');
      expect(noteOf(again.html, 'data-row', c.id)).to.equal('Chưa nhập chuyên cần (tối thiểu 80%): chưa xét hoàn thành');
      expect(/<tr data-row="(\d+)" class="[^"]*grid-warning/.exec(again.html)?.[1]).to.equal(String(a.id));
    });

    it('when the form comes back with an error elsewhere, then the typed 70% and 9 are already warned about and nothing is saved', async () => {
      const course = await makeEndedCourse({ programCode: 'NTVD' });
      const [a, b] = [await makeEnrollment(course), await makeEnrollment(course)];
      const grid = await openGrid(agent, course.id);
      const res = await saveGrid(agent, course.id, grid, { [`a_${a.id}`]: '70', [`s_${a.id}`]: '9', [`s_${b.id}`]: '11' });
      expect(res.status).to.equal(422);
      expect(noteOf(res.text, 'data-row', a.id)).to.equal('Chuyên cần 70% dưới mức tối thiểu 80%: không hoàn thành');
      expect(await row(a.id)).to.deep.equal({ attendance: null, score: null, grade: null, status: 'enrolled' });
    });

    it('when the course is still running, then the warning says the trainee cannot complete yet', async () => {
      const course = await makeOpenCourse({ programCode: 'NTVD' });
      const e = await makeEnrollment(course, undefined, { attendance: 0.5, score: 9 });
      const { html } = await openGrid(agent, course.id);
      expect(noteOf(html, 'data-row', e.id)).to.equal('Chuyên cần 50% dưới mức tối thiểu 80%: chưa đủ điều kiện hoàn thành');
    });

    it('when a certificate was issued before the rule to someone short of attendance, then the row says so and stays frozen', async () => {
      const course = await makeEndedCourse({ programCode: 'NTVD' });
      const e = await makeEnrollment(course, undefined, { attendance: 0.7, score: 9, grade: 'excellent', status: 'completed' });
      await makeCertificate(e, { issuedOn: '2094-01-02' });
      const { html } = await openGrid(agent, course.id);
      expect(html).to.not.contain(`name="a_${e.id}"`);
      expect(noteOf(html, 'data-row', e.id)).to.equal('Chuyên cần 70% dưới mức tối thiểu 80%, nhưng giấy chứng nhận đã được cấp: kết quả giữ nguyên; thu hồi giấy nếu cần xét lại.');
      expect(await row(e.id)).to.include({ status: 'completed', grade: 'excellent' });
    });
  });

  describe('in the results import', () => {
    async function courseWith(count: number) {
      const course = await makeEndedCourse({ programCode: 'NTVD' });
      const people = [];
      const enrollments = [];
      for (let i = 0; i < count; i++) {
        const p = await makeTrainee({ fullName: `Đặng Văn ${unique('Q').replace(/\d/g, '')}` });
        people.push(p);
        enrollments.push(await makeEnrollment(course, p));
      }
      return { course, people, enrollments };
    }

    it('when a file gives 9 with 70%, then the preview shows "Không hoàn thành" with the reason on that row, and the commit stores failed', async () => {
      const { course, people, enrollments } = await courseWith(3);
      const file = await rosterXlsx(
        [resultsRow(people[0]!, { score: 9, attendance: 0.7 }), resultsRow(people[1]!, { score: 9, attendance: 0.85 }), resultsRow(people[2]!, { score: 9 })],
        { results: true },
      );
      const { path, page } = await uploadAndPreview(agent, course.id, file, 'kq.xlsx', 'results');
      expect(previewErrors(page.text)).to.deep.equal([]);
      const statusOf = (sheetRow: number) => decode(new RegExp(`<tr data-row="${sheetRow}"[\\s\\S]*?<td data-status>([^<]*)<`).exec(page.text)?.[1] ?? '');
      expect([statusOf(2), statusOf(3), statusOf(4)]).to.deep.equal(['Không hoàn thành', 'Hoàn thành', 'Đang học']);
      expect(noteOf(page.text, 'data-row', 2)).to.equal('Chuyên cần 70% dưới mức tối thiểu 80%: không hoàn thành (điểm 9 vẫn được lưu, xếp loại Không đạt).');
      expect(noteOf(page.text, 'data-row', 3)).to.equal('');
      expect(noteOf(page.text, 'data-row', 4)).to.equal('Chưa có chuyên cần (tối thiểu 80%): chưa xét hoàn thành; điểm vẫn được lưu.');
      const warnings = [...page.text.matchAll(/<tr data-warning-row="(\d+)"[^>]*><td class="num">\d+<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [Number(m[1]), decode(m[2]!)]);
      expect(warnings).to.deep.include.members([[2, 'Chuyên cần (%)'], [4, 'Chuyên cần (%)']]);

      expect((await commitFrom(agent, path)).status).to.equal(303);
      expect(await row(enrollments[0]!.id)).to.deep.equal({ attendance: 0.7, score: 9, grade: 'fail', status: 'failed' });
      expect(await row(enrollments[1]!.id)).to.deep.equal({ attendance: 0.85, score: 9, grade: 'excellent', status: 'completed' });
      expect(await row(enrollments[2]!.id)).to.deep.equal({ attendance: null, score: 9, grade: null, status: 'enrolled' });
    });

    it('when a file says "Hoàn thành" for 9 with 70%, then the mismatch is a warning and the computed result is stored; the API dry run lists the same warning', async () => {
      const { course, people, enrollments } = await courseWith(1);
      const file = await rosterXlsx([resultsRow(people[0]!, { score: 9, attendance: 0.7, status: 'completed' })], { results: true });
      const dry = await supertest(app)
        .post(`/api/v1/courses/${course.id}/results/import?dryRun=true`)
        .set('Authorization', `Bearer ${await staffToken('TTCTVL')}`)
        .attach('file', file, 'kq.xlsx');
      expect(dry.status).to.equal(200);
      const messages = (dry.body.warnings as Array<{ row: number; message: string }>).map((w) => [w.row, w.message]);
      expect(messages).to.deep.include([2, 'Chuyên cần 70% dưới mức tối thiểu 80%: không hoàn thành (điểm 9 vẫn được lưu, xếp loại Không đạt).']);
      expect(messages).to.deep.include([2, 'Kết quả trong tệp là "Hoàn thành" nhưng theo điểm và chuyên cần là "Không hoàn thành"; hệ thống sẽ lưu "Không hoàn thành".']);
      expect(await row(enrollments[0]!.id)).to.include({ status: 'enrolled', score: null });
    });
  });
});
