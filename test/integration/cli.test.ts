// The command-line tools an administrator runs on the server: the first real admin, and API tokens.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { Sequelize, QueryTypes } from 'sequelize';
import { projectRoot } from '../../server/paths.js';
import { createSequelize } from '../../server/db/sequelize.js';
import { scratchDatabaseUrl } from '../helpers/db.js';

const run = promisify(execFile);

async function cli(script: string, args: string[], env: Record<string, string>) {
  return run(process.execPath, ['--import', 'tsx', `server/cli/${script}.ts`, ...args], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: 'test', SCRYPT_LOG_N: '10', LOG_LEVEL: 'silent', SESSION_SECRET: 's'.repeat(40), ...env },
  });
}

describe('command-line tools', () => {
  let url: string;
  let cleanup: () => void;
  let sequelize: Sequelize;

  before(async function () {
    this.timeout(120_000);
    ({ url, cleanup } = await scratchDatabaseUrl('cli'));
    sequelize = createSequelize({ url });
  });

  after(async () => {
    await sequelize.close();
    cleanup();
  });

  it('when user:create makes the first admin, then the database is migrated and the account exists, hashed', async function () {
    this.timeout(60_000);
    const { stdout } = await cli('user-create', ['--username', 'BanTuyenGiao', '--role', 'admin', '--name', 'Nguyễn Văn A'], { DATABASE_URL: url, PASSWORD: 'mat-khau-that-dai' });
    expect(stdout).to.contain('Created admin account "bantuyengiao"');
    const [row] = await sequelize.query<{ role: string; password_hash: string; full_name: string; code: string }>(
      "SELECT u.role, u.password_hash, u.full_name, un.code FROM users u JOIN units un ON un.id = u.unit_id WHERE u.username = 'bantuyengiao'",
      { type: QueryTypes.SELECT },
    );
    expect(row).to.include({ role: 'admin', full_name: 'Nguyễn Văn A', code: 'BTGTU' });
    expect(row!.password_hash).to.match(/^scrypt\$/);
    expect(row!.password_hash).not.to.contain('mat-khau');
  });

  it('when user:create names an unknown unit or a short password, then it fails with a message and creates nothing', async function () {
    this.timeout(60_000);
    let failure: { code?: number; stderr?: string } = {};
    try {
      await cli('user-create', ['--username', 'khongco', '--role', 'center', '--unit', 'NOPE'], { DATABASE_URL: url, PASSWORD: 'mat-khau-that-dai' });
    } catch (err) {
      failure = err as typeof failure;
    }
    expect(failure.code).to.equal(1);
    expect(failure.stderr).to.contain('No unit has this code.');
    const [count] = await sequelize.query<{ n: number }>("SELECT COUNT(*) AS n FROM users WHERE username = 'khongco'", { type: QueryTypes.SELECT });
    expect(Number(count!.n)).to.equal(0);
  });

  it('when token:create runs for a user, then it prints a token once and stores only its hash', async function () {
    this.timeout(60_000);
    const { stdout } = await cli('token-create', ['bantuyengiao', '--name', 'báo cáo tự động'], { DATABASE_URL: url });
    const token = stdout.trim();
    expect(token).to.match(/^lt_[\w-]{43}$/);
    const rows = await sequelize.query<{ token_hash: string; name: string }>('SELECT token_hash, name FROM api_tokens', { type: QueryTypes.SELECT });
    expect(rows).to.have.length(1);
    expect(rows[0]!.name).to.equal('báo cáo tự động');
    expect(rows[0]!.token_hash).not.to.contain(token.slice(3));
  });
});
