import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { AuditLog, Enrollment, ImportBatch, Trainee } from '../../server/db/models.js';
import { seededRandom } from '../../server/lib/random.js';
import { makeApp } from '../helpers/app.js';
import { makeEndedCourse, makeOpenCourse, staffToken } from '../helpers/courses.js';
import { makeEnrollment, makeTrainee, unique } from '../helpers/factories.js';
import { resultsRow, rosterCsv, rosterXlsx } from '../helpers/imports.js';
import { realisticRoster } from '../helpers/rosters.js';

const ids = (rows: Array<{ nationalId: string | null }>) => rows.map((r) => r.nationalId).filter((id): id is string => id !== null);

describe('API: POST /api/v1/courses/:id/enrollments/import', () => {
  let app: App;
  let token: string;
  before(async () => {
    app = makeApp();
    token = await staffToken();
  });
  const post = (courseId: number, file: Buffer | null, query = '', name = 'ds.xlsx', bearer = token) => {
    const req = supertest(app).post(`/api/v1/courses/${courseId}/enrollments/import${query}`).set('Authorization', `Bearer ${bearer}`);
    return file ? req.attach('file', file, name) : req;
  };

  it('when a dry run is asked, then it answers what would happen and writes nothing', async () => {
    const course = await makeOpenCourse();
    const known = await makeTrainee({ fullName: 'Đỗ Thị Mai' });
    const people = realisticRoster(12, 4301);
    people[0] = { ...people[0]!, fullName: 'Đỗ Thị Mai', birthDate: '1990-05-17', birthYear: 1990, gender: null, nationalId: known.nationalId };
    const res = await post(course.id, await rosterXlsx(people), '?dryRun=true');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.include({ dryRun: true, created: 11, matched: 1, alreadyInCourse: 0, rows: 12, errors: [], canCommit: true, alreadyImported: false, batchId: null });
    expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(0);
    expect(await Trainee.count({ where: { nationalId: ids(people.slice(1)) } })).to.equal(0);
  });

  it('when a valid file is posted, then 201 with the counts, the rows exist; the same file again creates nothing and says so', async () => {
    const course = await makeOpenCourse();
    const people = realisticRoster(25, 4302);
    const file = await rosterCsv(people);
    const res = await post(course.id, file, '', 'ds.csv');
    expect(res.status).to.equal(201);
    expect(res.body).to.deep.include({ dryRun: false, created: 25, matched: 0, alreadyInCourse: 0, errors: [], alreadyImported: false });
    const batch = await ImportBatch.findByPk(res.body.batchId as number);
    expect(batch).to.include({ courseId: course.id, kind: 'roster', createdCount: 25 });
    expect(await Enrollment.count({ where: { courseId: course.id, importBatchId: batch!.id } })).to.equal(25);
    expect(await Trainee.count({ where: { nationalId: ids(people) } })).to.equal(ids(people).length);

    const again = await post(course.id, file, '', 'ds.csv');
    expect(again.status).to.equal(200);
    expect(again.body).to.deep.include({ created: 0, matched: 0, alreadyImported: true, batchId: batch!.id });
    expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(25);
    expect(await ImportBatch.count({ where: { courseId: course.id } })).to.equal(1);
  });

  it('when the file has errors, then 422 with each row, column and message, and nothing is imported', async () => {
    const course = await makeOpenCourse();
    const people = realisticRoster(10, 4303);
    people[3] = { ...people[3]!, email: 'khong-phai-email' };
    const res = await post(course.id, await rosterXlsx(people));
    expect(res.status).to.equal(422);
    expect(res.body.error.kind).to.equal('invalid');
    expect(res.body).to.deep.include({ created: 0, matched: 0, canCommit: false });
    expect(res.body.errors).to.deep.equal([{ row: 5, column: 'Email', message: 'Email "khong-phai-email" không hợp lệ.' }]);
    expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(0);
    expect(await ImportBatch.count({ where: { courseId: course.id } })).to.equal(0);
  });

  it("when another unit's course is named, then 404; without a token, 401; and nothing is written", async () => {
    const course = await makeOpenCourse({ unitCode: 'TTCTKC' });
    const file = await rosterCsv(realisticRoster(2, 4305));
    expect((await post(course.id, file, '', 'ds.csv')).status).to.equal(404);
    const anonymous = await supertest(app).post(`/api/v1/courses/${course.id}/enrollments/import`).attach('file', file, 'ds.csv');
    expect(anonymous.status).to.equal(401);
    expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(0);
  });

  it('when the upload is not a spreadsheet, is missing, too big or too long, then 422 or 413 in the standard error body', async () => {
    const course = await makeOpenCourse();
    const pdf = await post(course.id, Buffer.from('%PDF-1.7\n...'), '', 'ds.xlsx');
    expect(pdf.status).to.equal(422);
    expect(pdf.body.error.message).to.equal('Tệp này không phải bảng tính. Hệ thống chỉ nhận tệp Excel (.xlsx) hoặc CSV (UTF-8).');
    const missing = await post(course.id, null);
    expect(missing.status).to.equal(422);
    expect(missing.body.error.fields).to.deep.equal({ file: 'Hãy chọn tệp cần nhập.' });
    // A form field beside (or instead of) the file is not something the import takes.
    const field = await post(course.id, null).field('x', '1');
    expect(field.status).to.equal(400);
    expect(field.body.error.fields).to.deep.equal({ x: 'Không có tham số hoặc trường này.' });
    const big = await post(course.id, Buffer.alloc(5 * 1024 * 1024 + 1, 'x'), '', 'lon.csv');
    expect(big.status).to.equal(413);
    expect(big.body.error.kind).to.equal('too_large');
    const long = await post(course.id, Buffer.from(`Họ và tên,Ngày sinh\n${'Lê Văn An,1990\n'.repeat(10_001)}`), '', 'dai.csv');
    expect(long.status).to.equal(413);
    expect(long.body.error.message).to.equal('Tệp có quá nhiều dòng: mỗi lần nhập tối đa 10000 dòng. Hãy chia danh sách thành nhiều tệp.');
    expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(0);
  });

  it('when the course is full for this file, then 422 naming the capacity', async () => {
    const course = await makeOpenCourse({ capacity: 3 });
    const res = await post(course.id, await rosterCsv(realisticRoster(4, 4306)), '', 'ds.csv');
    expect(res.status).to.equal(422);
    expect(res.body.errors).to.deep.equal([
      { row: 1, column: '', message: 'Lớp chỉ còn 3 chỗ (sức chứa 3 học viên) nhưng tệp có 4 học viên cần ghi danh. Hãy tăng sức chứa của lớp hoặc bớt học viên trong tệp.' },
    ]);
  });

  it('when the OpenAPI document is read, then it describes both imports as multipart uploads', async () => {
    const doc = (await supertest(app).get('/api/openapi.json')).body as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> }; responses: Record<string, unknown> }>> };
    for (const path of ['/courses/{id}/enrollments/import', '/courses/{id}/results/import']) {
      const op = doc.paths[path]!.post!;
      expect(Object.keys(op.requestBody!.content), path).to.deep.equal(['multipart/form-data']);
      expect(Object.keys(op.responses), path).to.include.members(['200', '201', '413', '422']);
    }
  });

  describe('fuzz: damaged files through HTTP', () => {
    const ALLOWED = [200, 201, 409, 413, 422];

    function mutate(base: Buffer, r: ReturnType<typeof seededRandom>): Buffer {
      const b = Buffer.from(base);
      switch (r.int(0, 5)) {
        case 0: // flip bytes
          for (let i = 0, n = r.int(1, 40); i < n; i++) b[r.int(0, b.length - 1)] = r.int(0, 255);
          return b;
        case 1: // cut
          return b.subarray(0, r.int(1, b.length - 1));
        case 2: // splice a chunk elsewhere
          {
            const from = r.int(0, b.length - 64);
            const to = r.int(0, b.length - 1);
            return Buffer.concat([b.subarray(0, to), b.subarray(from, from + r.int(1, 64)), b.subarray(to)]);
          }
        case 3: // random garbage of the same size
          return Buffer.from(Array.from({ length: Math.min(b.length, 4096) }, () => r.int(0, 255)));
        case 4: // text-level damage: quotes, separators, control characters
          {
            const text = b.toString('utf8');
            const at = r.int(0, text.length - 1);
            return Buffer.from(text.slice(0, at) + r.pick(['"', '""', ';', ',', '\r', '\u0000', '\uFFFD', '=cmd|', '"\n"', '\u200B']).repeat(r.int(1, 30)) + text.slice(at), 'utf8');
          }
        default: // a zip with a damaged middle
          b.fill(0, r.int(0, Math.floor(b.length / 2)), r.int(Math.floor(b.length / 2), b.length));
          return b;
      }
    }

    it('when 48 seeded mutations of valid files are posted (dry runs and commits), then every answer is 200/201/409/413/422, never a 500', async function () {
      this.timeout(120_000);
      const r = seededRandom(4307);
      const people = realisticRoster(60, 4307);
      const bases = [await rosterXlsx(people), await rosterCsv(people), await rosterCsv(people, { delimiter: ';' })];
      const statuses = new Map<number, number>();
      for (let i = 0; i < 48; i++) {
        const course = await makeOpenCourse({ capacity: 200 });
        const base = bases[i % bases.length]!;
        const file = mutate(base, r);
        const res = await post(course.id, file, i % 2 === 0 ? '?dryRun=true' : '', i % 3 === 0 ? 'ds.xlsx' : 'ds.csv');
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(ALLOWED, `case ${i}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`).to.include(res.status);
        expect(res.body, `case ${i} answers JSON`).to.be.an('object');
        if (res.status !== 201) expect(await ImportBatch.count({ where: { courseId: course.id } }), `case ${i} wrote nothing`).to.equal(0);
      }
      expect(statuses.size, `several outcomes: ${JSON.stringify([...statuses])}`).to.be.at.least(2);
    });
  });
});

