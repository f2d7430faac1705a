import { expect } from 'chai';
import type { App } from '../../server/app.js';
import { AuditLog, Certificate, Enrollment, ImportBatch } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { makeEndedCourse, makeOpenCourse, makePlannedCourse, staffAgent } from '../helpers/courses.js';
import { makeEnrollment, makeTrainee, unique } from '../helpers/factories.js';
import type { Agent } from '../helpers/http.js';
import { commitFrom, countOf, decode, previewErrors, resultsRow, rosterXlsx, uploadAndPreview } from '../helpers/imports.js';

async function certify(enrollment: Enrollment, unitId: number): Promise<void> {
  const tag = unique('X');
  await Certificate.create({
    enrollmentId: enrollment.id, unitId, year: 2093, seq: Math.floor(Math.random() * 1e6), number: `${tag}/2093/GCN`, issuedOn: '2093-01-01', unitName: 'TT', unitParentBody: 'HU',
    signerName: 'A', signerTitle: 'GIÁM ĐỐC', signerAuthority: null, verifyCode: tag,
  });
}

describe('results import pages', () => {
  let app: App;
  let agent: Agent;
  before(async () => {
    app = makeApp();
    agent = await staffAgent(app);
  });

  async function courseWithPeople(make = makeEndedCourse) {
    const course = await make();
    const people = [];
    for (let i = 0; i < 5; i++) people.push(await makeTrainee({ fullName: `Trần Văn ${unique('K').replace(/\d/g, '')}` }));
    const enrollments = [];
    for (const p of people) enrollments.push(await makeEnrollment(course, p));
    return { course, people, enrollments };
  }

  it('when scores are imported, then grade and status follow the program, unchanged rows stay, and the course page says how many', async () => {
    const { course, people, enrollments } = await courseWithPeople();
    await enrollments[4]!.update({ score: 7, attendance: 1, grade: 'fair', status: 'completed' });
    const file = await rosterXlsx(
      [
        resultsRow(people[0]!, { score: 9.2, attendance: 1 }),
        resultsRow(people[1]!, { score: 8, attendance: 0.95 }),
        resultsRow(people[2]!, { score: 4.5, attendance: 0.9 }),
        resultsRow(people[3]!, { status: 'withdrawn' }),
        resultsRow(people[4]!, { score: 7, attendance: 1 }),
      ],
      { results: true },
    );
    const { path, page } = await uploadAndPreview(agent, course.id, file, 'ket-qua.xlsx', 'results');
    expect(previewErrors(page.text)).to.deep.equal([]);
    expect([countOf(page.text, 'update'), countOf(page.text, 'unchanged'), countOf(page.text, 'notInFile')]).to.deep.equal([4, 1, 0]);
    expect((await commitFrom(agent, path)).status).to.equal(303);
    expect(decode((await agent.get(`/courses/${course.id}`)).text)).to.include('Đã cập nhật kết quả của 4 học viên (1 dòng không thay đổi).');
    const after = await Enrollment.findAll({ where: { courseId: course.id }, order: [['id', 'ASC']] });
    expect(after.map((e) => [Number(e.score ?? NaN), e.grade, e.status])).to.deep.equal([
      [9.2, 'excellent', 'completed'],
      [8, 'good', 'completed'],
      [4.5, 'fail', 'failed'],
      [NaN, null, 'withdrawn'],
      [7, 'fair', 'completed'],
    ]);
    expect(after[3]!.withdrawReason).to.equal('Thôi học (ghi nhận từ tệp kết quả)');
    expect(after[0]!.lockVersion).to.equal(1);
    expect(after[4]!.lockVersion, 'an unchanged row is not written').to.equal(0);
    expect(await ImportBatch.count({ where: { courseId: course.id, kind: 'results' } })).to.equal(1);
    expect(await AuditLog.count({ where: { entityType: 'enrollment', entityId: after.slice(0, 3).map((e) => e.id), action: 'results' } })).to.equal(3);
    expect(await AuditLog.count({ where: { entityType: 'enrollment', entityId: after[3]!.id, action: 'withdraw' } })).to.equal(1);

    const again = await uploadAndPreview(agent, course.id, file, 'ket-qua.xlsx', 'results');
    expect(again.page.text).to.include('Tệp này đã được nhập vào lớp lúc');
    expect(again.page.text).not.to.include('Ghi kết quả</button>');
  });

  it('when a row has a certificate or the person withdrew, then those rows are errors and nothing is written', async () => {
    const { course, people, enrollments } = await courseWithPeople();
    await enrollments[0]!.update({ score: 8, grade: 'good', status: 'completed' });
    await certify(enrollments[0]!, course.unitId);
    await enrollments[1]!.update({ status: 'withdrawn', withdrawReason: 'Chuyển công tác' });
    const file = await rosterXlsx([resultsRow(people[0]!, { score: 9 }), resultsRow(people[1]!, { score: 9 }), resultsRow(people[2]!, { score: 9 })], { results: true });
    const { path, page } = await uploadAndPreview(agent, course.id, file, 'kq.xlsx', 'results');
    expect(previewErrors(page.text)).to.deep.equal([
      [2, '', 'Học viên đã được cấp giấy chứng nhận nên kết quả không sửa được.'],
      [3, '', 'Học viên đã thôi học; không nhập kết quả.'],
    ]);
    expect((await commitFrom(agent, path)).status).to.equal(422);
    const after = await Enrollment.findAll({ where: { courseId: course.id }, order: [['id', 'ASC']] });
    expect(after.map((e) => (e.score === null ? null : Number(e.score)))).to.deep.equal([8, null, null, null, null]);
  });

  it('when a row names someone not in the course, or only by name, then it says so', async () => {
    const { course, people } = await courseWithPeople(makeOpenCourse);
    const stranger = await makeTrainee({ fullName: 'Người Lạ Mặt' });
    const file = await rosterXlsx([resultsRow(stranger, { score: 9 }), resultsRow(people[0]!, { score: 9, nationalId: null, birthDate: null, birthYear: null })], { results: true });
    const { page } = await uploadAndPreview(agent, course.id, file, 'kq.xlsx', 'results');
    expect(previewErrors(page.text)).to.deep.equal([
      [2, 'Họ và tên', 'Không có học viên này trong danh sách lớp.'],
      [3, 'Họ và tên', 'Cần có ngày sinh hoặc số CCCD để xác định học viên.'],
    ]);
  });

  it('when the course has not started, then results cannot be imported', async () => {
    const { course, people } = await courseWithPeople(makePlannedCourse);
    const { page } = await uploadAndPreview(agent, course.id, await rosterXlsx([resultsRow(people[0]!, { score: 9 })], { results: true }), 'kq.xlsx', 'results');
    expect(previewErrors(page.text)).to.deep.equal([[1, '', 'Chỉ nhập kết quả cho lớp đã khai giảng và chưa hủy.']]);
  });

  it('when the results page or the course page is shown, then it links to the results import and a template listing the course', async () => {
    const { course, people } = await courseWithPeople(makeOpenCourse);
    expect((await agent.get(`/courses/${course.id}`)).text).to.include(`href="/courses/${course.id}/imports/results"`);
    expect((await agent.get(`/courses/${course.id}/results`)).text).to.include(`href="/courses/${course.id}/imports/results"`);
    const template = await agent.get(`/courses/${course.id}/results-template.xlsx`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(template.status).to.equal(200);
    // The filled template imports as a results file with every person matched and nothing to change.
    const { page } = await uploadAndPreview(agent, course.id, template.body as Buffer, 'mau.xlsx', 'results');
    expect(previewErrors(page.text)).to.deep.equal([]);
    expect(countOf(page.text, 'unchanged')).to.equal(people.length);
  });
});
