import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { AuditLog, Unit } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { makeUser, unitByCode } from '../helpers/factories.js';
import { postForm, signIn, type Agent } from '../helpers/http.js';

// These tests change the signer of two committees; certificate tests elsewhere read signers, so the original
// values are put back afterwards.
describe('unit settings', () => {
  let app: App;
  let quanSu: Unit;
  let congAn: Unit;
  let quanSuStaff: Agent;
  let admin: Agent;
  const saved: Array<Pick<Unit, 'id' | 'signerName' | 'signerTitle' | 'signerAuthority'>> = [];

  before(async () => {
    app = makeApp();
    quanSu = await unitByCode('DUQS');
    congAn = await unitByCode('DUCA');
    for (const u of [quanSu, congAn]) saved.push({ id: u.id, signerName: u.signerName, signerTitle: u.signerTitle, signerAuthority: u.signerAuthority });
    quanSuStaff = await signIn(app, (await makeUser({ role: 'center', unitCode: 'DUQS' })).username);
    admin = await signIn(app, (await makeUser({ role: 'admin' })).username);
  });

  after(async () => {
    for (const { id, ...values } of saved) await Unit.update(values, { where: { id } });
  });

  const current = async (unit: Unit) => (await Unit.findByPk(unit.id))!;

  it('when the admin lists units, then every unit shows with code, name and kind, each with a link', async () => {
    const res = await admin.get('/units');
    expect(res.status).to.equal(200);
    // Other tests add units of their own to the shared database: every seeded unit has its row.
    const rows = [...res.text.matchAll(/<tr data-unit="([A-Z0-9]+)"/g)].map((m) => m[1]);
    expect(rows).to.include.members(['BTGTU', 'TTCTHY', 'TTCTMH', 'TTCTVL', 'TTCTVG', 'TTCTYM', 'TTCTAT', 'TTCTKC', 'TTCTKD', 'TTCTTL', 'TTCTPC', 'DUKCCQ', 'DUKDN', 'DUQS', 'DUCA']);
    expect(res.text).to.contain('<code>TTCTVL</code>').and.contain('Trung tâm Chính trị huyện Văn Lâm').and.contain('Đảng ủy trực thuộc');
    expect(res.text).to.contain(`href="/units/${congAn.id}"`);
  });

  it('when a center lists units, then it sees them all but can open only its own', async () => {
    const res = await quanSuStaff.get('/units');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('Đảng ủy Công an tỉnh');
    expect(res.text).to.contain(`href="/units/${quanSu.id}"`);
    expect(res.text).not.to.contain(`href="/units/${congAn.id}"`);
  });

  it('when a center edits its own signer block, then it is stored in capitals where printed so, versioned and audited', async () => {
    const before = await current(quanSu);
    const page = await quanSuStaff.get(`/units/${quanSu.id}/edit`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain(`name="lockVersion" value="${before.lockVersion}"`);
    const res = await postForm(quanSuStaff, `/units/${quanSu.id}`, {
      lockVersion: before.lockVersion,
      signerName: ' Nguyễn Văn  Hùng ',
      signerTitle: 'phó bí thư',
      signerAuthority: 'tm. đảng ủy',
    });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`/units/${quanSu.id}`);
    const row = await current(quanSu);
    expect(row).to.deep.include({ signerName: 'Nguyễn Văn Hùng', signerTitle: 'PHÓ BÍ THƯ', signerAuthority: 'TM. ĐẢNG ỦY', lockVersion: before.lockVersion + 1 });
    const log = await AuditLog.findOne({ where: { entityType: 'unit', entityId: quanSu.id, action: 'update' }, order: [['id', 'DESC']] });
    expect(JSON.parse(log!.afterData!)).to.deep.equal({ signerName: 'Nguyễn Văn Hùng', signerTitle: 'PHÓ BÍ THƯ', signerAuthority: 'TM. ĐẢNG ỦY' });
    const show = await quanSuStaff.get(`/units/${quanSu.id}`);
    expect(show.text).to.contain('TM. ĐẢNG ỦY').and.contain('Nguyễn Văn Hùng').and.contain('Lịch sử thay đổi');
  });

  it('when the title is left empty, then that field says so and nothing changes', async () => {
    const before = await current(quanSu);
    const res = await postForm(quanSuStaff, `/units/${quanSu.id}`, { lockVersion: before.lockVersion, signerName: 'Ai đó', signerTitle: ' ' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="e-signerTitle" class="invalid-feedback">Vui lòng nhập trường này.');
    expect((await current(quanSu)).signerName).to.equal(before.signerName);
  });

  it('when someone saved the signer meanwhile, then 409 shows the current values and nothing is overwritten', async () => {
    const before = await current(quanSu);
    expect((await postForm(admin, `/units/${quanSu.id}`, { lockVersion: before.lockVersion, signerName: 'Trần Quốc Toản', signerTitle: 'BÍ THƯ' })).status).to.equal(303);
    const stale = await postForm(quanSuStaff, `/units/${quanSu.id}`, { lockVersion: before.lockVersion, signerName: 'Lê Văn Cũ', signerTitle: 'BÍ THƯ' });
    expect(stale.status).to.equal(409);
    expect(stale.text).to.contain('Bản ghi này vừa được người khác sửa');
    expect(stale.text).to.contain('data-current').and.contain('Trần Quốc Toản');
    expect(stale.text).to.contain(`name="lockVersion" value="${before.lockVersion + 1}"`);
    expect((await current(quanSu)).signerName).to.equal('Trần Quốc Toản');
  });

  it('when a center opens or edits another unit, then 404 and nothing changes; the admin may edit any', async () => {
    const before = await current(congAn);
    expect((await quanSuStaff.get(`/units/${congAn.id}`)).status).to.equal(404);
    expect((await quanSuStaff.get(`/units/${congAn.id}/edit`)).status).to.equal(404);
    const res = await postForm(quanSuStaff, `/units/${congAn.id}`, { lockVersion: before.lockVersion, signerTitle: '' });
    expect(res.status).to.equal(404);
    expect((await current(congAn)).lockVersion).to.equal(before.lockVersion);
    const byAdmin = await postForm(admin, `/units/${congAn.id}`, { lockVersion: before.lockVersion, signerName: 'Phạm Văn Bình', signerTitle: 'BÍ THƯ', signerAuthority: '' });
    expect(byAdmin.status).to.equal(303);
    expect(await current(congAn)).to.deep.include({ signerName: 'Phạm Văn Bình', signerAuthority: null });
  });

  it('when an anonymous visitor or a trainee comes, then sign-in, 401/403, and nothing changes', async () => {
    const before = await current(quanSu);
    const page = await supertest(app).get(`/units/${quanSu.id}`);
    expect(page.status).to.equal(303);
    expect(page.headers.location).to.equal('/login');
    const post = await supertest(app).post(`/units/${quanSu.id}`).type('form').send({ lockVersion: before.lockVersion, signerTitle: 'X' });
    expect([401, 403]).to.include(post.status);
    const trainee = await signIn(app, (await makeUser({ role: 'trainee' })).username);
    expect((await trainee.get('/units')).status).to.equal(403);
    expect((await postForm(trainee, `/units/${quanSu.id}`, { lockVersion: before.lockVersion, signerTitle: 'X' })).status).to.equal(403);
    expect((await current(quanSu)).lockVersion).to.equal(before.lockVersion);
  });

  it('when a unit id does not exist, then 404', async () => {
    expect((await admin.get('/units/99999999')).status).to.equal(404);
  });
});
