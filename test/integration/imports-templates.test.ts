import { expect } from 'chai';
import ExcelJS from 'exceljs';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { makeApp } from '../helpers/app.js';
import { makeTrainee, makeUser } from '../helpers/factories.js';
import { signIn } from '../helpers/http.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const binary = (res: supertest.Response, done: (err: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('import templates (download)', () => {
  let app: App;
  before(() => {
    app = makeApp();
  });

  for (const [path, sheet, fileName] of [
    ['/imports/template.xlsx', 'Danh sách học viên', 'mau-danh-sach-hoc-vien.xlsx'],
    ['/imports/results-template.xlsx', 'Kết quả học tập', 'mau-ket-qua-hoc-tap.xlsx'],
  ] as const) {
    it(`when center staff download ${path}, then they get an .xlsx whose first sheet is "${sheet}"`, async () => {
      const agent = await signIn(app, (await makeUser({ role: 'center' })).username);
      const res = await agent.get(path).buffer(true).parse(binary);
      expect(res.status).to.equal(200);
      expect(res.headers['content-type']).to.equal(XLSX);
      expect(res.headers['content-disposition']).to.equal(`attachment; filename=${fileName}`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as ExcelJS.Buffer);
      expect(workbook.worksheets[0]!.name).to.equal(sheet);
    });
  }

  it('when the board downloads the template, then it gets it too', async () => {
    const agent = await signIn(app, (await makeUser({ role: 'admin' })).username);
    expect((await agent.get('/imports/template.xlsx')).status).to.equal(200);
  });

  it('when an anonymous visitor asks for a template, then they are sent to sign in', async () => {
    const res = await supertest(app).get('/imports/template.xlsx');
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/login');
  });

  it('when a trainee asks for a template, then 403', async () => {
    const trainee = await makeTrainee();
    const agent = await signIn(app, (await makeUser({ role: 'trainee', traineeId: trainee.id })).username);
    expect((await agent.get('/imports/results-template.xlsx')).status).to.equal(403);
  });
});
