// The import preview's error counts agree, header and file errors are named as such (not "row 1"), data rows
// keep their sheet row numbers, and the error file (the sheet with a "Lỗi" column) is read back cell by cell.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { AuditLog } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { staffAgent } from '../helpers/courses.js';
import { makeCourse } from '../helpers/factories.js';
import type { Agent } from '../helpers/http.js';
import { countOf, decode, previewErrors, uploadAndPreview } from '../helpers/imports.js';

const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
const HEADER = 'STT,Họ và tên,Ngày sinh,Giới tính,Số CCCD';

const openCourse = () => makeCourse({ unitCode: 'TTCTVL', status: 'open', startDate: '2212-10-05', endDate: '2212-10-09' });

/** The error table's rows as the page shows them: [place, what the row cell says, column, message]. */
const errorCells = (html: string) =>
  [...html.matchAll(/<tr data-error-row="\d+" data-error-place="(\w+)"><td class="num">([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [
    m[1],
    decode(m[2]!),
    decode(m[3]!),
    decode(m[4]!),
  ]);

/** A workbook as a person makes one: a title row, an empty row, the header on row 3, a gap in the data. */
async function titledWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.getRow(1).values = ['DANH SÁCH HỌC VIÊN LỚP BỒI DƯỠNG 2212'];
  sheet.getRow(3).values = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD'];
  sheet.getRow(4).values = [1, 'Nguyễn Văn Đúng', '17/05/1990', 'Nam', null];
  sheet.getRow(5).values = [2, 'Trần Thị Sai Ngày', '32/13/1990', 'Nữ', null];
  sheet.getRow(7).values = [3, '', '01/02/1985', 'Nam', null];
  sheet.getRow(8).values = [4, 'Lê Văn Hai Lỗi', '', 'Đực', null];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function readBack(body: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  return workbook.worksheets[0]!;
}

const binary = (agent: Agent | supertest.Agent, path: string) =>
  agent
    .get(path)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

describe('import preview: error counts, places and the error file', () => {
  let app: App;
  let agent: Agent;

  before(async () => {
    app = makeApp();
    agent = await staffAgent(app);
  });

  it('when the only error is a missing column, then it is reported against the column headers, 0 rows with errors, and the counts say so', async () => {
    const course = await openCourse();
    const { page } = await uploadAndPreview(agent, course.id, csv(['STT,Họ và tên,Giới tính', '1,Nguyễn Văn Thiếu Cột,Nam']), 'thieu-cot.csv');
    expect(page.status).to.equal(200);
    expect(errorCells(page.text)).to.deep.equal([['header', 'Tiêu đề cột', 'Ngày sinh', 'Thiếu cột bắt buộc "Ngày sinh".']]);
    expect(countOf(page.text, 'error')).to.equal(0);
    expect(countOf(page.text, 'fileErrors')).to.equal(1);
    expect(decode(page.text)).to.contain('Lỗi cần sửa (1)');
    expect(/data-error-summary>([^<]*)</.exec(page.text)?.[1]).to.equal('1 lỗi về tiêu đề cột hoặc cả tệp');
  });

  it('when the course takes no file, then that error is the whole file\'s, not row 1\'s, and no data row counts as wrong', async () => {
    const course = await makeCourse({ unitCode: 'TTCTVL', status: 'cancelled', startDate: '2213-10-05', endDate: '2213-10-09' });
    const { page } = await uploadAndPreview(agent, course.id, csv([HEADER, '1,Nguyễn Văn Lớp Hủy,17/05/1990,Nam,']), 'lop-huy.csv');
    const cells = errorCells(page.text);
    expect(cells.map(([place, where, column]) => [place, where, column])).to.deep.equal([['file', 'Cả tệp', '']]);
    expect(cells[0]![3]).to.contain('Đã hủy');
    expect(countOf(page.text, 'error')).to.equal(0);
    expect(countOf(page.text, 'fileErrors')).to.equal(1);
  });

  it('when data rows have errors under a title block, then each is named by its sheet row number, and the counts agree', async () => {
    const course = await openCourse();
    const { page, path } = await uploadAndPreview(agent, course.id, await titledWorkbook(), 'co-tieu-de.xlsx');
    const cells = errorCells(page.text);
    expect(cells.map(([place, where]) => [place, where])).to.deep.equal([
      ['row', '5'],
      ['row', '7'],
      ['row', '8'],
      ['row', '8'],
    ]);
    expect(previewErrors(page.text).map(([row]) => row)).to.deep.equal([5, 7, 8, 8]);
    expect(countOf(page.text, 'error')).to.equal(3);
    expect(page.text).not.to.contain('data-count="fileErrors"');
    expect(/data-error-summary>([^<]*)</.exec(page.text)?.[1]).to.equal('4 lỗi ở 3 dòng dữ liệu');
    // The error file's address: the course, the kind and the file's hash, nothing of its content.
    expect(page.text).to.contain(`href="${path}/errors.xlsx"`);
    expect(path).to.match(/^\/courses\/\d+\/imports\/roster\/[0-9a-f]{64}$/);
    expect(page.text, 'no CSV error file for an .xlsx upload').not.to.contain('errors.csv');
  });

  it('when the error file of an .xlsx upload is downloaded, then it is the sheet, row for row, with each row\'s errors in a last "Lỗi" column', async () => {
    const course = await openCourse();
    const { path } = await uploadAndPreview(agent, course.id, await titledWorkbook(), 'co-tieu-de.xlsx');
    const res = await binary(agent, `${path}/errors.xlsx`);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.contain('spreadsheetml');
    expect(res.headers['content-disposition']).to.contain(`loi-danh-sach-lop-${course.id}.xlsx`);
    const sheet = await readBack(res.body as Buffer);
    const text = (row: number, col: number) => String(sheet.getRow(row).getCell(col).value ?? '');
    expect(text(1, 1)).to.equal('DANH SÁCH HỌC VIÊN LỚP BỒI DƯỠNG 2212');
    expect(text(1, 6)).to.equal('Lỗi');
    expect([1, 2, 3, 4, 5].map((c) => text(3, c))).to.deep.equal(['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD']);
    expect(text(3, 6)).to.equal('');
    expect(text(4, 2)).to.equal('Nguyễn Văn Đúng');
    expect(text(4, 6)).to.equal('');
    expect(text(5, 2)).to.equal('Trần Thị Sai Ngày');
    expect(text(5, 3)).to.equal('32/13/1990');
    expect(text(5, 6)).to.equal('Ngày "32/13/1990" không hợp lệ. Ghi theo dạng dd/mm/yyyy (ví dụ 17/05/1990) hoặc chỉ năm (1990).');
    expect([1, 2, 3, 4, 5, 6].map((c) => text(6, c))).to.deep.equal(['', '', '', '', '', '']);
    expect(text(7, 3)).to.equal('01/02/1985');
    expect(text(7, 6)).to.equal('Thiếu họ và tên.');
    expect(text(8, 6)).to.equal('Thiếu ngày sinh (ghi dd/mm/yyyy, hoặc chỉ năm sinh). Giới tính "Đực" không hợp lệ: ghi "Nam" hoặc "Nữ".');
    expect(sheet.rowCount).to.equal(8);
    const logged = await AuditLog.findOne({ where: { entityType: 'course', entityId: course.id, action: 'export' } });
    expect(JSON.parse(logged!.afterData!)).to.deep.include({ file: 'roster-errors', format: 'xlsx' });
  });

  it('when a CSV with a header error is uploaded, then a CSV error file keeps its delimiter and puts the header error on the header line', async () => {
    const course = await openCourse();
    const lines = ['STT;Họ và tên;Giới tính', '1;Nguyễn Văn Chấm Phẩy;Nam', '2;;Nữ'];
    const { page, path } = await uploadAndPreview(agent, course.id, csv(lines), 'cham-phay.csv');
    expect(page.text).to.contain(`href="${path}/errors.csv"`);
    const res = await binary(agent, `${path}/errors.csv`);
    expect(res.status).to.equal(200);
    const out = (res.body as Buffer).toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(out[0]).to.equal('STT;Họ và tên;Giới tính;"Lỗi: Thiếu cột bắt buộc ""Ngày sinh""."');
    expect(out[1]).to.equal('1;Nguyễn Văn Chấm Phẩy;Nam;');
    expect(out[2]).to.equal('2;;Nữ;');
    expect(errorCells(page.text).map(([place, where]) => [place, where])).to.deep.equal([['header', 'Tiêu đề cột']]);
  });

  it('when someone else asks for the error file, or a format the upload was not, then it is not found', async () => {
    const course = await openCourse();
    const { path } = await uploadAndPreview(agent, course.id, csv([HEADER, '1,,17/05/1990,Nam,']), 'mot-loi.csv');
    expect((await binary(agent, `${path}/errors.csv`)).status).to.equal(200);
    const colleague = await staffAgent(app, 'TTCTVL');
    expect((await colleague.get(`${path}/errors.xlsx`)).status, "a colleague's kept file is not mine").to.equal(404);
    const otherUnit = await staffAgent(app, 'TTCTVG');
    expect((await otherUnit.get(`${path}/errors.xlsx`)).status).to.equal(404);
    expect((await agent.get(`${path}/errors.pdf`)).status).to.equal(404);
    expect((await agent.get(`${path.replace(/[0-9a-f]{64}$/, 'a'.repeat(64))}/errors.xlsx`)).status).to.equal(404);
    const anonymous = await supertest(app).get(`${path}/errors.xlsx`);
    expect([302, 303, 401]).to.include(anonymous.status);
  });
});
