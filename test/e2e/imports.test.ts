// Issue #15 item 1: the Excel import in a real browser. A Văn Lâm center officer uploads a roster .xlsx made here
// with exceljs, reads the preview (how many new people), confirms, and finds them on the course's roster; then a
// file with one bad row is refused as a whole: the preview names the row, offers no commit, and the course is as it was.
// The app runs as a process on its own fresh SQLite database (reference data only; the officer made with the CLI).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../server/paths.js';
import { startAppProcess, TSX_MAIN, type AppProcess } from '../helpers/app-process.js';
import { XLSX_TYPE } from '../helpers/imports.js';
import { launchBrowser, signIn, tempDataDir } from './helpers/server.js';

const run = promisify(execFile);
const PASSWORD = 'Mat-khau-nhap-tep-1';

const PEOPLE = [
  ['Nguyễn Thị Hồng Nhung', '12/04/1988', 'Nữ', '033188004711', 'Chi bộ thôn Đình Dù'],
  ['Trần Văn Quyết', '03/11/1979', 'Nam', '033079004712', 'Chi bộ thôn Lạc Đạo'],
  ['Lê Minh Tuấn', '1992', 'Nam', '033092004713', 'Chi bộ thôn Như Quỳnh'],
  ['Phạm Thị Thu Hà', '25/07/1995', 'Nữ', '033195004714', 'Chi bộ thôn Ngọc Quỳnh'],
];

/** A roster as an officer would type it in Excel: a header row, then one row per person, every cell text. */
async function rosterWorkbook(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách học viên');
  sheet.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Đơn vị cử đi học']);
  rows.forEach((r, i) => sheet.addRow([i + 1, ...r]));
  sheet.getColumn(5).numFmt = '@';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function uploadFile(page: Page, url: string, courseId: number, name: string, buffer: Buffer): Promise<void> {
  await page.goto(`${url}/courses/${courseId}/imports/roster`);
  await page.locator('#f-file').setInputFiles({ name, mimeType: XLSX_TYPE, buffer });
  await Promise.all([page.waitForURL(new RegExp(`/courses/${courseId}/imports/roster/[0-9a-f]{64}$`)), page.locator('form[data-upload] button[type="submit"]').click()]);
}

describe('importing a roster from Excel in a browser (issue #15 item 1)', function () {
  this.bail(true);
  const data = tempDataDir();
  let server: AppProcess;
  let browser: Browser;
  let page: Page;
  let courseId: number;
  let token: string;

  const roster = async () =>
    ((await (await page.request.get(`${server.url}/api/v1/courses/${courseId}/enrollments`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { enrollments: Array<{ fullName: string; sendingOrg: string | null }> }).enrollments;

  before(async () => {
    server = await startAppProcess(TSX_MAIN, { DATA_DIR: data.dir, SEED_DEMO: 'false', SCRYPT_LOG_N: '12' });
    const env = { ...process.env, DATA_DIR: data.dir, PASSWORD, SCRYPT_LOG_N: '12', LOG_LEVEL: 'silent' };
    const cli = (script: string, args: string[]) => run(process.execPath, ['--import', 'tsx', `server/cli/${script}.ts`, ...args], { cwd: projectRoot, env });
    await cli('user-create', ['--username', 'nhaptep', '--role', 'center', '--unit', 'TTCTVL', '--name', 'Cán bộ nhập tệp']);
    token = (await cli('token-create', ['nhaptep'])).stdout.trim();
    const created = await fetch(`${server.url}/api/v1/courses`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ programCode: 'NTVD', startDate: '2075-03-03', endDate: '2075-03-14', capacity: 60, place: 'Hội trường Trung tâm' }),
    });
    expect(created.status).to.equal(201);
    courseId = ((await created.json()) as { course: { id: number } }).course.id;
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(page, server.url, 'nhaptep', PASSWORD);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    data.cleanup();
  });

  it('when the officer uploads a roster .xlsx, then the preview counts four new people, and after confirming they are on the course', async () => {
    await page.goto(`${server.url}/courses/${courseId}`);
    await Promise.all([page.waitForURL(`${server.url}/courses/${courseId}/imports/roster`), page.locator('a[data-import="roster"]').click()]);
    await uploadFile(page, server.url, courseId, 'danh-sach-lop-2075.xlsx', await rosterWorkbook(PEOPLE));
    expect(await page.locator('[data-count="create"]').textContent()).to.equal('4');
    expect(await page.locator('[data-count="error"]').textContent()).to.equal('0');
    expect(await page.locator('[data-errors]').count()).to.equal(0);
    expect(await roster(), 'nothing is written by the preview').to.deep.equal([]);

    await Promise.all([page.waitForURL(`${server.url}/courses/${courseId}`), page.locator('[data-commit] button[type="submit"]').click()]);
    expect(await page.locator('main').textContent()).to.contain('Đã nhập 4 học viên (4 người mới, 0 người đã có).');
    expect(await page.locator('[data-count="active"]').textContent()).to.equal('4/60');
    const rows = await roster();
    expect(rows.map((r) => [r.fullName, r.sendingOrg])).to.have.deep.members(PEOPLE.map((p) => [p[0], p[4]]));
  });

  it('when a file has one bad row, then the preview names that row, offers no commit, and the course keeps its four', async () => {
    const more = [
      ['Đặng Văn Sơn', '14/02/1990', 'Nam', '033090004721', 'Chi bộ thôn Đình Dù'],
      ['Vũ Thị Mai', '30/02/1991', 'Nữ', '033191004722', 'Chi bộ thôn Lạc Đạo'], // there is no 30 February
      ['Hoàng Văn Bình', '1985', 'Nam', '033085004723', 'Chi bộ thôn Như Quỳnh'],
    ];
    await uploadFile(page, server.url, courseId, 'danh-sach-bo-sung.xlsx', await rosterWorkbook(more));
    expect(await page.locator('[data-count="error"]').textContent()).to.equal('1');
    const errors = page.locator('[data-errors] tr[data-error-row]');
    expect(await errors.count()).to.equal(1);
    // Sheet row 3: the header is row 1, Vũ Thị Mai the second person.
    expect(await errors.first().getAttribute('data-error-row')).to.equal('3');
    const cells = (await errors.first().locator('td').allTextContents()).map((c) => c.trim());
    expect(cells[0]).to.contain('3');
    expect(cells[1]).to.equal('Ngày sinh');
    expect(await page.locator('[data-commit] form').count(), 'no commit button').to.equal(0);

    await page.goto(`${server.url}/courses/${courseId}`);
    expect(await page.locator('[data-count="active"]').textContent()).to.equal('4/60');
    const rows = await roster();
    expect(rows).to.have.length(4);
    expect(rows.map((r) => r.fullName)).not.to.include.members(['Đặng Văn Sơn']);
  });
});
