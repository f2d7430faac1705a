// Issue #15 item 3 (c): SIGTERM reaches the app process while it is drawing a long PDF (the roster of a course of
// 1,500 people). The request in flight finishes with the whole PDF, nothing new is accepted, and the process then
// exits 0 (server/main.ts: close the listener, finish what runs, close the database).
import http from 'node:http';
import { expect } from 'chai';
import { allText, pdfPages } from '../helpers/documents.js';
import { makeCourse, makeUser, randomNationalId } from '../helpers/factories.js';
import { commitFrom, rosterXlsx, upload } from '../helpers/imports.js';
import { signInTo, startFaultApp } from '../helpers/fault-app.js';
import { realisticRoster } from '../helpers/rosters.js';
import { makeUnit } from '../helpers/units.js';
import { Enrollment } from '../../server/db/models.js';

const PEOPLE = 1500;

/** GET with the agent's cookie; resolves once the request has been written to the socket, with the response to come. */
function startGet(url: string, cookie: string): Promise<{ response: Promise<{ status: number; type: string; body: Buffer; at: number }> }> {
  return new Promise((sent, fail) => {
    const req = http.get(url, { headers: { Cookie: cookie }, agent: false });
    const response = new Promise<{ status: number; type: string; body: Buffer; at: number }>((resolve, reject) => {
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: Buffer.concat(chunks), at: Date.now() }));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
    req.on('finish', () => sent({ response }));
    req.on('error', fail);
  });
}

describe('faults: SIGTERM during a PDF (issue #15 item 3)', function () {
  this.timeout(120_000);

  it('when the process gets SIGTERM while a long roster PDF is drawn, then the PDF arrives whole, nothing new is served, and the process exits 0', async () => {
    const unit = await makeUnit({ validFrom: '2073-01-01' });
    const course = await makeCourse({ unitCode: unit.code, startDate: '2073-05-04', endDate: '2073-05-15', status: 'planned', capacity: 2000 });
    const staff = await makeUser({ role: 'center', unitCode: unit.code });
    const rows = realisticRoster(PEOPLE, 2073).map((r) => ({ ...r, nationalId: randomNationalId() }));
    const app = await startFaultApp();
    try {
      const agent = await signInTo(app.url, staff.username);
      const posted = await upload(agent, course.id, await rosterXlsx(rows));
      expect(posted.status, posted.text.slice(0, 300)).to.equal(303);
      expect((await commitFrom(agent, posted.headers.location as string)).status).to.equal(303);
      expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(PEOPLE);

      const exited = new Promise<number | null>((resolve) => app.process.once('exit', (code) => resolve(code)));
      const { response } = await startGet(`${app.url}/courses/${course.id}/roster.pdf`, agent.cookie);
      // The request is on the wire; the idle process reads it at once and starts drawing (seconds for 1,500 rows).
      // Drawing holds the event loop, so the handler runs at the next turn of it; the response needs a later turn
      // to be written, so the log's order below shows the shutdown began with the PDF still in flight.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const signalledAt = Date.now();
      process.kill(app.process.pid!, 'SIGTERM');
      // Once the process has begun shutting down (its log says so), a new connection is not served.
      for (let i = 0; i < 3600 && !app.output().includes('"msg":"shutting down'); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(app.output(), 'the process logs its shutdown before the probe').to.contain('"msg":"shutting down');
      const refused = await fetch(`${app.url}/healthz`).then(
        (r) => `answered ${r.status}`,
        (err: Error & { cause?: { code?: string } }) => err.cause?.code ?? err.message,
      );

      const pdf = await response;
      expect(pdf.at, 'the PDF was still being drawn when the signal was sent').to.be.greaterThan(signalledAt);
      expect(pdf.status).to.equal(200);
      expect(pdf.type).to.equal('application/pdf');
      expect(pdf.body.subarray(0, 5).toString()).to.equal('%PDF-');
      expect(pdf.body.subarray(-6).toString()).to.contain('%%EOF');
      const text = allText(await pdfPages(pdf.body));
      expect(text).to.contain(rows[0]!.fullName).and.contain(rows[PEOPLE - 1]!.fullName);
      // Refused when the listener was already closed; reset when the kernel had queued the handshake in the listen
      // backlog while the event loop was busy drawing, and the listener closed before accepting it. Both: not served.
      expect(['ECONNREFUSED', 'ECONNRESET'], `a new connection after SIGTERM: ${refused}`).to.include(refused);

      expect(await exited).to.equal(0);
      const log = app.output();
      const shutdown = log.indexOf('"msg":"shutting down: finishing requests in flight"');
      const served = log.indexOf(`"url":"/courses/${course.id}/roster.pdf"`);
      expect(shutdown, log.slice(-2000)).to.be.greaterThan(-1);
      expect(served, 'the PDF request is logged as completed after the shutdown began').to.be.greaterThan(shutdown);
      expect(log).to.contain('"msg":"stopped"');
    } finally {
      await app.stop();
      app.cleanup();
    }
  });
});
