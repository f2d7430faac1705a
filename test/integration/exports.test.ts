import { expect } from 'chai';
import ExcelJS from 'exceljs';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { AuditLog, Enrollment, Trainee } from '../../server/db/models.js';
import { progressReport } from '../../server/reports/index.js';
import { makeApp } from '../helpers/app.js';
import { actorOf } from '../helpers/certificates.js';
import { makeEndedCourse, makeOpenCourse, staffAgent } from '../helpers/courses.js';
import { makeCourse, makeEnrollment, makeTrainee, makeUser, unitByCode } from '../helpers/factories.js';
import { signIn, type Agent } from '../helpers/http.js';
import { commitFrom, decode, previewErrors, rosterXlsx, uploadAndPreview } from '../helpers/imports.js';
import { buildReportFixture } from '../helpers/report-fixture.js';
import { realisticRoster } from '../helpers/rosters.js';

const YEAR = 2039;

function binary(res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
const download = (agent: Agent, path: string) => agent.get(path).buffer(true).parse(binary as never);

async function sheetOf(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook.worksheets[0]!;
}
/** The row whose first cells are the header, found by one of its headers. */
function headerRowOf(sheet: ExcelJS.Worksheet, header: string): number {
  for (let r = 1; r <= 5; r++) if ((sheet.getRow(r).values as unknown[]).includes(header)) return r;
  throw new Error(`no header ${header}`);
}
const csvLines = (buffer: Buffer) => buffer.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');

describe('exports of lists and report tables', () => {
  let app: App;
  let agent: Agent;
  before(async () => {
    app = makeApp();
    agent = await staffAgent(app);
  });

  it('when the courses list is downloaded with a year filter, then .xlsx has Vietnamese headers, numbers as numbers and dates as dates, and only that year', async () => {
    const course = await makeCourse({ startDate: `${YEAR}-03-02`, endDate: `${YEAR}-03-06`, capacity: 85 });
    await makeEnrollment(course, undefined, { status: 'completed', score: 8, grade: 'good' });
    await makeCourse({ startDate: `${YEAR + 1}-03-02`, endDate: `${YEAR + 1}-03-06` });
    await makeCourse({ unitCode: 'TTCTKC', startDate: `${YEAR}-04-02`, endDate: `${YEAR}-04-06` });
    const res = await download(agent, `/courses.xlsx?year=${YEAR}`);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).to.equal(`attachment; filename=danh-sach-lop-${YEAR}.xlsx`);
    const sheet = await sheetOf(res.body as Buffer);
    const h = headerRowOf(sheet, 'Tên lớp');
    expect((sheet.getRow(h).values as unknown[]).slice(1, 6)).to.deep.equal(['STT', 'Tên lớp', 'Đơn vị', 'Mã chương trình', 'Chương trình']);
    const data = sheet.getRow(h + 1);
    expect(sheet.rowCount, 'one course of that year in this unit').to.equal(h + 1);
    expect(data.getCell(2).value).to.equal(course.name);
    expect(data.getCell(6).value).to.be.instanceOf(Date);
    expect((data.getCell(6).value as Date).toISOString().slice(0, 10)).to.equal(`${YEAR}-03-02`);
    expect(data.getCell(6).numFmt).to.equal('dd/mm/yyyy');
    expect(data.getCell(9).value).to.equal(85);
    expect(data.getCell(10).value).to.equal(1);
    expect(data.getCell(15).value).to.equal('Đã kết thúc');

    const csv = csvLines((await download(agent, `/courses.csv?year=${YEAR}`)).body as Buffer);
    expect(csv[0]).to.equal('STT,Tên lớp,Đơn vị,Mã chương trình,Chương trình,Ngày khai giảng,Ngày kết thúc,Địa điểm,Sức chứa,Số học viên (lượt),Đang học,Hoàn thành,Không đạt,Thôi học,Trạng thái');
    expect(csv[1]).to.include(`,02/03/${YEAR},06/03/${YEAR},`);
    expect(decode((await agent.get(`/courses?year=${YEAR}`)).text)).to.include(`href="/courses.xlsx?year=${YEAR}"`);
    expect((await agent.get('/trainees')).text).to.include('href="/trainees.csv"');
  });

  it('when a roster holds text that looks like a formula, then the .xlsx keeps it as plain text and the CSV escapes it', async () => {
    const course = await makeOpenCourse();
    const trainee = await makeTrainee({ fullName: 'Lê Văn Công Thức' });
    await trainee.update({ workplace: '=HYPERLINK("http://x.example","bấm")', position: '@SUM(A1:A9)' });
    const enrollment = await makeEnrollment(course, trainee);
    await enrollment.update({ sendingOrg: '+84 Chi bộ thôn', attendance: 0.955, score: 8.5 });
    const sheet = await sheetOf((await download(agent, `/courses/${course.id}/roster.xlsx`)).body as Buffer);
    const h = headerRowOf(sheet, 'Họ và tên');
    const headers = sheet.getRow(h).values as unknown[];
    const cell = (name: string) => sheet.getRow(h + 1).getCell(headers.indexOf(name));
    expect(cell('Đơn vị công tác').value).to.equal('=HYPERLINK("http://x.example","bấm")');
    expect(cell('Đơn vị công tác').type).to.equal(ExcelJS.ValueType.String);
    expect(cell('Đơn vị công tác').numFmt).to.equal('@');
    expect(cell('Đơn vị cử đi học').value).to.equal('+84 Chi bộ thôn');
    expect(cell('Đơn vị cử đi học').type).to.equal(ExcelJS.ValueType.String);
    expect(cell('Số CCCD').value, 'staff of the unit get the full ID (the file imports back)').to.equal(trainee.nationalId);
    expect(cell('Điểm').value).to.equal(8.5);
    expect(cell('Chuyên cần (%)').value).to.equal(0.955);
    expect(cell('Chuyên cần (%)').numFmt).to.equal('0.0%');

    const csv = csvLines((await download(agent, `/courses/${course.id}/roster.csv`)).body as Buffer);
    expect(csv[1]).to.include(`"'=HYPERLINK(""http://x.example"",""bấm"")"`);
    expect(csv[1]).to.include(",'@SUM(A1:A9),");
    expect(csv[1]).to.include(",'+84 Chi bộ thôn,");
    expect(csv[1]).to.include(',95.5%,8.5,');
    expect(await AuditLog.count({ where: { action: 'export', entityType: 'course', entityId: course.id } }), 'each download of personal data is logged').to.equal(2);
  });

  it('when a roster with results is exported and imported into another course, then the same people and results come back', async () => {
    const source = await makeEndedCourse({ capacity: 100 });
    const target = await makeEndedCourse({ capacity: 100 });
    const people = realisticRoster(30, 4401);
    const upload = await uploadAndPreview(agent, source.id, await rosterXlsx(people), 'goc.xlsx');
    expect((await commitFrom(agent, upload.path)).status).to.equal(303);
    const enrollments = await Enrollment.findAll({ where: { courseId: source.id }, order: [['id', 'ASC']] });
    for (const [i, e] of enrollments.entries()) {
      if (i === 7) await e.update({ status: 'withdrawn', withdrawReason: 'Ốm' });
      else await e.update({ score: [9.5, 8, 7.3, 4.9, 6][i % 5], attendance: [1, 0.955, 0.8][i % 3], grade: (['excellent', 'good', 'fair', 'fail', 'average'] as const)[i % 5], status: i % 5 === 3 ? 'failed' : 'completed' });
    }
    const exported = (await download(agent, `/courses/${source.id}/roster.xlsx`)).body as Buffer;

    const asRoster = await uploadAndPreview(agent, target.id, exported, 'xuat.xlsx');
    expect(previewErrors(asRoster.page.text)).to.deep.equal([]);
    expect((await commitFrom(agent, asRoster.path)).status).to.equal(303);
    const asResults = await uploadAndPreview(agent, target.id, exported, 'xuat.xlsx', 'results');
    expect(previewErrors(asResults.page.text)).to.deep.equal([]);
    expect((await commitFrom(agent, asResults.path)).status).to.equal(303);

    const snapshot = async (courseId: number) => {
      const rows = await Enrollment.findAll({ where: { courseId }, include: [{ model: Trainee, as: 'trainee' }] });
      return rows
        .map((e) => {
          const t = (e as Enrollment & { trainee: Trainee }).trainee;
          return [t.fullName, t.birthDate, t.nationalId, e.sendingOrg, e.score === null ? null : Number(e.score), e.attendance === null ? null : Number(e.attendance), e.grade, e.status].join('|');
        })
        .sort();
    };
    expect(await snapshot(target.id)).to.deep.equal(await snapshot(source.id));
    // A citizen ID is one person: those rows enrolled the very same records; rows without one made new records.
    const withId = people.filter((p) => p.nationalId).map((p) => p.nationalId!);
    expect(await Trainee.count({ where: { nationalId: withId } })).to.equal(withId.length);
  });

  it("when a unit's trainees are downloaded, then only the unit's people are in it, with full IDs, and the download is logged", async () => {
    const user = await makeUser({ role: 'center', unitCode: 'TTCTPC' });
    const phuCu = await signIn(app, user.username);
    const mine = await makeTrainee({ unitCode: 'TTCTPC', fullName: 'Người Của Phù Cừ' });
    const theirs = await makeTrainee({ unitCode: 'TTCTKC', fullName: 'Người Của Khoái Châu' });
    const res = await download(phuCu, '/trainees.xlsx');
    const sheet = await sheetOf(res.body as Buffer);
    const h = headerRowOf(sheet, 'Họ và tên');
    const names = [];
    for (let r = h + 1; r <= sheet.rowCount; r++) names.push(sheet.getRow(r).getCell(2).value);
    expect(names).to.include(mine.fullName);
    expect(names).not.to.include(theirs.fullName);
    expect(JSON.stringify(sheet.getSheetValues())).to.include(mine.nationalId!);
    expect(await AuditLog.count({ where: { action: 'export', entityType: 'trainee', userId: user.id } })).to.equal(1);
  });

  it("when the audit log is downloaded by a unit, then it holds the unit's entries with the page's filter, in Vietnamese words", async () => {
    const user = await makeUser({ role: 'center', unitCode: 'TTCTTL' });
    const tienLu = await signIn(app, user.username);
    const unit = await unitByCode('TTCTTL');
    await AuditLog.create({ userId: user.id, username: user.username, unitId: unit.id, action: 'enroll', entityType: 'enrollment', entityId: 1, beforeData: null, afterData: '{"sendingOrg":"Chi bộ 1"}', requestId: null });
    await AuditLog.create({ userId: user.id, username: user.username, unitId: unit.id, action: 'cancel', entityType: 'course', entityId: 2, beforeData: null, afterData: null, requestId: null });
    await AuditLog.create({ userId: null, username: 'khac', unitId: (await unitByCode('TTCTKC')).id, action: 'enroll', entityType: 'enrollment', entityId: 3, beforeData: null, afterData: null, requestId: null });
    const csv = csvLines((await download(tienLu, '/audit.csv?action=enroll')).body as Buffer);
    expect(csv[0]).to.equal('Thời điểm,Người thực hiện,Đơn vị,Thao tác,Loại bản ghi,Mã bản ghi,Tên bản ghi,Nội dung thay đổi,Mã yêu cầu');
    expect(csv.filter(Boolean)).to.have.length(2);
    expect(csv[1]).to.match(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2},/);
    expect(csv[1]).to.include(`,Người dùng center (${user.username}),`);
    expect(csv[1]).to.include(',Cơ quan cử đi học: Chi bộ 1,');
    expect(csv[1]).to.include(',Ghi danh,Lượt học viên,1,');
    expect((await tienLu.get('/audit')).text).to.include('href="/audit.xlsx"');
  });

  describe('Biểu 1 and Biểu 2', () => {
    before(async () => {
      await buildReportFixture(YEAR);
    });

    it('when the board downloads Biểu 1, then each unit row and the total carry the figures of the report, rates as percentages', async () => {
      const board = await staffAgent(app, 'BTGTU');
      const res = await download(board, `/reports/bieu-1.xlsx?year=${YEAR}&asOf=${YEAR}-12-31`);
      expect(res.status).to.equal(200);
      expect(res.headers['content-disposition']).to.equal(`attachment; filename=bieu-1-theo-don-vi-${YEAR}.xlsx`);
      const sheet = await sheetOf(res.body as Buffer);
      const h = headerRowOf(sheet, 'Đơn vị');
      expect((sheet.getRow(h).values as unknown[]).slice(1)).to.deep.equal([
        'STT', 'Đơn vị', 'KH số lớp', 'TH số lớp', 'KH số học viên', 'TH số học viên (lượt)', 'Tỷ lệ % TH/KH', 'Hoàn thành', 'Xuất sắc', 'Giỏi', 'Khá', 'Trung bình', 'Không đạt', 'Tỷ lệ khá–giỏi', 'Ghi chú',
      ]);
      const report = await progressReport(await actorOf(await makeUser({ role: 'admin' })), { year: YEAR, asOf: `${YEAR}-12-31` });
      const vanLam = report.units.find((u) => u.unitCode === 'TTCTVL')!;
      let found = 0;
      for (let r = h + 1; r <= sheet.rowCount; r++) {
        const row = sheet.getRow(r);
        if (row.getCell(2).value === vanLam.unitName) {
          found++;
          expect([row.getCell(3).value, row.getCell(4).value, row.getCell(5).value, row.getCell(6).value, row.getCell(8).value]).to.deep.equal([
            vanLam.plannedCourses, vanLam.courses, vanLam.plannedTrainees, vanLam.enrolled, vanLam.completed,
          ]);
          expect(row.getCell(7).value).to.equal(vanLam.traineeFulfillment);
          expect(row.getCell(7).numFmt).to.equal('0.0%');
          expect(row.getCell(14).value).to.equal(vanLam.goodRate);
        }
        if (row.getCell(2).value === 'Tổng cộng') {
          found++;
          expect(row.getCell(6).value).to.equal(report.totals.enrolled);
          expect(row.getCell(14).value).to.equal(report.totals.goodRate);
        }
      }
      expect(found).to.equal(2);
    });

    it('when a center downloads Biểu 2 as CSV, then categories with subtotals, its programs and the total come with its figures only', async () => {
      const res = await download(agent, `/reports/bieu-2.csv?year=${YEAR}&asOf=${YEAR}-12-31`);
      expect(res.status).to.equal(200);
      const lines = csvLines(res.body as Buffer);
      expect(lines[0]).to.equal('STT,Chương trình,KH số lớp,TH số lớp,KH số học viên,TH số học viên (lượt),Tỷ lệ % TH/KH,Hoàn thành,Xuất sắc,Giỏi,Khá,Trung bình,Không đạt,Tỷ lệ khá–giỏi,Ghi chú');
      const actor = await actorOf(await makeUser({ role: 'center' }));
      const report = await progressReport(actor, { year: YEAR, asOf: `${YEAR}-12-31` });
      const total = lines.find((l) => l.startsWith(',Tổng cộng,'))!;
      const t = report.totals;
      const pct = (v: number | null) => (v === null ? '' : `${Number((v * 100).toFixed(1))}%`);
      expect(total).to.equal(`,Tổng cộng,${t.plannedCourses ?? ''},${t.courses},${t.plannedTrainees ?? ''},${t.enrolled},${pct(t.traineeFulfillment)},${t.completed},${t.grades.excellent},${t.grades.good},${t.grades.fair},${t.grades.average},${t.grades.fail},${pct(t.goodRate)},`);
      expect(lines.some((l) => l.startsWith('I,'))).to.equal(true);
      expect(t.enrolled).to.be.greaterThan(0);
    });

    it('when the report pages are shown, then they link to both tables with the same selection', async () => {
      const board = await staffAgent(app, 'BTGTU');
      const page = await board.get(`/reports?year=${YEAR}&period=year`);
      const text = decode(page.text);
      expect(text).to.include(`href="/reports/bieu-1.xlsx?year=${YEAR}&period=year"`);
      expect(text).to.include(`href="/reports/bieu-2.csv?year=${YEAR}&period=year"`);
      const unitPage = decode((await board.get(`/reports/units/TTCTVL?year=${YEAR}&period=year`)).text);
      expect(unitPage).to.include(`href="/reports/bieu-1.xlsx?year=${YEAR}&period=year&unit=TTCTVL"`);
    });
  });

  it("when another unit's roster or anything is asked without signing in, then 404 or the sign-in page", async () => {
    const other = await makeOpenCourse({ unitCode: 'TTCTKC' });
    expect((await agent.get(`/courses/${other.id}/roster.xlsx`)).status).to.equal(404);
    const anonymous = await supertest(app).get('/courses.xlsx');
    expect(anonymous.status).to.equal(303);
    expect(anonymous.headers.location).to.equal('/login');
    expect((await agent.get('/courses.pdf')).status).to.equal(404);
  });
});
