// Issue #3, acceptance: as the Văn Lâm user create a course, enroll three trainees (one found by an unaccented
// name search), enter scores — by page and through the API with a token, where the cycle runs whole: plan
// submitted and approved, course finished, certificates issued, each step in the audit log — and the Văn Giang
// center user gets 404 for every one of those records, by page and by API. The same cycle in a real browser is
// test/e2e/center-cycle.test.ts.
import { expect } from 'chai';
import type { App } from '../../server/app.js';
import { AuditLog, Certificate, Course, Enrollment, Plan, Trainee } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { withSigner } from '../helpers/certificates.js';
import { makeTrainee, programByCode, randomNationalId, unique, unitByCode } from '../helpers/factories.js';
import { apiClient, daysFromToday, staffAgent, staffToken, submitFrom } from '../helpers/courses.js';
import { csrfFrom, type Agent } from '../helpers/http.js';
import { DEFAULT_TARGETS, freshYear } from '../helpers/plans.js';

interface Records {
  courseId: number;
  enrollmentIds: number[];
  traineeIds: number[];
  planId?: number;
  certificateIds?: number[];
}

async function vanGiangGets404Everywhere(app: App, vanGiang: Agent, records: Records) {
  const api = apiClient(app, await staffToken('TTCTVG'));
  const csrf = csrfFrom((await vanGiang.get('/courses')).text);
  const post = (path: string, body: Record<string, unknown>) => vanGiang.post(path).type('form').send({ ...body, _csrf: csrf });
  const { courseId } = records;
  const checks: Array<[string, Promise<{ status: number }>]> = [
    [`page GET /courses/${courseId}`, vanGiang.get(`/courses/${courseId}`)],
    [`page GET /courses/${courseId}/edit`, vanGiang.get(`/courses/${courseId}/edit`)],
    [`page GET /courses/${courseId}/results`, vanGiang.get(`/courses/${courseId}/results`)],
    [`page GET /courses/${courseId}/enrollments/new`, vanGiang.get(`/courses/${courseId}/enrollments/new`)],
    [`page POST /courses/${courseId}`, post(`/courses/${courseId}`, { lockVersion: 0, programId: 1, name: 'X', startDate: '2025-01-01', endDate: '2025-01-02', capacity: 9 })],
    [`page POST /courses/${courseId}/cancel`, post(`/courses/${courseId}/cancel`, { lockVersion: 0, reason: 'X' })],
    [`page POST /courses/${courseId}/finish`, post(`/courses/${courseId}/finish`, { lockVersion: 0 })],
    [`page POST /courses/${courseId}/results`, post(`/courses/${courseId}/results`, { [`v_${records.enrollmentIds[0]}`]: 0, [`s_${records.enrollmentIds[0]}`]: 1 })],
    [`page POST /courses/${courseId}/enrollments`, post(`/courses/${courseId}/enrollments`, { traineeId: records.traineeIds[0] })],
    [`API GET /courses/${courseId}`, api.get(`/courses/${courseId}`)],
    [`API PATCH /courses/${courseId}`, api.patch(`/courses/${courseId}`, { lockVersion: 0, place: 'X' })],
    [`API GET /courses/${courseId}/enrollments`, api.get(`/courses/${courseId}/enrollments`)],
    [`API POST /courses/${courseId}/enrollments`, api.post(`/courses/${courseId}/enrollments`, { traineeId: records.traineeIds[0] })],
  ];
  for (const id of records.enrollmentIds) {
    checks.push([`page GET /enrollments/${id}`, vanGiang.get(`/enrollments/${id}`)]);
    checks.push([`page POST /enrollments/${id}/withdraw`, post(`/enrollments/${id}/withdraw`, { lockVersion: 0, reason: 'X' })]);
    checks.push([`API GET /enrollments/${id}`, api.get(`/enrollments/${id}`)]);
    checks.push([`API PATCH /enrollments/${id}`, api.patch(`/enrollments/${id}`, { lockVersion: 1, score: 1 })]);
  }
  for (const id of records.traineeIds) {
    checks.push([`page GET /trainees/${id}`, vanGiang.get(`/trainees/${id}`)]);
    checks.push([`page GET /trainees/${id}/edit`, vanGiang.get(`/trainees/${id}/edit`)]);
    checks.push([`page POST /trainees/${id}`, post(`/trainees/${id}`, { lockVersion: 0, fullName: 'X' })]);
    checks.push([`API GET /trainees/${id}`, api.get(`/trainees/${id}`)]);
  }
  if (records.planId) {
    const id = records.planId;
    checks.push([`page GET /plans/${id}`, vanGiang.get(`/plans/${id}`)]);
    checks.push([`page GET /plans/${id}/edit`, vanGiang.get(`/plans/${id}/edit`)]);
    checks.push([`page POST /plans/${id}/amend`, post(`/plans/${id}/amend`, { lockVersion: 0 })]);
    checks.push([`API GET /plans/${id}`, api.get(`/plans/${id}`)]);
    checks.push([`API POST /plans/${id}/amend`, api.post(`/plans/${id}/amend`, {})]);
  }
  checks.push([`page GET /courses/${courseId}/certificates`, vanGiang.get(`/courses/${courseId}/certificates`)]);
  checks.push([`page POST /courses/${courseId}/certificates`, post(`/courses/${courseId}/certificates`, {})]);
  checks.push([`API POST /courses/${courseId}/certificates`, api.post(`/courses/${courseId}/certificates`, {})]);
  for (const id of records.certificateIds ?? []) {
    checks.push([`page GET /certificates/${id}`, vanGiang.get(`/certificates/${id}`)]);
    checks.push([`page GET /certificates/${id}.pdf`, vanGiang.get(`/certificates/${id}.pdf`)]);
    checks.push([`page POST /certificates/${id}/revoke`, post(`/certificates/${id}/revoke`, { revokeReason: 'Cấp nhầm người' })]);
    // Even a form that would fail validation: the record's absence is the answer, not the form's errors.
    checks.push([`page POST /certificates/${id}/revoke, no reason`, post(`/certificates/${id}/revoke`, { revokeReason: '' })]);
    checks.push([`page POST /certificates/${id}/reissue`, post(`/certificates/${id}/reissue`, { reissueReason: 'Mất bản gốc' })]);
    checks.push([`API GET /certificates/${id}`, api.get(`/certificates/${id}`)]);
    checks.push([`API POST /certificates/${id}/reissue`, api.post(`/certificates/${id}/reissue`, { reason: 'Mất bản gốc' })]);
    checks.push([`API POST /certificates/${id}/revoke`, api.post(`/certificates/${id}/revoke`, { reason: 'Cấp nhầm người' })]);
  }
  for (const [label, request] of checks) expect((await request).status, label).to.equal(404);
}

