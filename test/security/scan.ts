// `npm run scan`: sqlmap and wapiti against a local instance on a fresh SQLite demo database, signed in as a
// center's staff (session cookie). Prints a summary and exits non-zero on any finding: a parameter sqlmap
// calls injectable, or a wapiti vulnerability of level medium or above. Not part of `npm test` (minutes long).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../../seeders/support/demo-password.js';
import { startAppProcess, TSX_MAIN } from '../helpers/app-process.js';

const WAPITI_MODULES = 'sql,xss,permanentxss,exec,file,redirect,crlf,ssrf,csrf,http_headers,csp';
const say = (line: string) => process.stdout.write(`${line}\n`);
const MEDIUM = 2; // wapiti: 0 info, 1 low, 2 medium, 3 high, 4 critical

function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

async function signInCookie(url: string, username: string): Promise<string> {
  const page = await fetch(`${url}/login`);
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password: DEMO_PASSWORD, _csrf: csrf }),
  });
  if (res.status !== 303) throw new Error(`sign-in as ${username} answered ${res.status}`);
  return (res.headers.get('set-cookie') ?? cookie).split(';')[0]!;
}

/** sqlmap on one URL (GET parameters, or a form with its CSRF token); the parameters it calls injectable. */
async function sqlmap(target: { url: string; data?: string; csrfUrl?: string }, cookie: string, out: string): Promise<string[]> {
  const args = ['--batch', '-u', target.url, '--cookie', cookie, '--level', '2', '--risk', '1', '--technique', 'BEUST', '--time-sec', '2', '--timeout', '10', '--retries', '0', '--threads', '2', '--output-dir', out, '--disable-coloring', '--skip-static', '--smart'];
  if (target.data) args.push('--data', target.data);
  if (target.csrfUrl) args.push('--csrf-token', '_csrf', '--csrf-url', target.csrfUrl);
  const { output } = await run('sqlmap', args, 90_000);
  return [...output.matchAll(/Parameter: (\S+) \((GET|POST)\)/g)].map((m) => `${m[2]} ${m[1]}`);
}

interface WapitiVuln {
  level: number;
  method: string;
  path: string;
  info: string;
  parameter: string;
}

// wapiti 3.0.4 on Python 3.11 fails on any -x exclusion (its wildcard regex puts the flags last): run with that
// one function mended. Signing out and the language switch are left out: wapiti's CSRF check replays each form
// as crawled, and a replayed sign-out ends the session the rest of the scan needs (every form then answers the
// same 403 with or without a token, which it reports as an unchecked token).
const WAPITI_MAIN = [
  'import re, sys',
  'import wapitiCore.net.crawler as crawler',
  "crawler.wildcard_translate = lambda p: re.compile('(?ms)' + re.escape(p).replace('\\\\*', '.*') + r'\\Z')",
  'from wapitiCore.main.wapiti import wapiti_main',
  "sys.argv[0] = 'wapiti'",
  'sys.exit(wapiti_main())',
].join('\n');

async function wapiti(url: string, cookie: string, out: string): Promise<Array<WapitiVuln & { category: string }>> {
  const report = path.join(out, 'wapiti.json');
  const args = ['-c', WAPITI_MAIN, '-u', `${url}/`, '--scope', 'folder', '-m', WAPITI_MODULES, '-H', `Cookie: ${cookie}`, '-x', `${url}/logout`, '-x', `${url}/lang`,
    '--max-scan-time', '120', '--max-attack-time', '25', '--max-links-per-page', '15', '--max-files-per-dir', '8', '-d', '2', '--flush-session', '-f', 'json', '-o', report, '--store-session', out];
  const { output } = await run('/usr/bin/python3', args, 240_000);
  let parsed: { vulnerabilities?: Record<string, WapitiVuln[]> };
  try {
    parsed = JSON.parse(readFileSync(report, 'utf8')) as typeof parsed;
  } catch {
    throw new Error(`wapiti left no report:\n${output.slice(-2000)}`);
  }
  return Object.entries(parsed.vulnerabilities ?? {}).flatMap(([category, list]) => list.map((v) => ({ ...v, category })));
}

async function main(): Promise<number> {
  const data = mkdtempSync(path.join(tmpdir(), 'llct-scan-'));
  const started = Date.now();
  const app = await startAppProcess(TSX_MAIN, { DATA_DIR: data, SEED_DEMO: 'true', LOG_LEVEL: 'info', LOGIN_LIMIT_PER_IP: '1000', VERIFY_LIMIT_PER_MINUTE: '100000' });
  try {
    say(`app on ${app.url} (demo database ready in ${Math.round(app.startMs / 1000)} s)`);
    const cookie = await signInCookie(app.url, 'vanlam');
    const u = app.url;
    const targets = [
      { url: `${u}/courses?q=lop&year=2025&status=open&program=NTVD&page=1` },
      { url: `${u}/trainees?q=nguyen&page=1` },
      { url: `${u}/courses/1` },
      { url: `${u}/reports?year=2025&period=q1` },
      { url: `${u}/api/v1/trainees?q=nguyen&limit=5` },
      { url: `${u}/verify`, data: 'number=0001&birthYear=1990' },
    ];
    const injectable: string[] = [];
    for (const target of targets) {
      const t0 = Date.now();
      const found = await sqlmap(target, cookie, path.join(data, 'sqlmap'));
      say(`sqlmap ${target.data ? 'POST' : 'GET'} ${target.url.slice(u.length)}: ${found.length} injectable (${Math.round((Date.now() - t0) / 1000)} s)`);
      injectable.push(...found.map((f) => `${target.url.slice(u.length)} ${f}`));
    }
    const t0 = Date.now();
    const wapitiCookie = await signInCookie(app.url, 'vanlam');
    const vulns = await wapiti(app.url, wapitiCookie, data);
    // A scan that lost its session half-way would have attacked the sign-in page only.
    const stillSignedIn = (await fetch(`${u}/`, { headers: { cookie: wapitiCookie }, redirect: 'manual' })).status === 200;
    say(`wapiti's session still signed in at the end: ${stillSignedIn ? 'yes' : 'NO'}`);
    const serious = vulns.filter((v) => v.level >= MEDIUM);
    const byCategory = new Map<string, number>();
    for (const v of vulns) byCategory.set(`${v.category} (level ${v.level})`, (byCategory.get(`${v.category} (level ${v.level})`) ?? 0) + 1);
    say(`wapiti (${WAPITI_MODULES}): ${vulns.length} findings, ${serious.length} of level ≥ medium (${Math.round((Date.now() - t0) / 1000)} s)`);
    for (const [category, n] of byCategory) say(`  ${category}: ${n}`);
    for (const v of serious) say(`  ✗ ${v.category}: ${v.method} ${v.path} ${v.parameter} — ${v.info}`);
    for (const f of injectable) say(`  ✗ sqlmap injectable: ${f}`);
    say(`scan finished in ${Math.round((Date.now() - started) / 1000)} s: ${injectable.length + serious.length} finding(s)`);
    return injectable.length + serious.length > 0 || !stillSignedIn ? 1 : 0;
  } finally {
    await app.stop();
    rmSync(data, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
