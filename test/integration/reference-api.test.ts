import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { AuditLog, Course } from '../../server/db/models.js';
import { audit } from '../../server/audit/audit.service.js';
import { updateVersioned } from '../../server/lib/versioned.js';
import { AppError } from '../../server/http/errors.js';
import { makeApp } from '../helpers/app.js';
import { makeCourse, makeToken, makeUser } from '../helpers/factories.js';

describe('reference API and OpenAPI', () => {
  let app: App;
  let token: string;
  before(async () => {
    app = makeApp();
    token = await makeToken(await makeUser({ role: 'center' }));
  });

  it('when a client lists units, then the board and the 14 training units come with codes and names', async () => {
    const res = await supertest(app).get('/api/v1/units').set('Authorization', `Bearer ${token}`);
    expect(res.status).to.equal(200);
    // Other tests add units of their own to the shared database: the seeded fifteen must all be there.
    const codes = (res.body.units as Array<{ code: string }>).map((u) => u.code);
    expect(codes).to.include.members(['BTGTU', 'TTCTHY', 'TTCTMH', 'TTCTVL', 'TTCTVG', 'TTCTYM', 'TTCTAT', 'TTCTKC', 'TTCTKD', 'TTCTTL', 'TTCTPC', 'DUKCCQ', 'DUKDN', 'DUQS', 'DUCA']);
    expect(res.body.units.find((u: { code: string }) => u.code === 'TTCTVL')).to.include({ name: 'Trung tâm Chính trị huyện Văn Lâm', kind: 'center' });
  });

  it('when a client lists programs, then each carries its category and grading thresholds', async () => {
    const res = await supertest(app).get('/api/v1/programs').set('Authorization', `Bearer ${token}`);
    expect(res.status).to.equal(200);
    expect(res.body.programs).to.have.length(8);
    const sc = res.body.programs.find((p: { code: string }) => p.code === 'SCLLCT');
    expect(sc).to.deep.include({ category: 'dao-tao', completionRule: 'score', thresholds: { excellent: 9, good: 8, fair: 7, pass: 5, minAttendance: 0.8 } });
  });

  it('when anyone asks for the OpenAPI document, then it describes the v1 paths with bearer security', async () => {
    const res = await supertest(app).get('/api/openapi.json');
    expect(res.status).to.equal(200);
    expect(res.body.openapi).to.match(/^3\./);
    expect(res.body.paths).to.have.property('/units');
    expect(res.body.paths['/programs'].get.responses).to.have.property('200');
    expect(res.body.components.securitySchemes.bearer.scheme).to.equal('bearer');
  });
});

describe('shared persistence helpers', () => {
  it('when a save names a stale version, then it is refused with the current values and nothing is overwritten', async () => {
    const course = await makeCourse();
    const version = await updateVersioned(Course, course.id, 0, { place: 'Phòng 1' });
    expect(version).to.equal(1);
    let error: unknown;
    try {
      await updateVersioned(Course, course.id, 0, { place: 'Phòng 2' }, { present: (c) => ({ place: c.place, lockVersion: c.lockVersion }) });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(AppError);
    expect((error as AppError).kind).to.equal('conflict');
    expect((error as AppError).details).to.deep.equal({ place: 'Phòng 1', lockVersion: 1 });
    expect((await Course.findByPk(course.id))!.place).to.equal('Phòng 1');
  });

  it('when an action is audited, then the row keeps who, what and the masked values', async () => {
    const user = await makeUser({ role: 'center' });
    await audit(
      { id: user.id, username: user.username, fullName: '', role: 'center', unitId: user.unitId, unitName: null, traineeId: null, locale: null, via: 'session', requestId: 'req-1' },
      { action: 'create', entityType: 'trainee', entityId: 42, unitId: user.unitId, after: { nationalId: '034012345612' } },
    );
    const row = await AuditLog.findOne({ where: { requestId: 'req-1' } });
    expect(row).to.include({ username: user.username, action: 'create', entityType: 'trainee', entityId: 42 });
    expect(JSON.parse(row!.afterData!)).to.deep.equal({ nationalId: '0340******12' });
  });
});
