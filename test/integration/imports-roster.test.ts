import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { AuditLog, Enrollment, ImportBatch, ImportUpload, Trainee } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { makeOpenCourse, makePlannedCourse, staffAgent } from '../helpers/courses.js';
import { makeEnrollment, makeTrainee, makeUser } from '../helpers/factories.js';
import { csrfFrom, signIn, type Agent } from '../helpers/http.js';
import { commitFrom, countOf, decode, filledTemplate, previewErrors, rosterCsv, upload, uploadAndPreview } from '../helpers/imports.js';
import { realisticRoster } from '../helpers/rosters.js';

const nationalIds = (rows: Array<{ nationalId: string | null }>) => rows.map((r) => r.nationalId).filter((id): id is string => id !== null);

describe('roster import pages (upload → preview → commit)', () => {
  let app: App;
  let agent: Agent;
  before(async () => {
    app = makeApp();
    agent = await staffAgent(app);
  });

  describe('acceptance: the template filled with 300 realistic rows', () => {
    const people = realisticRoster(300, 4101);

    it('when it is uploaded, then the preview says 300 new trainees and no error, and masks every citizen ID', async () => {
      const course = await makeOpenCourse({ capacity: 400 });
      const { page } = await uploadAndPreview(agent, course.id, await filledTemplate(people), 'Danh sách lớp.xlsx');
      expect(page.status).to.equal(200);
      expect(previewErrors(page.text)).to.deep.equal([]);
      expect(countOf(page.text, 'create')).to.equal(300);
      expect(countOf(page.text, 'error')).to.equal(0);
      expect(page.text).to.include('Danh sách lớp.xlsx');
      for (const id of nationalIds(people)) expect(page.text).not.to.include(id);
      expect(page.text).to.include(`${people.find((p) => p.nationalId)!.nationalId!.slice(0, 4)}******`);
      expect(page.text).to.include('Ghi vào lớp');
      expect(await Trainee.count({ where: { nationalId: nationalIds(people) } }), 'the preview writes nothing').to.equal(0);
    });

    it('when it is committed, then all 300 land in one go and the course page says so', async () => {
      const course = await makeOpenCourse({ capacity: 400 });
      const { path } = await uploadAndPreview(agent, course.id, await filledTemplate(people.map((p) => ({ ...p, nationalId: p.nationalId && `${p.nationalId.slice(0, 11)}${(Number(p.nationalId[11]) + 1) % 10}` }))));
      const res = await commitFrom(agent, path);
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal(`/courses/${course.id}`);
      const page = await agent.get(`/courses/${course.id}`);
      expect(page.text).to.include('Đã nhập 300 học viên (300 người mới, 0 người đã có).');
      const batch = await ImportBatch.findOne({ where: { courseId: course.id, kind: 'roster' } });
      expect(batch).to.include({ rowCount: 300, createdCount: 300, matchedCount: 0, status: 'committed' });
      const enrollments = await Enrollment.findAll({ where: { courseId: course.id } });
      expect(enrollments).to.have.length(300);
      expect(enrollments.every((e) => e.importBatchId === batch!.id && e.status === 'enrolled')).to.equal(true);
      const trainees = await Trainee.findAll({ where: { id: enrollments.map((e) => e.traineeId) } });
      expect(trainees.map((t) => t.fullName).sort()).to.deep.equal(people.map((p) => p.fullName).sort());
      expect(trainees.every((t) => t.createdByUnitId === course.unitId)).to.equal(true);
      expect(trainees.every((t) => Math.abs(t.createdAt.getTime() - Date.now()) < 60_000 && t.lockVersion === 0), 'timestamps and defaults as a model insert writes them').to.equal(true);
      expect(enrollments.every((e) => Math.abs(e.createdAt.getTime() - Date.now()) < 60_000)).to.equal(true);
      expect(await AuditLog.count({ where: { action: 'import', entityType: 'course', entityId: course.id } })).to.equal(1);
      expect(await AuditLog.count({ where: { action: 'enroll', entityType: 'enrollment', entityId: enrollments.map((e) => e.id) } })).to.equal(300);
      expect(await AuditLog.count({ where: { action: 'create', entityType: 'trainee', entityId: trainees.map((t) => t.id) } })).to.equal(300);
      expect(await ImportUpload.count({ where: { courseId: course.id } }), 'the kept file is dropped with the commit').to.equal(0);
    });

    it('when three rows are broken, then the preview lists exactly those three with their reasons, and nothing can be written', async () => {
      const course = await makeOpenCourse({ capacity: 400 });
      const broken = people.map((p) => ({ ...p }));
      broken[9] = { ...broken[9]!, birthDate: '1990-02-31', birthYear: 1990 }; // spreadsheet row 11
      broken[99] = { ...broken[99]!, nationalId: '12345' }; // row 101
      broken[249] = { ...broken[249]!, phone: '0912' }; // row 251
      const { path, page } = await uploadAndPreview(agent, course.id, await filledTemplate(broken));
      expect(previewErrors(page.text)).to.deep.equal([
        [11, 'Ngày sinh', 'Ngày "31/02/1990" không hợp lệ. Ghi theo dạng dd/mm/yyyy (ví dụ 17/05/1990) hoặc chỉ năm (1990).'],
        [101, 'Số CCCD', 'Số CCCD phải gồm đúng 12 chữ số (ô này có 5 chữ số).'],
        [251, 'Điện thoại', 'Số điện thoại "0912" không hợp lệ (cần 10 chữ số, bắt đầu bằng 0).'],
      ]);
      expect(countOf(page.text, 'error')).to.equal(3);
      expect(countOf(page.text, 'create')).to.equal(297);
      expect(page.text).not.to.include('Ghi vào lớp</button>');
      const forced = await commitFrom(agent, path);
      expect(forced.status).to.equal(422);
      expect(decode(forced.text)).to.include('Không ghi được: tệp có 3 lỗi');
      expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(0);
      expect(await ImportBatch.count({ where: { courseId: course.id } })).to.equal(0);
      expect(await Trainee.count({ where: { nationalId: nationalIds(broken) } })).to.equal(0);
    });
  });

  it('when a name arrives decomposed (NFD, from a Mac), then it is stored composed (NFC)', async () => {
    const course = await makeOpenCourse();
    const [person] = realisticRoster(1, 4102);
    const nfd = { ...person!, fullName: 'Nguyễn Thị Hằng Nga'.normalize('NFD'), nationalId: null, sendingOrg: 'Chi bộ thôn Đình Dù'.normalize('NFD') };
    const { path } = await uploadAndPreview(agent, course.id, await rosterCsv([nfd]), 'mac.csv');
    expect((await commitFrom(agent, path)).status).to.equal(303);
    const [enrollment] = await Enrollment.findAll({ where: { courseId: course.id } });
    const trainee = await Trainee.findByPk(enrollment!.traineeId);
    expect(trainee!.fullName).to.equal('Nguyễn Thị Hằng Nga'.normalize('NFC'));
    expect(trainee!.fullName).not.to.equal(nfd.fullName);
    expect(trainee!.searchName).to.equal('nguyen thi hang nga');
    expect(enrollment!.sendingOrg).to.equal('Chi bộ thôn Đình Dù'.normalize('NFC'));
  });

  it('when a citizen ID is on file, then its person is enrolled (not doubled), and someone already in the course is skipped', async () => {
    const course = await makeOpenCourse();
    const known = await makeTrainee({ fullName: 'Phạm Thị Lan', unitCode: 'TTCTKC' });
    const enrolled = await makeTrainee({ fullName: 'Vũ Đức Anh' });
    await makeEnrollment(course, enrolled);
    const [fresh] = realisticRoster(1, 4103);
    const file = await rosterCsv([
      { ...fresh!, fullName: 'Phạm Thị Lan', birthDate: '1990-05-17', birthYear: 1990, gender: null, nationalId: known.nationalId },
      { ...fresh!, fullName: 'Vũ Đức Anh', birthDate: '1990-05-17', birthYear: 1990, gender: null, nationalId: enrolled.nationalId },
      fresh!,
    ]);
    const { path, page } = await uploadAndPreview(agent, course.id, file, 'ds.csv');
    expect([countOf(page.text, 'create'), countOf(page.text, 'match'), countOf(page.text, 'already')]).to.deep.equal([1, 1, 1]);
    expect((await commitFrom(agent, path)).status).to.equal(303);
    expect((await agent.get(`/courses/${course.id}`)).text).to.include('Đã nhập 2 học viên (1 người mới, 1 người đã có); 1 người đã có trong lớp từ trước.');
    expect(await Trainee.count({ where: { nationalId: known.nationalId } })).to.equal(1);
    const rows = await Enrollment.findAll({ where: { courseId: course.id }, order: [['id', 'ASC']] });
    expect(rows.map((r) => r.traineeId).slice(0, 2)).to.deep.equal([enrolled.id, known.id]);
    expect(await Trainee.count({ where: { nationalId: fresh!.nationalId } })).to.equal(1);
  });

  it('when someone enters a person of the file between preview and commit, then the commit enrolls that person instead of failing or doubling', async () => {
    const course = await makeOpenCourse();
    const people = realisticRoster(3, 4104).map((p, i) => ({ ...p, nationalId: `0331900${String(41040 + i)}` }));
    const { path, page } = await uploadAndPreview(agent, course.id, await rosterCsv(people), 'ds.csv');
    expect(countOf(page.text, 'create')).to.equal(3);
    const meanwhile = await makeTrainee({ fullName: people[1]!.fullName, nationalId: people[1]!.nationalId, unitCode: 'TTCTKC' });
    expect((await commitFrom(agent, path)).status).to.equal(303);
    expect((await agent.get(`/courses/${course.id}`)).text).to.include('Đã nhập 3 học viên (2 người mới, 1 người đã có).');
    expect(await Trainee.count({ where: { nationalId: people[1]!.nationalId } })).to.equal(1);
    expect(await Enrollment.count({ where: { courseId: course.id, traineeId: meanwhile.id } })).to.equal(1);
  });

  describe('idempotency', () => {
    it('when the same file is committed twice, then the second time adds nothing and says so', async () => {
      const course = await makeOpenCourse();
      const file = await rosterCsv(realisticRoster(5, 4105));
      const first = await uploadAndPreview(agent, course.id, file, 'ds.csv');
      expect((await commitFrom(agent, first.path)).status).to.equal(303);
      const second = await uploadAndPreview(agent, course.id, file, 'ds-lan-2.csv');
      expect(second.page.text).to.include('Tệp này đã được nhập vào lớp lúc');
      expect(second.page.text).not.to.include('Ghi vào lớp</button>');
      const res = await agent.post(second.path).type('form').send({ _csrf: csrfFrom(second.page.text) });
      expect(res.status).to.equal(303);
      expect(decode((await agent.get(`/courses/${course.id}`)).text)).to.match(/Tệp "ds(-lan-2)?\.csv" đã được nhập vào lớp này lúc .*; lần này không có gì được thêm\./);
      expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(5);
      expect(await ImportBatch.count({ where: { courseId: course.id } })).to.equal(1);
    });

    it('when the commit button is pressed twice at once, then one import happens and both answers land on the course page', async () => {
      const course = await makeOpenCourse();
      const people = realisticRoster(40, 4106);
      const { path, page } = await uploadAndPreview(agent, course.id, await rosterCsv(people), 'ds.csv');
      const token = csrfFrom(page.text);
      const [a, b] = await Promise.all([agent.post(path).type('form').send({ _csrf: token }), agent.post(path).type('form').send({ _csrf: token })]);
      expect([a.status, b.status]).to.deep.equal([303, 303]);
      expect(a.headers.location).to.equal(`/courses/${course.id}`);
      expect(b.headers.location).to.equal(`/courses/${course.id}`);
      expect(await ImportBatch.count({ where: { courseId: course.id } })).to.equal(1);
      expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(40);
      expect(await Trainee.count({ where: { nationalId: nationalIds(people) } })).to.equal(nationalIds(people).length);
      // Both answers set a flash in the same session at once: the one saved last is shown.
      expect(decode((await agent.get(`/courses/${course.id}`)).text)).to.match(/Đã nhập 40 học viên|lần này không có gì được thêm/);
    });
  });

  it('when the roster is bigger than the seats left, then the preview names the capacity and the commit is refused', async () => {
    const course = await makeOpenCourse({ capacity: 6 });
    await makeEnrollment(course);
    const { path, page } = await uploadAndPreview(agent, course.id, await rosterCsv(realisticRoster(8, 4107)), 'ds.csv');
    expect(previewErrors(page.text)).to.deep.equal([
      [1, '', 'Lớp chỉ còn 5 chỗ (sức chứa 6 học viên) nhưng tệp có 8 học viên cần ghi danh. Hãy tăng sức chứa của lớp hoặc bớt học viên trong tệp.'],
    ]);
    expect((await commitFrom(agent, path)).status).to.equal(422);
    expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(1);
  });

  it('when the file is not a spreadsheet, too long or missing, then the form says why (never a 500)', async () => {
    const course = await makePlannedCourse();
    const pdf = await upload(agent, course.id, Buffer.from('%PDF-1.4 nothing'), 'ds.xlsx');
    expect(pdf.status).to.equal(422);
    expect(decode(pdf.text)).to.include('Tệp này không phải bảng tính.');
    const header = 'Họ và tên,Ngày sinh\r\n';
    const long = await upload(agent, course.id, Buffer.from(header + 'Nguyễn Văn An,1990\r\n'.repeat(10_001)), 'dai.csv');
    expect(long.status).to.equal(413);
    expect(decode(long.text)).to.include('Tệp có quá nhiều dòng: mỗi lần nhập tối đa 10000 dòng.');
    expect(long.text).to.include('type="file"');
    const form = await agent.get(`/courses/${course.id}/imports/roster`);
    const none = await agent.post(`/courses/${course.id}/imports/roster`).field('_csrf', csrfFrom(form.text));
    expect(none.status).to.equal(422);
    expect(decode(none.text)).to.include('Hãy chọn tệp cần nhập.');
    expect(await ImportUpload.count({ where: { courseId: course.id } })).to.equal(0);
  });

  it('when a file is over 5 MB, then 413 with a message', async () => {
    const course = await makePlannedCourse();
    const res = await upload(agent, course.id, Buffer.alloc(5 * 1024 * 1024 + 10, 'a'), 'lon.csv');
    expect(res.status).to.equal(413);
    expect(decode(res.text)).to.include('quá lớn');
  });

  describe('who may import', () => {
    it("when staff of another unit open any import page of this course, then 404 and nothing is kept", async () => {
      const course = await makeOpenCourse();
      const mine = await uploadAndPreview(agent, course.id, await rosterCsv(realisticRoster(2, 4108)), 'ds.csv');
      const other = await staffAgent(app, 'TTCTKC');
      expect((await other.get(`/courses/${course.id}/imports/roster`)).status).to.equal(404);
      expect((await other.get(mine.path)).status).to.equal(404);
      const token = csrfFrom((await other.get('/courses')).text);
      expect((await other.post(mine.path).type('form').send({ _csrf: token })).status).to.equal(404);
      expect((await other.post(`/courses/${course.id}/imports/roster`).field('_csrf', token).attach('file', Buffer.from('Họ và tên\r\nA\r\n'), 'x.csv')).status).to.equal(404);
      expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(0);
    });

    it('when a colleague of the same unit opens my preview, then it is not found (each user sees their own uploads)', async () => {
      const course = await makeOpenCourse();
      const mine = await uploadAndPreview(agent, course.id, await rosterCsv(realisticRoster(2, 4109)), 'ds.csv');
      const colleague = await staffAgent(app);
      const res = await colleague.get(mine.path);
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal(`/courses/${course.id}/imports/roster`);
    });

    it('when an anonymous visitor or a trainee tries, then sign-in (401 for an upload) or 403', async () => {
      const course = await makeOpenCourse();
      const anonymous = await supertest(app).get(`/courses/${course.id}/imports/roster`);
      expect(anonymous.status).to.equal(303);
      expect(anonymous.headers.location).to.equal('/login');
      expect((await supertest(app).post(`/courses/${course.id}/imports/roster`).attach('file', Buffer.from('x'), 'x.csv')).status).to.equal(401);
      const person = await makeTrainee();
      const trainee = await signIn(app, (await makeUser({ role: 'trainee', traineeId: person.id })).username);
      expect((await trainee.get(`/courses/${course.id}/imports/roster`)).status).to.equal(403);
    });
  });

  it('when the course page is shown to staff, then it offers the roster import and the template', async () => {
    const course = await makeOpenCourse();
    const page = await agent.get(`/courses/${course.id}`);
    expect(page.text).to.include(`href="/courses/${course.id}/imports/roster"`);
    expect(page.text).to.include('Nhập danh sách từ Excel');
    expect(page.text).to.include('href="/imports/template.xlsx"');
  });
});