describe('API: POST /api/v1/courses/:id/results/import', () => {
  let app: App;
  let token: string;
  before(async () => {
    app = makeApp();
    token = await staffToken();
  });
  const post = (courseId: number, file: Buffer, query = '', bearer: string | null = token) => {
    const req = supertest(app).post(`/api/v1/courses/${courseId}/results/import${query}`);
    if (bearer) req.set('Authorization', `Bearer ${bearer}`);
    return req.attach('file', file, 'ket-qua.xlsx');
  };
  /** An ended NTVD course of Văn Lâm with three people enrolled, and a results file for them. */
  async function course(unitCode = 'TTCTVL') {
    const c = await makeEndedCourse({ unitCode });
    const people = [];
    for (let i = 0; i < 3; i++) people.push(await makeTrainee({ fullName: `Vũ Thị ${unique('R').replace(/\d/g, '')}` }));
    for (const p of people) await makeEnrollment(c, p);
    const file = await rosterXlsx(
      [resultsRow(people[0]!, { attendance: 1, score: 9 }), resultsRow(people[1]!, { attendance: 0.9, score: 7.5 }), resultsRow(people[2]!, { attendance: 1, score: 3 })],
      { results: true },
    );
    return { course: c, people, file };
  }
  const stored = async (courseId: number) =>
    (await Enrollment.findAll({ where: { courseId }, order: [['id', 'ASC']] })).map((e) => [e.score === null ? null : Number(e.score), e.grade, e.status]);

  it('when a dry run is asked, then it says three would be updated and changes nothing', async () => {
    const { course: c, file } = await course();
    const res = await post(c.id, file, '?dryRun=true');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.include({ dryRun: true, rows: 3, updated: 3, unchanged: 0, notInFile: 0, errors: [], canCommit: true, alreadyImported: false, batchId: null });
    expect(await stored(c.id)).to.deep.equal([[null, null, 'enrolled'], [null, null, 'enrolled'], [null, null, 'enrolled']]);
  });

  it('when the file is committed, then 201, grades and statuses follow the program, each change is audited; the same file again changes nothing', async () => {
    const { course: c, file } = await course();
    const res = await post(c.id, file);
    expect(res.status).to.equal(201);
    expect(res.body).to.deep.include({ dryRun: false, updated: 3, unchanged: 0, errors: [], alreadyImported: false });
    expect(await stored(c.id)).to.deep.equal([[9, 'excellent', 'completed'], [7.5, 'fair', 'completed'], [3, 'fail', 'failed']]);
    expect(await ImportBatch.findByPk(res.body.batchId as number)).to.include({ courseId: c.id, kind: 'results' });
    const ids = (await Enrollment.findAll({ where: { courseId: c.id }, attributes: ['id'] })).map((e) => e.id);
    expect(await AuditLog.count({ where: { entityType: 'enrollment', action: 'results', entityId: ids } })).to.equal(3);

    const again = await post(c.id, file);
    expect(again.status).to.equal(200);
    expect(again.body).to.deep.include({ updated: 0, alreadyImported: true, batchId: res.body.batchId });
    expect(await ImportBatch.count({ where: { courseId: c.id } })).to.equal(1);
  });

  it('when a row has an impossible score, then 422 names its row and column, and no result is written', async () => {
    const { course: c, people } = await course();
    const file = await rosterXlsx([resultsRow(people[0]!, { attendance: 1, score: 9 }), resultsRow(people[1]!, { attendance: 1, score: 12 })], { results: true });
    const res = await post(c.id, file);
    expect(res.status).to.equal(422);
    expect(res.body.error.kind).to.equal('invalid');
    expect(res.body).to.deep.include({ updated: 0, canCommit: false });
    expect(res.body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).to.deep.equal([[3, 'Điểm']]);
    expect(await stored(c.id)).to.deep.equal([[null, null, 'enrolled'], [null, null, 'enrolled'], [null, null, 'enrolled']]);
  });

  it("when another unit's course is named, then 404; without a token, 401; and nothing changes", async () => {
    const { course: c, file } = await course('TTCTKC');
    expect((await post(c.id, file)).status).to.equal(404);
    expect((await post(c.id, file, '?dryRun=true')).status).to.equal(404);
    expect((await post(c.id, file, '', null)).status).to.equal(401);
    expect(await ImportBatch.count({ where: { courseId: c.id } })).to.equal(0);
    expect(await stored(c.id)).to.deep.equal([[null, null, 'enrolled'], [null, null, 'enrolled'], [null, null, 'enrolled']]);
  });
});
