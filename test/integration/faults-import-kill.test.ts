// Issue #15 item 3 (a): the database goes away in the middle of an import's commit — after the new trainees were
// inserted, as the first enrollments INSERT is sent — and the app is restarted. Nothing of the import is left:
// no trainee, no enrollment, no batch, no audit row; the kept upload is still there, so the same file commits
// in full once the database is back. The cut is made by a proxy between the app process and MariaDB the moment
// that statement passes, so the fault lands at the same point on every run.
import { expect } from 'chai';
import { ImportBatch, Enrollment, Trainee, AuditLog } from '../../server/db/models.js';
import { realisticRoster } from '../helpers/rosters.js';
import { rosterXlsx, upload, commitFrom } from '../helpers/imports.js';
import { makeCourse, makeUser, randomNationalId } from '../helpers/factories.js';
import { mariaDbVia, onMariaDb, signInTo, startFaultApp } from '../helpers/fault-app.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { makeUnit } from '../helpers/units.js';

const ROWS = 700; // two chunks of trainees (500 a statement), so the cut falls after more than one write

describe('faults: the database lost in the middle of an import (issue #15 item 3)', function () {
  this.timeout(120_000);

  it('when MariaDB goes away as the enrollments are being written and the app restarts, then nothing of the import is left, and the same file then commits whole', async function () {
    if (!onMariaDb()) {
      this.test!.title += ' — skipped: SQLite is embedded in the app process, there is no database server to lose (run with TEST_DATABASE_URL=mysql://…)';
      this.skip();
    }
    const unit = await makeUnit({ validFrom: '2072-01-01' });
    const course = await makeCourse({ unitCode: unit.code, startDate: '2072-03-02', endDate: '2072-03-13', status: 'planned', capacity: 1000 });
    const staff = await makeUser({ role: 'center', unitCode: unit.code });
    const rows = realisticRoster(ROWS, 2072).map((r) => ({ ...r, nationalId: randomNationalId() }));
    const ids = rows.map((r) => r.nationalId!);
    const file = await rosterXlsx(rows);

    const target = new URL(process.env.TEST_DATABASE_URL!);
    const proxy = new TcpProxy(target.hostname, Number(target.port || 3306));
    const port = await proxy.start();
    let app = await startFaultApp(mariaDbVia(port));
    try {
      const agent = await signInTo(app.url, staff.username);
      const posted = await upload(agent, course.id, file);
      expect(posted.status, posted.text.slice(0, 300)).to.equal(303);
      const previewPath = posted.headers.location as string;

      const cut = proxy.cutWhen('INSERT INTO `enrollments`');
      const commit = await commitFrom(agent, previewPath);
      await cut;
      expect(commit.status, 'the commit does not claim success').to.equal(503);
      expect(commit.text).to.contain('Tạm thời gián đoạn');

      // The app is restarted while the database is still away (an operator's first reflex), then the database returns.
      await app.stop();
      app.cleanup();
      await proxy.start(port);
      app = await startFaultApp(mariaDbVia(port));

      expect(await Trainee.count({ where: { nationalId: ids } }), 'trainees').to.equal(0);
      expect(await Enrollment.count({ where: { courseId: course.id } }), 'enrollments').to.equal(0);
      expect(await ImportBatch.count({ where: { courseId: course.id } }), 'import batches').to.equal(0);
      expect(await AuditLog.count({ where: { unitId: unit.id, action: ['import', 'enroll'] } }), 'audit rows').to.equal(0);

      const again = await signInTo(app.url, staff.username);
      const second = await commitFrom(again, previewPath);
      expect(second.status, second.text.slice(0, 300)).to.equal(303);
      expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(ROWS);
      expect(await Trainee.count({ where: { nationalId: ids } })).to.equal(ROWS);
      expect(await ImportBatch.count({ where: { courseId: course.id } })).to.equal(1);
    } finally {
      await app.stop();
      app.cleanup();
      await proxy.stop();
    }
  });
});
