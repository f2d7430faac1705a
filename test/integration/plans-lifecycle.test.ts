import { expect } from 'chai';
import type { App } from '../../server/app.js';
import { AuditLog, Plan, type User } from '../../server/db/models.js';
import { planInForce } from '../../server/plans/index.js';
import { makeApp } from '../helpers/app.js';
import { makeUser, unitByCode } from '../helpers/factories.js';
import { postForm, signIn, type Agent } from '../helpers/http.js';
import { DEFAULT_TARGETS, auditActions, freshYear, targetFields, targetsOf } from '../helpers/plans.js';

const idFrom = (location: string) => Number(/^\/plans\/(\d+)(?:\/edit)?$/.exec(location)?.[1]);
const lockOf = async (id: number) => (await Plan.findByPk(id))!.lockVersion;

describe('plan lifecycle through the pages', () => {
  let app: App;
  let vanlamUser: User;
  let adminUser: User;
  let vanlam: Agent;
  let admin: Agent;
  before(async () => {
    app = makeApp();
    vanlamUser = await makeUser({ role: 'center', unitCode: 'TTCTVL' });
    adminUser = await makeUser({ role: 'admin' });
    vanlam = await signIn(app, vanlamUser.username);
    admin = await signIn(app, adminUser.username);
  });

  it('when Văn Lâm drafts, submits, is returned, corrects, resubmits, is approved, amends and is approved again, then every step is stored, readable and audited', async () => {
    const unit = await unitByCode('TTCTVL');
    const year = freshYear('TTCTVL');

    // Draft
    let res = await postForm(vanlam, '/plans', { year, note: 'Theo Kế hoạch số 12-KH/HU', ...targetFields(DEFAULT_TARGETS) });
    expect(res.status).to.equal(303);
    const v1 = idFrom(res.headers.location!);
    let row = (await Plan.findByPk(v1))!;
    expect(row).to.deep.include({ unitId: unit.id, year, version: 1, status: 'draft', note: 'Theo Kế hoạch số 12-KH/HU', createdBy: vanlamUser.id, amendsPlanId: null });
    expect(await targetsOf(v1)).to.deep.equal({
      NTVD: { courses: 4, trainees: 320, quarters: [1, 1, 1, 1, 80, 80, 80, 80] },
      CNKT: { courses: 2, trainees: 150, quarters: [null, null, null, null, null, null, null, null] },
    });
    res = await vanlam.get(`/plans/${v1}`);
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('data-status="draft"').and.contain('Dự thảo');
    expect(res.text).to.match(/data-total="courses">6</).and.match(/data-total="trainees">470</);
    expect(res.text).to.contain(`action="/plans/${v1}/submit"`);
    expect(res.text).not.to.contain(`action="/plans/${v1}/approve"`);

    // Submit
    res = await postForm(vanlam, `/plans/${v1}/submit`, { lockVersion: await lockOf(v1) });
    expect(res.status).to.equal(303);
    row = (await Plan.findByPk(v1))!;
    expect(row.status).to.equal('submitted');
    expect(row.submittedBy).to.equal(vanlamUser.id);
    expect(row.submittedAt).to.be.instanceOf(Date);

    // Returned with a reason, which the unit then sees
    res = await postForm(admin, `/plans/${v1}/return`, { reason: 'Chưa có chỉ tiêu lớp Sơ cấp lý luận chính trị.', lockVersion: row.lockVersion });
    expect(res.status).to.equal(303);
    row = (await Plan.findByPk(v1))!;
    expect(row).to.deep.include({ status: 'returned', returnReason: 'Chưa có chỉ tiêu lớp Sơ cấp lý luận chính trị.', decidedBy: adminUser.id });
    res = await vanlam.get(`/plans/${v1}`);
    expect(res.text).to.contain('data-return-reason').and.contain('Chưa có chỉ tiêu lớp Sơ cấp lý luận chính trị.');

    // Corrected and submitted again
    const corrected = [...DEFAULT_TARGETS, { programCode: 'SCLLCT', plannedCourses: 1, plannedTrainees: 60 }];
    res = await postForm(vanlam, `/plans/${v1}`, { lockVersion: row.lockVersion, note: 'Đã bổ sung lớp Sơ cấp', ...targetFields(corrected) });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`/plans/${v1}`);
    expect(Object.keys(await targetsOf(v1)).sort()).to.deep.equal(['CNKT', 'NTVD', 'SCLLCT']);
    expect((await Plan.findByPk(v1))!.status).to.equal('returned');
    expect((await postForm(vanlam, `/plans/${v1}/submit`, { lockVersion: await lockOf(v1) })).status).to.equal(303);

    // Approved: locked, in force
    res = await postForm(admin, `/plans/${v1}/approve`, { lockVersion: await lockOf(v1) });
    expect(res.status).to.equal(303);
    row = (await Plan.findByPk(v1))!;
    expect(row.status).to.equal('approved');
    expect(row.decidedBy).to.equal(adminUser.id);
    expect((await planInForce(unit.id, year))!.id).to.equal(v1);
    expect((await vanlam.get(`/plans/${v1}/edit`)).status).to.equal(409);

    // Amended: a new draft version copying the targets, which goes through the same steps
    res = await postForm(vanlam, `/plans/${v1}/amend`, { lockVersion: row.lockVersion });
    expect(res.status).to.equal(303);
    const v2 = idFrom(res.headers.location!);
    expect(res.headers.location).to.equal(`/plans/${v2}/edit`);
    expect(await Plan.findByPk(v2)).to.deep.include({ unitId: unit.id, year, version: 2, status: 'draft', amendsPlanId: v1 });
    expect(await targetsOf(v2)).to.deep.equal(await targetsOf(v1));
    const amended = [{ programCode: 'NTVD', plannedCourses: 5, plannedTrainees: 400, quarters: { courses: [2, 1, 1, 1], trainees: [160, 80, 80, 80] } }, corrected[1]!, corrected[2]!];
    res = await postForm(vanlam, `/plans/${v2}`, { lockVersion: await lockOf(v2), note: 'Đã bổ sung lớp Sơ cấp', ...targetFields(amended) });
    expect(res.status).to.equal(303);
    expect((await postForm(vanlam, `/plans/${v2}/submit`, { lockVersion: await lockOf(v2) })).status).to.equal(303);
    // Until the amendment is approved, version 1 stays in force.
    expect((await planInForce(unit.id, year))!.version).to.equal(1);
    expect((await postForm(admin, `/plans/${v2}/approve`, { lockVersion: await lockOf(v2) })).status).to.equal(303);

    const inForce = (await planInForce(unit.id, year))!;
    expect(inForce).to.deep.include({ id: v2, version: 2, status: 'approved', inForce: true });
    expect(inForce.targets.find((t) => t.programCode === 'NTVD')).to.deep.include({ plannedCourses: 5, plannedTrainees: 400, quarters: { courses: [2, 1, 1, 1], trainees: [160, 80, 80, 80] } });
    expect(inForce.totals).to.deep.include({ plannedCourses: 8, plannedTrainees: 610 });

    // The old version stays readable, marked as superseded, with its own figures.
    expect((await Plan.findByPk(v1))!.status).to.equal('approved');
    res = await vanlam.get(`/plans/${v1}`);
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('Đã được thay thế bởi phiên bản đã duyệt sau');
    expect(res.text).to.match(/data-total="courses">7</);
    expect(res.text).to.contain(`href="/plans/${v2}"`);

    // The audit log shows each step, by whom.
    expect(await auditActions(v1)).to.deep.equal(['create', 'submit', 'return', 'update', 'submit', 'approve']);
    expect(await auditActions(v2)).to.deep.equal(['amend', 'update', 'submit', 'approve']);
    const approval = await AuditLog.findOne({ where: { entityType: 'plan', entityId: v2, action: 'approve' } });
    expect(approval).to.deep.include({ userId: adminUser.id, unitId: unit.id });
    expect(JSON.parse(approval!.afterData!)).to.deep.equal({ status: 'approved' });
    const edit = await AuditLog.findOne({ where: { entityType: 'plan', entityId: v2, action: 'update' } });
    expect(JSON.parse(edit!.beforeData!)).to.deep.equal({ 'targets.NTVD': '4 / 320 (Q: 1+1+1+1 / 80+80+80+80)' });
    expect(JSON.parse(edit!.afterData!)).to.deep.equal({ 'targets.NTVD': '5 / 400 (Q: 2+1+1+1 / 160+80+80+80)' });
    res = await admin.get(`/plans/${v2}`);
    expect(res.text).to.contain('Phê duyệt').and.contain('Điều chỉnh').and.contain(adminUser.username);
  });
});
