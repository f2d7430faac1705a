// No lost work (issue #14 item 5): scores typed into the results grid survive a session that ended before
// they were saved, and the page warns before the session ends, with a button that keeps it alive.
import { expect } from 'chai';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { QueryTypes, Sequelize } from 'sequelize';
import { DEMO_PASSWORD } from '../../seeders/support/demo-password.js';
import { demoApp, signIn, tempDataDir } from './helpers/server.js';

interface GridCourse {
  id: number;
}

describe('no lost work when the session ends', function () {
  // The demo seed alone can take minutes on a busy machine.
  this.timeout(900_000);
  const data = tempDataDir();
  const app = demoApp({ DATA_DIR: data.dir });
  let db: Sequelize;
  const q = <T extends object>(sql: string, replacements: Record<string, unknown> = {}) => db.query<T>(sql, { type: QueryTypes.SELECT, replacements });

  before(() => {
    db = new Sequelize(`sqlite:${path.join(data.dir, 'app.sqlite')}`, { logging: false });
  });
  after(async () => {
    await db?.close();
    data.cleanup();
  });

  /** A scored 2026 course of Văn Lâm's staff with at least two trainees without a certificate. */
  async function scoredCourse(): Promise<number> {
    const [course] = await q<GridCourse>(
      `SELECT c.id FROM courses c JOIN programs p ON p.id = c.program_id
       WHERE c.unit_id = (SELECT unit_id FROM users WHERE username = 'vanlam') AND c.status IN ('open', 'finished')
         AND c.start_date >= '2026-01-01' AND p.completion_rule = 'score'
         AND (SELECT COUNT(*) FROM enrollments e WHERE e.course_id = c.id AND e.status <> 'withdrawn'
              AND NOT EXISTS (SELECT 1 FROM certificates x WHERE x.enrollment_id = e.id)) >= 2
       ORDER BY c.start_date DESC LIMIT 1`,
    );
    expect(course, 'a scored 2026 course of vanlam').to.not.equal(undefined);
    return course!.id;
  }

  const draftKeys = (page: Page) => page.evaluate(() => Object.keys((globalThis as unknown as { localStorage: object }).localStorage).filter((k) => k.startsWith('draft:')));

  it('when scores are typed, the session is deleted and the grid is saved, then after signing in again the scores are back and save', async () => {
    const courseId = await scoredCourse();
    const page = await app.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, app.server.url, 'vanlam');
    await page.goto(`${app.server.url}/courses/${courseId}/results`);
    const attendance = page.locator('input[name^="a_"]');
    const score = page.locator('input[name^="s_"]:not([type="hidden"])');
    const ids = (await attendance.evaluateAll((inputs) => inputs.map((i) => (i as unknown as { name: string }).name.slice(2)))).slice(0, 2);
    await page.locator(`[name="a_${ids[0]}"]`).fill('96');
    await page.locator(`[name="s_${ids[0]}"]`).fill('8,7');
    await page.locator(`[name="a_${ids[1]}"]`).fill('91,5');
    await page.locator(`[name="s_${ids[1]}"]`).fill('6,4');
    expect(await draftKeys(page)).to.have.length(1);

    await db.query(`DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = 'vanlam')`);
    await page.getByRole('button', { name: 'Lưu kết quả' }).click();
    await page.locator('[data-input-kept]').waitFor();
    expect(await page.locator('[data-input-kept]').textContent()).to.contain('vẫn được giữ trên máy này');

    await page.getByLabel('Tên đăng nhập').fill('vanlam');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL(new RegExp(`/courses/${courseId}/results$`)), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    expect(await page.locator('[data-draft-restored]').textContent()).to.contain('Đã điền lại dữ liệu bạn nhập');
    expect(await page.locator(`[name="a_${ids[0]}"]`).inputValue()).to.equal('96');
    expect(await page.locator(`[name="s_${ids[0]}"]`).inputValue()).to.equal('8,7');
    expect(await page.locator(`[name="a_${ids[1]}"]`).inputValue()).to.equal('91,5');
    expect(await page.locator(`[name="s_${ids[1]}"]`).inputValue()).to.equal('6,4');
    expect(await score.count()).to.be.greaterThan(1);

    await Promise.all([page.waitForURL(new RegExp(`/courses/${courseId}$`)), page.getByRole('button', { name: 'Lưu kết quả' }).click()]);
    expect(await page.locator('main .alert-success').textContent()).to.contain('Đã lưu');
    const rows = await q<{ id: number; attendance: number; score: number }>('SELECT id, attendance, score FROM enrollments WHERE id IN (:ids) ORDER BY id', { ids: ids.map(Number) });
    expect(rows.map((r) => [String(r.id), Number(r.attendance), Number(r.score)])).to.deep.equal(
      [[ids[0], 0.96, 8.7], [ids[1], 0.915, 6.4]].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    expect(await draftKeys(page)).to.deep.equal([]);
    await page.close();
  });

  it('when the session nears its end, then a warning shows, and "stay signed in" pings the server and hides it', async () => {
    const page = await app.browser.newPage({ viewport: { width: 390, height: 800 } });
    await page.clock.install();
    await signIn(page, app.server.url, 'vanlam');
    await page.goto(`${app.server.url}/courses`);
    const warning = page.locator('[data-session-warning]');
    expect(await warning.isVisible()).to.equal(false);
    await page.clock.fastForward('07:56:00');
    await warning.waitFor({ state: 'visible' });
    expect(await warning.textContent()).to.match(/Phiên đăng nhập sẽ hết hạn sau khoảng [45] phút/);
    const [reply] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/session/keep-alive')), page.getByRole('button', { name: 'Tiếp tục làm việc' }).click()]);
    expect(reply.status()).to.equal(200);
    expect((await reply.json()) as { remainingMs: number }).to.have.property('remainingMs').that.is.greaterThan(7 * 3600_000);
    await warning.waitFor({ state: 'hidden' });

    // Ignored to the end: the warning says the session is over and offers to sign in again.
    await page.clock.fastForward('08:01:00');
    await warning.waitFor({ state: 'visible' });
    expect(await warning.textContent()).to.contain('Phiên đăng nhập đã hết hạn');
    expect(await page.getByRole('link', { name: 'Đăng nhập lại' }).isVisible()).to.equal(true);
    await page.close();
  });
});
