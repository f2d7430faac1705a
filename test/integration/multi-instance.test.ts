// Issue #15 item 5: app instances keep no state of their own. Two real processes on one database: a session
// made on one works on the other, and a sign-out on the other ends it on the first. On MariaDB, an instance
// given DATABASE_REPLICA_URLS reads its reports on the replica (here a copy that has not caught up) while its
// pages and writes stay on the primary.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import supertest from 'supertest';
import { createSequelize } from '../../server/db/sequelize.js';
import { projectRoot } from '../../server/paths.js';
import type { ProgressReport } from '../../server/reports/report.types.js';
import { startAppProcess, TSX_MAIN, type AppProcess } from '../helpers/app-process.js';
import { recreateMysqlDatabase, scratchDatabaseUrl, withDatabaseName } from '../helpers/db.js';
import { csrfFrom } from '../helpers/http.js';

const run = promisify(execFile);
const PASSWORD = 'Mat-khau-hai-may-chu-1';
const YEAR = 2099; // the database is this test's own; the report API takes years up to 2100

describe('more than one instance on one database (issue #15 item 5)', function () {
  this.timeout(300_000);
  const mysql = Boolean(process.env.TEST_DATABASE_URL && !process.env.TEST_DATABASE_URL.startsWith('sqlite:'));
  let scratch: { url: string; cleanup: () => void };
  let dataDir: string;
  const started: AppProcess[] = [];
  let first: AppProcess;
  let second: AppProcess;

  const start = async (env: Record<string, string> = {}) => {
    const app = await startAppProcess(TSX_MAIN, {
      DATABASE_URL: scratch.url,
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      SESSION_SECRET: 'hai-may-chu-dung-chung-mot-bi-mat-phien-0123',
      SCRYPT_LOG_N: '12',
      LOG_LEVEL: 'info',
      ...env,
    });
    started.push(app);
    return app;
  };

  const signInOn = async (app: AppProcess) => {
    const agent = supertest.agent(app.url);
    const login = await agent.get('/login');
    const res = await agent.post('/login').type('form').send({ username: 'hai-may', password: PASSWORD, _csrf: csrfFrom(login.text) });
    expect(res.status, res.text).to.equal(303);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]?.split(';')[0] ?? '';
    return Object.assign(agent, { sessionCookie: cookie });
  };

  before(async () => {
    scratch = await scratchDatabaseUrl('instances');
    dataDir = mkdtempSync(path.join(tmpdir(), 'llct-instances-'));
    first = await start();
    // Each instance migrates on start: the second finds nothing left to do.
    second = await start({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'llct-instances-b-')) });
    await run(process.execPath, ['--import', 'tsx', 'server/cli/user-create.ts', '--username', 'hai-may', '--role', 'admin', '--unit', 'BTGTU', '--name', 'Quản trị hai máy'], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: scratch.url, PASSWORD, SCRYPT_LOG_N: '12', LOG_LEVEL: 'silent' },
    });
  });

  after(async () => {
    for (const app of started) await app.stop();
    scratch?.cleanup();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('when a user signs in on one instance, then the other knows the session, and a sign-out on the other ends it on the first', async () => {
    const agent = await signInOn(first);
    const onFirst = await agent.get('/account');
    expect(onFirst.status).to.equal(200);
    expect(onFirst.text).to.include('Quản trị hai máy');
    const { sessionCookie } = agent;
    expect(sessionCookie).to.match(/^[\w.-]+=\S+/);

    const onSecond = await supertest(second.url).get('/account').set('Cookie', sessionCookie);
    expect(onSecond.status).to.equal(200);
    expect(onSecond.text).to.include('Quản trị hai máy');

    const form = csrfFrom(onSecond.text);
    const out = await supertest(second.url).post('/logout').set('Cookie', sessionCookie).type('form').send({ _csrf: form });
    expect(out.status).to.equal(303);
    const after = await supertest(first.url).get('/account').set('Cookie', sessionCookie);
    expect(after.status).to.equal(303);
    expect(after.headers.location).to.match(/\/login/);
  });

  it('when an instance has a read replica, then its reports read there while its pages read the primary', async function () {
    if (!mysql) return this.skip(); // an embedded SQLite database has no replicas
    const replicaUrl = withDatabaseName(scratch.url, `${new URL(scratch.url).pathname.slice(1)}_replica`);
    await recreateMysqlDatabase(replicaUrl);
    const name = (url: string) => new URL(url).pathname.slice(1);
    // The replica: a copy of the primary as it stands now, which will not see what is written next.
    await run('sh', ['-c', `mariadb-dump -uroot -h127.0.0.1 --single-transaction --routines --triggers ${name(scratch.url)} | mariadb -uroot -h127.0.0.1 ${name(replicaUrl)}`]);
    const replicated = await start({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'llct-instances-r-')), DATABASE_REPLICA_URLS: replicaUrl, MIGRATE_ON_START: 'false' });

    const primary = createSequelize({ url: scratch.url });
    let courseId: number;
    try {
      const [unit] = await primary.query<{ id: number }>("SELECT id FROM units WHERE code = 'TTCTVL'", { type: QueryTypes.SELECT });
      const [program] = await primary.query<{ id: number }>("SELECT id FROM programs WHERE code = 'NTVD'", { type: QueryTypes.SELECT });
      await primary.query(
        `INSERT INTO courses (unit_id, program_id, name, start_date, end_date, place, capacity, status, lock_version, created_at, updated_at)
         VALUES (:unit, :program, 'Lớp chỉ có trên máy chính', '${YEAR}-03-02', '${YEAR}-03-06', 'Hội trường', 80, 'planned', 0, NOW(), NOW())`,
        { replacements: { unit: unit!.id, program: program!.id } },
      );
      const [course] = await primary.query<{ id: number }>("SELECT id FROM courses WHERE name = 'Lớp chỉ có trên máy chính'", { type: QueryTypes.SELECT });
      courseId = course!.id;
    } finally {
      await primary.close();
    }

    const onReplica = await signInOn(replicated);
    const onPrimary = await signInOn(first);
    const report = async (agent: supertest.Agent) => {
      const res = await agent.get(`/api/v1/reports/progress?year=${YEAR}&asOf=${YEAR}-12-31`);
      expect(res.status, res.text).to.equal(200);
      return (res.body as ProgressReport).totals.courses;
    };
    expect(await report(onPrimary)).to.equal(1);
    expect(await report(onReplica), 'the report reads the replica, which has not the course').to.equal(0);
    const page = await onReplica.get(`/courses/${courseId}`);
    expect(page.status, 'the page reads the primary').to.equal(200);
    expect(page.text).to.include('Lớp chỉ có trên máy chính');
  });
});
