import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, redactUrl } from '../../server/config.js';

describe('configuration', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'llct-config-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('when nothing is set, then it runs on SQLite under data/ on port 3000 with a generated, kept secret', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.env).to.equal('development');
    expect(config.port).to.equal(3000);
    expect(config.databaseUrl).to.equal(`sqlite:${path.join(dataDir, 'app.sqlite')}`);
    expect(config.sessionSecret).to.have.length.greaterThan(40);
    expect(readFileSync(path.join(dataDir, 'session-secret'), 'utf8').trim()).to.equal(config.sessionSecret);
    expect(loadConfig({ DATA_DIR: dataDir }).sessionSecret).to.equal(config.sessionSecret);
    expect(config.seedDemo).to.equal(true);
    expect(Object.isFrozen(config)).to.equal(true);
  });

  it('when production lacks its secrets, then it refuses to start and names what to set', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir })).to.throw(ConfigError, /SESSION_SECRET[\s\S]*DATABASE_URL/);
  });

  it('when production has its secrets, then demo data stays off unless asked for', () => {
    const env = { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), DATABASE_URL: 'mysql://u:p@db:3306/llct' };
    const config = loadConfig(env);
    expect(config.seedDemo).to.equal(false);
    expect(config.cookieSecure).to.equal(true);
    expect(loadConfig({ ...env, SEED_DEMO: 'true' }).seedDemo).to.equal(true);
  });

  it('when a value is malformed, then the error names the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATA_DIR: dataDir })).to.throw(ConfigError, /PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x', DATA_DIR: dataDir })).to.throw(ConfigError, /DATABASE_URL/);
    expect(() => loadConfig({ SESSION_SECRET: 'short', DATA_DIR: dataDir })).to.throw(ConfigError, /SESSION_SECRET/);
  });

  it('when TRUST_PROXY is a hop count or a list, then it is passed on typed', () => {
    expect(loadConfig({ TRUST_PROXY: '1', DATA_DIR: dataDir }).trustProxy).to.equal(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback', DATA_DIR: dataDir }).trustProxy).to.equal('loopback');
    expect(loadConfig({ DATA_DIR: dataDir }).trustProxy).to.equal(false);
  });

  it('when a database URL carries a password, then the printable form hides it', () => {
    expect(redactUrl('mysql://app:secret@db:3306/llct')).to.equal('mysql://app:***@db:3306/llct');
  });
});