describe('acceptance (issue #3): a Văn Lâm course from plan to certificates, invisible to Văn Giang', () => {
  let app: App;
  let vanLam: Agent;
  let vanGiang: Agent;
  before(async () => {
    app = makeApp();
    vanLam = await staffAgent(app, 'TTCTVL');
    vanGiang = await staffAgent(app, 'TTCTVG');
  });

  it('when the Văn Lâm user works through the pages, then the course, three enrollments and their results are stored', async () => {
    // 1. Open the course.
    const name = `Lớp bồi dưỡng nhận thức về Đảng ${unique('AC')}`;
    const created = await submitFrom(vanLam, '/courses/new', '/courses', {
      programId: (await programByCode('NTVD')).id, name, startDate: daysFromToday(-1), endDate: daysFromToday(3), place: 'Hội trường Huyện ủy Văn Lâm', capacity: '90',
    });
    expect(created.status).to.equal(303);
    const course = (await Course.findOne({ where: { name } }))!;
    expect(course.unitId).to.equal((await unitByCode('TTCTVL')).id);
    const enrollPage = `/courses/${course.id}/enrollments/new`;

    // 2a. A person already on file (entered by Khoái Châu), found by an unaccented, lower-case name search.
    const token = unique('h');
    const hang = await makeTrainee({ fullName: `Nguyễn Thị Hằng ${token}`, unitCode: 'TTCTKC', birthDate: '1985-03-08' });
    const search = await vanLam.get(`${enrollPage}?q=${encodeURIComponent(`nguyen thi hang ${token}`)}`);
    expect(search.text).to.contain(`data-hit="${hang.id}"`).and.contain('Nguyễn Thị Hằng');
    expect((await submitFrom(vanLam, `${enrollPage}?q=nguyen+thi+hang+${token}`, `/courses/${course.id}/enrollments`, { traineeId: hang.id, sendingOrg: 'Chi bộ thôn Ngọc Lịch' })).status).to.equal(303);

    // 2b. A person found by citizen ID.
    const binh = await makeTrainee({ fullName: `Đỗ Văn Bình ${unique('b')}`, unitCode: 'TTCTVL' });
    expect((await vanLam.get(`${enrollPage}?q=${binh.nationalId}`)).text).to.contain(`data-hit="${binh.id}"`);
    expect((await submitFrom(vanLam, enrollPage, `/courses/${course.id}/enrollments`, { traineeId: binh.id, sendingOrg: 'Chi bộ Trường THPT Văn Lâm' })).status).to.equal(303);

    // 2c. A new person.
    const nationalId = randomNationalId();
    expect((await submitFrom(vanLam, `${enrollPage}?q=${nationalId}`, `/courses/${course.id}/enrollments`, {
      fullName: `Lê Thị Thu ${unique('t')}`, birth: '02/09/1995', gender: 'female', nationalId, partyStatus: 'masses', workplace: 'Hội LHPN xã Tân Quang', sendingOrg: 'Chi bộ khu phố 2',
    })).status).to.equal(303);
    const thu = (await Trainee.findOne({ where: { nationalId } }))!;

    const enrollments = await Enrollment.findAll({ where: { courseId: course.id }, order: [['id', 'ASC']] });
    expect(enrollments.map((e) => e.traineeId)).to.deep.equal([hang.id, binh.id, thu.id]);

    // 3. Scores for everyone at once.
    const grid = await vanLam.get(`/courses/${course.id}/results`);
    const fields: Record<string, string> = {};
    for (const m of grid.text.matchAll(/name="((?:v|oa|os|a|s)_\d+)" value="([^"]*)"/g)) fields[m[1]!] = m[2]!;
    const [eHang, eBinh, eThu] = enrollments as [Enrollment, Enrollment, Enrollment];
    const saved = await vanLam.post(`/courses/${course.id}/results`).type('form').send({
      ...fields, [`a_${eHang.id}`]: '100', [`s_${eHang.id}`]: '9', [`a_${eBinh.id}`]: '90', [`s_${eBinh.id}`]: '7,5', [`a_${eThu.id}`]: '60', [`s_${eThu.id}`]: '4', _csrf: csrfFrom(grid.text),
    });
    expect(saved.status).to.equal(303);
    const after = await Enrollment.findAll({ where: { courseId: course.id }, order: [['id', 'ASC']] });
    expect(after.map((e) => [Number(e.score), e.grade, e.status])).to.deep.equal([
      [9, 'excellent', 'completed'],
      [7.5, 'fair', 'completed'],
      [4, 'fail', 'failed'],
    ]);
    const page = await vanLam.get(`/courses/${course.id}`);
    expect(page.text).to.match(/data-count="active">3\/90</).and.match(/data-count="completed">2</).and.match(/data-count="failed">1</);

    await vanGiangGets404Everywhere(app, vanGiang, { courseId: course.id, enrollmentIds: after.map((e) => e.id), traineeIds: [hang.id, binh.id, thu.id] });
    expect((await Enrollment.findAll({ where: { courseId: course.id } })).map((e) => e.lockVersion)).to.deep.equal([1, 1, 1]);
    expect((await Course.findByPk(course.id))!.lockVersion).to.equal(0);
  });

  it('when the Văn Lâm user runs the whole cycle through the API with a token, then every record, certificate and audit row results', async () => {
    await withSigner('TTCTVL');
    const api = apiClient(app, await staffToken('TTCTVL'));
    const board = apiClient(app, await staffToken('BTGTU'));

    // 1. The plan: drafted and submitted by Văn Lâm, approved by the board.
    const year = freshYear('TTCTVL');
    const drafted = await api.post('/plans', { year, targets: DEFAULT_TARGETS });
    expect(drafted.status).to.equal(201);
    const planId = drafted.body.plan.id as number;
    const submitted = await api.post(`/plans/${planId}/submit`, { lockVersion: drafted.body.plan.lockVersion });
    expect(submitted.body.plan.status).to.equal('submitted');
    const approved = await board.post(`/plans/${planId}/approve`, { lockVersion: submitted.body.plan.lockVersion });
    expect(approved.status).to.equal(200);
    expect((await Plan.findByPk(planId))!.status).to.equal('approved');

    // 2. The course (a unitCode from a center is ignored), ended a day ago so it can be finished.
    const created = await api.post('/courses', { unitCode: 'TTCTVG', programCode: 'NTVD', startDate: daysFromToday(-5), endDate: daysFromToday(-1), place: 'Hội trường', capacity: 90 });
    expect(created.status).to.equal(201);
    expect(created.body.course.unitCode).to.equal('TTCTVL');
    const courseId = created.body.course.id as number;

    // 3. Three trainees: one found by an unaccented name, one on file by citizen ID, one new.
    const token = unique('h');
    const hang = await makeTrainee({ fullName: `Nguyễn Thị Hằng ${token}`, unitCode: 'TTCTKC' });
    const found = await api.get(`/trainees?q=${encodeURIComponent(`nguyen thi hang ${token}`)}`);
    expect(found.body.trainees.map((t: { id: number }) => t.id)).to.deep.equal([hang.id]);
    const known = await makeTrainee({ unitCode: 'TTCTVL' });
    const posts = [
      await api.post(`/courses/${courseId}/enrollments`, { traineeId: found.body.trainees[0].id, sendingOrg: 'Chi bộ 1' }),
      await api.post(`/courses/${courseId}/enrollments`, { trainee: { fullName: known.fullName, nationalId: known.nationalId }, sendingOrg: 'Chi bộ 2' }),
      await api.post(`/courses/${courseId}/enrollments`, { trainee: { fullName: `Phạm Văn Hùng ${unique('p')}`, birthYear: 1979, gender: 'male', nationalId: randomNationalId() }, sendingOrg: 'Chi bộ 3' }),
    ];
    expect(posts.map((p) => p.status)).to.deep.equal([201, 201, 201]);
    expect(posts.map((p) => p.body.trainee.reused)).to.deep.equal([true, true, false]);
    const enrollmentIds = posts.map((p) => p.body.enrollment.id as number);

    // 4. Scores, then the course is finished.
    const scores = [9.5, 8, 3.5];
    for (const [i, id] of enrollmentIds.entries()) {
      const res = await api.patch(`/enrollments/${id}`, { lockVersion: 0, attendance: 1, score: scores[i] });
      expect(res.status).to.equal(200);
    }
    expect((await api.get(`/courses/${courseId}`)).body.course.counts).to.deep.equal({ enrolled: 3, active: 3, withdrawn: 0, completed: 2, failed: 1, pending: 0 });
    const finished = await api.patch(`/courses/${courseId}`, { lockVersion: created.body.course.lockVersion, finish: true });
    expect(finished.status).to.equal(200);
    expect(finished.body.course.status).to.equal('finished');

    // 5. Certificates for the two who completed, numbered one after the other.
    const issued = await api.post(`/courses/${courseId}/certificates`, {});
    expect(issued.status).to.equal(201);
    const certificates = await Certificate.findAll({ where: { enrollmentId: enrollmentIds }, order: [['seq', 'ASC']] });
    expect(certificates.map((c) => c.enrollmentId).sort()).to.deep.equal(enrollmentIds.slice(0, 2).sort());
    expect(certificates[1]!.seq - certificates[0]!.seq).to.equal(1);
    expect(certificates.every((c) => c.number.endsWith('/GCN-TTCTVL') && c.status === 'valid')).to.equal(true);

    // 6. The audit log has each step.
    const steps = async (entityType: string, ids: number[]) =>
      (await AuditLog.findAll({ where: { entityType, entityId: ids }, order: [['id', 'ASC']] })).map((a) => `${a.entityId} ${a.action}`);
    expect(await steps('plan', [planId])).to.include.members([`${planId} create`, `${planId} submit`, `${planId} approve`]);
    expect(await steps('course', [courseId])).to.include.members([`${courseId} create`, `${courseId} finish`]);
    expect(await steps('enrollment', enrollmentIds)).to.include.members(enrollmentIds.flatMap((id) => [`${id} enroll`, `${id} results`]));
    expect(await steps('certificate', certificates.map((c) => c.id))).to.have.members(certificates.map((c) => `${c.id} issue`));

    await vanGiangGets404Everywhere(app, vanGiang, {
      planId,
      courseId,
      enrollmentIds,
      traineeIds: posts.map((p) => p.body.trainee.id),
      certificateIds: certificates.map((c) => c.id),
    });
    expect((await Enrollment.findAll({ where: { courseId } })).map((e) => Number(e.score)).sort()).to.deep.equal([3.5, 8, 9.5]);
    expect((await Plan.findByPk(planId))!.status).to.equal('approved');
  });
});
