// Acceptance for issue #6, on the demo data: "a demo trainee signs in, sees their 2023–2024 courses and
// downloads a certificate whose QR code decodes to the verification address, which says the certificate is
// valid". The app runs as a real process on a fresh database of the suite's kind (SQLite or MariaDB) seeded
// with the demo data, as `npm start` does.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import supertest from 'supertest';
import { createSequelize } from '../../server/db/sequelize.js';
import { DEMO_PASSWORD } from '../../seeders/support/demo-password.js';
import { startAppProcess, TSX_MAIN, type AppProcess } from '../helpers/app-process.js';
import { scratchDatabaseUrl } from '../helpers/db.js';
import { binary } from '../helpers/documents.js';
import { csrfFrom, type Agent } from '../helpers/http.js';
import { qrFromPdf } from '../helpers/portal.js';

describe('acceptance (issue #6): a demo trainee downloads a certificate whose QR code verifies', function () {
  this.timeout(600_000);
  let url: string;
  let app: AppProcess | undefined;
  let scratch: { url: string; cleanup: () => void };
  let dataDir: string;
  let trainee: Agent;
  let me: string;

  before(async () => {
    scratch = await scratchDatabaseUrl('download');
    dataDir = mkdtempSync(path.join(tmpdir(), 'llct-download-'));
    app = await startAppProcess(TSX_MAIN, { DATABASE_URL: scratch.url, DATA_DIR: dataDir, SEED_DEMO: 'true', SCRYPT_LOG_N: '12' });
    url = app.url;
    expect(app.output()).to.contain('demo data loaded');

    trainee = supertest.agent(url);
    const login = await trainee.get('/login');
    const res = await trainee.post('/login').type('form').send({ username: 'hocvien1', password: DEMO_PASSWORD, _csrf: csrfFrom(login.text) });
    expect(res.status, 'hocvien1 signs in').to.equal(303);
    const home = await trainee.get('/').redirects(2);
    expect(home.status).to.equal(200);
    me = home.text;
  });

  after(async () => {
    await app?.stop();
    scratch?.cleanup();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('when hocvien1 signs in, then "Hồ sơ của tôi" shows their 2023 and 2024 courses and a valid certificate to download', () => {
    expect(me).to.contain('Hồ sơ của tôi');
    expect(me).to.contain('data-year="2023"');
    expect(me).to.contain('data-year="2024"');
    expect(me).to.match(/href="\/certificates\/\d+\.pdf"/);
  });

  it("when that certificate's verification address is opened, then it says the certificate is valid", async () => {
    const id = Number(/href="\/certificates\/(\d+)\.pdf"/.exec(me)![1]);
    const sequelize = createSequelize({ url: scratch.url });
    try {
      const [row] = await sequelize.query<{ code: string; number: string }>('SELECT verify_code AS code, number FROM certificates WHERE id = :id', { replacements: { id }, type: QueryTypes.SELECT });
      const page = await supertest(url).get(`/verify/${row!.code}`);
      expect(page.status).to.equal(200);
      expect(page.text).to.contain('Giấy chứng nhận hợp lệ');
      expect(page.text).to.contain(row!.number);
    } finally {
      await sequelize.close();
    }
  });

  it('when the certificate PDF is downloaded, then its QR code decodes to the verification address, which says valid', async () => {
    const link = /href="(\/certificates\/(\d+)\.pdf)"/.exec(me)!;
    const pdf = await trainee.get(link[1]!).buffer(true).parse(binary);
    expect(pdf.status, `GET ${link[1]} as the certificate's holder`).to.equal(200);
    expect(pdf.headers['content-type']).to.match(/^application\/pdf/);

    const target = await qrFromPdf(pdf.body as Buffer);
    expect(target, 'a QR code on the certificate').to.be.a('string');
    expect(target).to.match(new RegExp(`^${url.replace(/[.:/]/g, '\\$&')}/verify/[A-Za-z0-9_-]+$`));

    const verification = await supertest(url).get(new URL(target!).pathname);
    expect(verification.status).to.equal(200);
    expect(verification.text).to.contain('Giấy chứng nhận hợp lệ');
    expect(verification.text).to.contain('data-status="valid"');
  });
});
