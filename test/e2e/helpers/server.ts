// Starts the app the way the README does (`npm start`: build, migrate, seed, listen) in a fresh data folder,
// and drives it with the system's Chromium.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../../seeders/support/demo-password.js';
import { NPM_START, startAppProcess, type AppProcess } from '../../helpers/app-process.js';

export type RunningServer = AppProcess;

export function tempDataDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'llct-e2e-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function startServer(env: Record<string, string>): Promise<RunningServer> {
  return startAppProcess(NPM_START, env);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Signs in through the login form; staff land on the home page, a trainee on their own record (/me). */
export async function signIn(page: Page, url: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((u) => u.href === `${url}/` || u.href === `${url}/me`);
}
