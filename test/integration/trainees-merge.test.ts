import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { AuditLog, CorrectionRequest, Enrollment, Trainee, User, type Course, type Unit } from '../../server/db/models.js';
import { verifySummaries } from '../../server/summaries/index.js';
import { makeApp } from '../helpers/app.js';
import { makeCertificate } from '../helpers/certificates.js';
import { testDb } from '../helpers/db.js';
import { makeCourse, makeEnrollment, makeToken, makeTrainee, makeUser, randomNationalId, unique } from '../helpers/factories.js';
import { csrfFrom, signIn, type Agent } from '../helpers/http.js';
import { makeUnit } from '../helpers/units.js';

const mergePage = (agent: Agent, keptId: number, duplicateId: number) => agent.get(`/trainees/merge?keptId=${keptId}&duplicateId=${duplicateId}`);

async function post(agent: Agent, path: string, body: Record<string, unknown>) {
  const page = await agent.get('/trainees/merge');
  return agent.post(path).type('form').send({ ...body, _csrf: csrfFrom(page.text) });
}

const traineesOf = async (ids: number[]) => (await Enrollment.findAll({ where: { id: ids }, order: [['id', 'ASC']] })).map((e) => e.traineeId);

describe('merging two records of one person (issue #14 item 8)', () => {
  let app: App;
  let unit: Unit;
  let board: Agent;
  let center: Agent;
  let c1: Course;
  let c2: Course;
  let c3: Course;

  before(async () => {
    app = makeApp();
    unit = await makeUnit({ validFrom: '2080-01-01' });
    board = await signIn(app, (await makeUser({ role: 'admin' })).username);
    center = await signIn(app, (await makeUser({ role: 'center', unitCode: unit.code })).username);
    c1 = await makeCourse({ unitCode: unit.code, startDate: '2080-03-02', endDate: '2080-03-06' });
    c2 = await makeCourse({ unitCode: unit.code, programCode: 'DVM', startDate: '2081-03-02', endDate: '2081-03-06' });
    c3 = await makeCourse({ unitCode: unit.code, programCode: 'LSD', startDate: '2082-03-02', endDate: '2082-03-06' });
  });

  const pair = async () => {
    const name = `Hoàng Thị Gộp ${unique('M').replace(/[^A-Za-z]/g, 'g')}`;
    const kept = await makeTrainee({ fullName: name, nationalId: null, birthDate: '1980-02-02', unitCode: unit.code });
    const duplicate = await makeTrainee({ fullName: name, nationalId: randomNationalId(), birthDate: '1980-02-02', unitCode: unit.code });
    return { kept, duplicate };
  };

  it('when the board merges, then the preview shows both, the duplicate’s rows move in one go, it is audited, hidden, redirected; undo restores exactly', async () => {
    const { kept, duplicate } = await pair();
    const keptEnrollment = await makeEnrollment(c1, kept, { status: 'completed', score: 8, grade: 'good' });
    const moved = [await makeEnrollment(c2, duplicate, { status: 'completed', score: 9, grade: 'excellent' }), await makeEnrollment(c3, duplicate)];
    await makeCertificate(moved[0]!);
    const account = await makeUser({ role: 'trainee', traineeId: duplicate.id });
    const request = await CorrectionRequest.create({ traineeId: duplicate.id, enrollmentId: null, unitId: unit.id, message: 'Sai ngày sinh' });
    const nationalId = duplicate.nationalId;

    const preview = await mergePage(board, kept.id, duplicate.id);
    expect(preview.status).to.equal(200);
    expect(preview.text).to.contain('data-kept').and.contain('data-duplicate').and.contain(`#${kept.id}`).and.contain(`#${duplicate.id}`);
    expect(preview.text).to.contain('<span data-move="enrollments">2</span>').and.contain('<span data-move="certificates">1</span>');
    expect(preview.text).to.contain('<span data-move="accounts">1</span>').and.contain('<span data-move="corrections">1</span>');
    expect(preview.text).to.contain('Số CCCD của hồ sơ trùng chuyển sang hồ sơ giữ lại.');

    const res = await post(board, '/trainees/merge', { keptId: kept.id, duplicateId: duplicate.id });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`/trainees/${kept.id}`);
    expect(await traineesOf([keptEnrollment.id, ...moved.map((e) => e.id)])).to.deep.equal([kept.id, kept.id, kept.id]);
    expect((await User.findByPk(account.id))!.traineeId).to.equal(kept.id);
    expect((await CorrectionRequest.findByPk(request.id))!.traineeId).to.equal(kept.id);
    const dup = (await Trainee.findByPk(duplicate.id))!;
    expect(dup.mergedIntoId).to.equal(kept.id);
    expect(dup.mergedAt).to.be.instanceOf(Date);
    expect(dup.nationalId).to.equal(null);
    expect((await Trainee.findByPk(kept.id))!.nationalId).to.equal(nationalId);
    expect(await verifySummaries(testDb().sequelize)).to.deep.equal([]);

    const entry = (await AuditLog.findOne({ where: { entityType: 'trainee', entityId: kept.id, action: 'merge' } }))!;
    const after = JSON.parse(entry.afterData!) as Record<string, unknown>;
    expect(after).to.include({ duplicateId: duplicate.id, nationalIdMoved: true });
    expect(after.enrollments).to.deep.equal(moved.map((e) => e.id));
    expect(after.accounts).to.deep.equal([account.id]);
    expect(after.corrections).to.deep.equal([request.id]);
    expect(await AuditLog.count({ where: { entityType: 'trainee', entityId: duplicate.id, action: 'merged' } })).to.equal(1);
    // The log reads in words: what moved, counted, and the duplicate by name; no field's raw key.
    const log = (await board.get(`/audit?entityType=trainee&entityId=${kept.id}`)).text.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    expect(log).to.contain('Lượt học chuyển giữa hai hồ sơ: 2 lượt học').and.contain('Lượt học của hồ sơ trùng: 2 lượt học');
    expect(log).to.contain('Tài khoản chuyển giữa hai hồ sơ: 1 tài khoản').and.contain('Chuyển số CCCD sang hồ sơ giữ lại: Có');
    expect(log).to.contain(`Hồ sơ trùng: ${duplicate.fullName}`);
    expect(log).not.to.match(/duplicateEnrollments|keptEnrollments|nationalIdMoved|duplicateId/);

    // Hidden from the list and search; the old link leads to the kept record.
    const list = await center.get(`/trainees?name=${encodeURIComponent(kept.fullName)}`);
    expect(list.text).to.contain(`data-row="${kept.id}"`).and.not.contain(`data-row="${duplicate.id}"`);
    const search = await center.get(`/trainees?q=${encodeURIComponent(kept.fullName)}`);
    expect(search.text).to.contain(`data-hit="${kept.id}"`).and.not.contain(`data-hit="${duplicate.id}"`);
    const old = await center.get(`/trainees/${duplicate.id}`);
    expect(old.status).to.equal(302);
    expect(old.headers.location).to.equal(`/trainees/${kept.id}`);
    // The API the same way: the old id leads to the kept record, which answers in full.
    const token = await makeToken(await makeUser({ role: 'center', unitCode: unit.code }));
    const oldApi = await supertest(app).get(`/api/v1/trainees/${duplicate.id}`).set('Authorization', `Bearer ${token}`);
    expect(oldApi.status).to.equal(302);
    expect(oldApi.headers.location).to.equal(`/api/v1/trainees/${kept.id}`);
    const keptApi = await supertest(app).get(oldApi.headers.location as string).set('Authorization', `Bearer ${token}`);
    expect(keptApi.status).to.equal(200);
    expect((keptApi.body as { trainee: { id: number } }).trainee.id).to.equal(kept.id);

    // Undo: exactly the moved rows go back; the kept record keeps its own.
    const mergeId = after.mergeId as number;
    const undo = await post(board, `/trainees/merges/${mergeId}/undo`, {});
    expect(undo.status).to.equal(303);
    expect(await traineesOf([keptEnrollment.id, ...moved.map((e) => e.id)])).to.deep.equal([kept.id, duplicate.id, duplicate.id]);
    expect((await User.findByPk(account.id))!.traineeId).to.equal(duplicate.id);
    expect((await CorrectionRequest.findByPk(request.id))!.traineeId).to.equal(duplicate.id);
    const back = (await Trainee.findByPk(duplicate.id))!;
    expect(back).to.include({ mergedIntoId: null, mergedAt: null, nationalId });
    expect((await Trainee.findByPk(kept.id))!.nationalId).to.equal(null);
    expect(await verifySummaries(testDb().sequelize)).to.deep.equal([]);
    expect(await AuditLog.count({ where: { entityType: 'trainee', entityId: kept.id, action: 'unmerge' } })).to.equal(1);
    expect((await center.get(`/trainees/${duplicate.id}`)).status).to.equal(200);
    // Twice is refused.
    const again = await post(board, `/trainees/merges/${mergeId}/undo`, {});
    expect(again.status).to.equal(409);
    expect(again.text).to.contain('Lần gộp này đã được hoàn tác rồi.');
  });

  it('when both records are in the same course, or both have an account, then the merge is refused in Vietnamese and nothing moves', async () => {
    const { kept, duplicate } = await pair();
    await makeEnrollment(c1, kept);
    const shared = await makeEnrollment(c1, duplicate);
    const preview = await mergePage(board, kept.id, duplicate.id);
    expect(preview.text).to.contain('data-conflict').and.contain(`hai hồ sơ cùng học lớp “${c1.name}”`);
    const res = await post(board, '/trainees/merge', { keptId: kept.id, duplicateId: duplicate.id });
    expect(res.status).to.equal(409);
    expect(res.text).to.contain('Không gộp được: hai hồ sơ cùng học lớp');
    expect((await Enrollment.findByPk(shared.id))!.traineeId).to.equal(duplicate.id);
    expect((await Trainee.findByPk(duplicate.id))!.mergedIntoId).to.equal(null);

    const other = await pair();
    await makeUser({ role: 'trainee', traineeId: other.kept.id });
    await makeUser({ role: 'trainee', traineeId: other.duplicate.id });
    const twice = await post(board, '/trainees/merge', { keptId: other.kept.id, duplicateId: other.duplicate.id });
    expect(twice.status).to.equal(409);
    expect(twice.text).to.contain('cả hai hồ sơ đều có tài khoản đăng nhập');
    expect((await Trainee.findByPk(other.duplicate.id))!.mergedIntoId).to.equal(null);
  });

  it('when the kept record was edited after the merge, then undo is refused and says why', async () => {
    const { kept, duplicate } = await pair();
    const e = await makeEnrollment(c2, duplicate);
    expect((await post(board, '/trainees/merge', { keptId: kept.id, duplicateId: duplicate.id })).status).to.equal(303);
    const entry = (await AuditLog.findOne({ where: { entityType: 'trainee', entityId: kept.id, action: 'merge' } }))!;
    const mergeId = (JSON.parse(entry.afterData!) as { mergeId: number }).mergeId;
    await Trainee.update({ workplace: 'UBND xã Mới', lockVersion: (await Trainee.findByPk(kept.id))!.lockVersion + 1 }, { where: { id: kept.id } });
    const undo = await post(board, `/trainees/merges/${mergeId}/undo`, {});
    expect(undo.status).to.equal(409);
    expect(undo.text).to.contain('Không hoàn tác được: hồ sơ giữ lại đã thay đổi sau khi gộp');
    expect((await Enrollment.findByPk(e.id))!.traineeId).to.equal(kept.id);
  });

  it('when a center or an anonymous visitor tries to merge, then it is refused and nothing moves', async () => {
    const { kept, duplicate } = await pair();
    expect((await center.get(`/trainees/merge?keptId=${kept.id}&duplicateId=${duplicate.id}`)).status).to.equal(403);
    const page = await center.get('/trainees');
    const res = await center.post('/trainees/merge').type('form').send({ keptId: kept.id, duplicateId: duplicate.id, _csrf: csrfFrom(page.text) });
    expect(res.status).to.equal(403);
    const anonymous = await (await import('supertest')).default(app).post('/trainees/merge').type('form').send({ keptId: kept.id, duplicateId: duplicate.id });
    expect([302, 401, 403]).to.include(anonymous.status);
    expect((await Trainee.findByPk(duplicate.id))!.mergedIntoId).to.equal(null);
  });

  it('when the same record is given twice, then 422 on the duplicate field', async () => {
    const { kept } = await pair();
    const res = await post(board, '/trainees/merge', { keptId: kept.id, duplicateId: kept.id });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Hồ sơ giữ lại và hồ sơ trùng phải là hai hồ sơ khác nhau.');
  });
});
