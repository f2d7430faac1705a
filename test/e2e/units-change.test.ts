// Issue #10's acceptance on the demo data, started the way the README says: the 2024 report as the units
// were shows the ten centers, rolled up into 2026's units it shows their successors with the same province
// totals; 2026 opens on the new units with content; a 2024 certificate of Kim Động still reads "HUYỆN ỦY KIM
// ĐỘNG" after the dissolution; a course for the dissolved center is refused with its successor's name.
import { expect } from 'chai';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { QueryTypes, Sequelize } from 'sequelize';
import type { ProgressReport } from '../../server/reports/report.types.js';
import { allText, pdfPages } from '../helpers/documents.js';
import { launchBrowser, signIn, startServer, tempDataDir, type RunningServer } from './helpers/server.js';

const CENTERS = ['TTCTHY', 'TTCTMH', 'TTCTVL', 'TTCTVG', 'TTCTYM', 'TTCTAT', 'TTCTKC', 'TTCTKD', 'TTCTTL', 'TTCTPC'];

describe('units change on the demo data (issue #10)', () => {
  const data = tempDataDir();
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let board: Page;
  const report = async (query: string) => (await (await board.request.get(`${server.url}/api/v1/reports/progress?${query}`)).json()) as ProgressReport;

  before(async () => {
    server = await startServer({ DATA_DIR: data.dir });
    browser = await launchBrowser();
    context = await browser.newContext();
    board = await context.newPage();
    await signIn(board, server.url, 'admin');
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    data.cleanup();
  });

  it('when the board reads 2024 as the units were and rolled up, then the ten centers become their successors with the same province totals', async () => {
    const asWas = await report('year=2024&asOf=2024-12-31');
    const rolled = await report('year=2024&asOf=2024-12-31&view=rolled-up');
    const asWasCodes = asWas.units.map((u) => u.unitCode);
    expect(asWasCodes).to.include.members(CENTERS);
    for (const u of asWas.units.filter((x) => CENTERS.includes(x.unitCode))) expect(u.validTo, u.unitCode).to.equal('2025-06-30');
    const rolledCodes = rolled.units.map((u) => u.unitCode);
    expect(rolledCodes.filter((c) => CENTERS.includes(c))).to.deep.equal([]);
    expect(rolledCodes).to.include.members(['DUPPH', 'DUXNQ', 'DUXLB']);
    for (const field of ['courses', 'enrolled', 'trainees', 'finished', 'completed', 'plannedCourses', 'plannedTrainees'] as const) {
      expect(rolled.totals[field], field).to.equal(asWas.totals[field]);
    }
    expect(rolled.units.find((u) => u.unitCode === 'DUXLB')!.enrolled).to.equal(asWas.units.find((u) => u.unitCode === 'TTCTKD')!.enrolled);

    await board.goto(`${server.url}/reports?year=2024&asOf=2024-12-31`);
    expect(await board.locator('main').textContent()).to.contain('Trung tâm Chính trị huyện Kim Động').and.contain('đã giải thể từ 01/07/2025');
  });

  it('when the board opens the dashboard, then it opens on 2026 with the new units and their courses', async () => {
    await board.goto(`${server.url}/reports`);
    const text = (await board.locator('main').textContent())!;
    expect(text).to.contain('2026').and.contain('Đảng ủy xã Như Quỳnh').and.contain('Đảng ủy các cơ quan Đảng tỉnh');
    const now = await report('year=2026');
    const nhuQuynh = now.units.find((u) => u.unitCode === 'DUXNQ')!;
    expect(nhuQuynh.courses).to.be.greaterThan(5);
    expect(nhuQuynh.plannedTrainees).to.be.greaterThan(0);
    expect(now.units.map((u) => u.unitCode).filter((c) => CENTERS.includes(c))).to.deep.equal([]);
  });

  it('when a 2024 certificate of Kim Động is reprinted and verified after the dissolution, then it reads HUYỆN ỦY KIM ĐỘNG', async () => {
    const db = new Sequelize(`sqlite:${path.join(data.dir, 'app.sqlite')}`, { logging: false });
    const [cert] = await db.query<{ id: number; verify_code: string }>(
      `SELECT ce.id, ce.verify_code FROM certificates ce JOIN units u ON u.id = ce.unit_id
        WHERE u.code = 'TTCTKD' AND ce.year = 2024 AND ce.status = 'valid' ORDER BY ce.id LIMIT 1`,
      { type: QueryTypes.SELECT },
    );
    await db.close();
    const pdf = await board.request.get(`${server.url}/certificates/${cert!.id}.pdf`);
    expect(pdf.status()).to.equal(200);
    expect(allText(await pdfPages(Buffer.from(await pdf.body())))).to.contain('HUYỆN ỦY KIM ĐỘNG').and.contain('TRUNG TÂM CHÍNH TRỊ');
    const anonymous = await browser.newPage();
    await anonymous.goto(`${server.url}/verify/${cert!.verify_code}`);
    expect(await anonymous.locator('[data-status]').getAttribute('data-status')).to.equal('valid');
    expect(await anonymous.locator('main').textContent()).to.contain('HUYỆN ỦY KIM ĐỘNG');
    await anonymous.close();
  });

  it('when the board opens a course for the dissolved Kim Động center, then the form no longer offers it, and a crafted post is refused with the successor named', async () => {
    const units = (await (await board.request.get(`${server.url}/api/v1/units`)).json()) as { units: Array<{ id: number; code: string }> };
    const kimDong = units.units.find((u) => u.code === 'TTCTKD')!;
    const program = ((await (await board.request.get(`${server.url}/api/v1/programs`)).json()) as { programs: Array<{ id: number; code: string }> }).programs.find((p) => p.code === 'NTVD')!;
    await board.goto(`${server.url}/courses/new`);
    expect(await board.locator(`#f-unitId option[value="${kimDong.id}"]`).count()).to.equal(0);
    const csrf = await board.locator('input[name="_csrf"]').first().getAttribute('value');
    const res = await board.request.post(`${server.url}/courses`, {
      form: { _csrf: csrf!, unitId: String(kimDong.id), programId: String(program.id), name: '', startDate: '2026-12-14', endDate: '2026-12-18', capacity: '80', place: '', note: '' },
    });
    expect(res.status()).to.equal(422);
    expect(await res.text()).to.contain('Đảng ủy xã Lương Bằng').and.contain('01/07/2025');
  });
});
