import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { Plan, PlanTarget } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { makeUser, unitByCode } from '../helpers/factories.js';
import { postForm, signIn, type Agent } from '../helpers/http.js';
import { DEFAULT_TARGETS, auditActions, freshYear, makePlan, targetFields, targetsOf } from '../helpers/plans.js';

describe('plan pages', () => {
  let app: App;
  let vanlam: Agent;
  let vangiang: Agent;
  let admin: Agent;
  before(async () => {
    app = makeApp();
    vanlam = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTVL' })).username);
    vangiang = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTVG' })).username);
    admin = await signIn(app, (await makeUser({ role: 'admin' })).username);
  });

  describe('the form', () => {
    it('when a quarter split is incomplete or does not add up, then each offending field says so in Vietnamese and nothing is stored', async () => {
      const year = freshYear('TTCTVL');
      const fields = targetFields([{ programCode: 'NTVD', plannedCourses: 4, plannedTrainees: 320, quarters: { courses: [1, 1, 1, 2], trainees: [80, 80, 80, 80] } }]);
      fields.NTVD_q3_trainees = '';
      const res = await postForm(vanlam, '/plans', { year, ...fields });
      expect(res.status).to.equal(422);
      expect(res.text).to.match(/id="f-NTVD_courses"[^>]*\n?[^>]*is-invalid/);
      expect(res.text).to.contain('id="e-NTVD_courses" class="invalid-feedback">Tổng bốn quý là 5, chưa bằng số cả năm (4).');
      expect(res.text).to.contain('id="e-NTVD_q3_trainees" class="invalid-feedback">Nhập đủ cả bốn quý, hoặc để trống cả bốn.');
      expect(res.text).not.to.contain('id="e-NTVD_trainees"');
      // The typed values come back, with the quarter inputs open.
      expect(res.text).to.match(/name="NTVD_q4_courses"[^>]*value="2"/);
      expect(res.text).to.match(/<details open>/);
      expect(await Plan.count({ where: { unitId: (await unitByCode('TTCTVL')).id, year } })).to.equal(0);
    });

    it('when only one of courses and trainees is given, or a number is negative, then that field says so', async () => {
      const year = freshYear('TTCTVL');
      const res = await postForm(vanlam, '/plans', { year, ...targetFields([]), DVM_courses: '2', LSD_courses: '-1', LSD_trainees: '10' });
      expect(res.status).to.equal(422);
      expect(res.text).to.contain('id="e-DVM_trainees" class="invalid-feedback">Nhập cả số lớp và số học viên (có thể là 0).');
      expect(res.text).to.contain('id="e-LSD_courses" class="invalid-feedback">Giá trị phải từ 0 trở lên.');
      expect(await Plan.count({ where: { year } })).to.equal(0);
    });

    it('when the year is missing, then the year field says so', async () => {
      const res = await postForm(vanlam, '/plans', { year: '', ...targetFields(DEFAULT_TARGETS) });
      expect(res.status).to.equal(422);
      expect(res.text).to.contain('id="e-year" class="invalid-feedback">Vui lòng nhập số.');
    });

    it("when a center names another unit in the form, then the plan is still its own", async () => {
      const vanGiang = await unitByCode('TTCTVG');
      const year = freshYear('TTCTVL');
      const res = await postForm(vanlam, '/plans', { year, unitId: vanGiang.id, ...targetFields(DEFAULT_TARGETS) });
      expect(res.status).to.equal(303);
      const plan = await Plan.findOne({ where: { year, unitId: (await unitByCode('TTCTVL')).id } });
      expect(plan).to.not.equal(null);
      expect(await Plan.count({ where: { year, unitId: vanGiang.id } })).to.equal(0);
    });

    it('when the unit already has a plan for the year, then "new" leads to it and creating another is refused with 409', async () => {
      const plan = await makePlan({ unitCode: 'TTCTVL', status: 'approved' });
      const res = await vanlam.get(`/plans/new?year=${plan.year}`);
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal(`/plans/${plan.id}`);
      const again = await postForm(vanlam, '/plans', { year: plan.year, ...targetFields(DEFAULT_TARGETS) });
      expect(again.status).to.equal(409);
      expect(again.text).to.contain('đã được duyệt; muốn thay đổi hãy dùng &quot;Điều chỉnh&quot;');
      expect(await Plan.count({ where: { unitId: plan.unitId, year: plan.year } })).to.equal(1);
    });

    it('when someone saved the plan meanwhile, then the stale save answers 409, shows the current values and overwrites nothing', async () => {
      const plan = await makePlan({ unitCode: 'TTCTVL' });
      const page = await vanlam.get(`/plans/${plan.id}/edit`);
      expect(page.text).to.contain('name="lockVersion" value="0"');
      // Someone else saves first.
      const first = await postForm(admin, `/plans/${plan.id}`, { lockVersion: 0, note: 'Bản của Ban', ...targetFields([{ programCode: 'NTVD', plannedCourses: 6, plannedTrainees: 480 }]) });
      expect(first.status).to.equal(303);
      const stale = await postForm(vanlam, `/plans/${plan.id}`, { lockVersion: 0, note: 'Bản của đơn vị', ...targetFields([{ programCode: 'NTVD', plannedCourses: 9, plannedTrainees: 700 }]) });
      expect(stale.status).to.equal(409);
      expect(stale.text).to.contain('Bản ghi này vừa được người khác sửa');
      expect(stale.text).to.contain('data-current').and.contain('Giá trị hiện tại trong hệ thống');
      expect(stale.text).to.match(/data-current-target="NTVD"><td>[^<]+<\/td><td class="num">6<\/td><td class="num">480<\/td>/);
      // The form keeps what the user typed, and now carries the current version so a deliberate re-save works.
      expect(stale.text).to.match(/name="NTVD_courses"[^>]*value="9"/);
      expect(stale.text).to.contain('name="lockVersion" value="1"');
      const row = (await Plan.findByPk(plan.id))!;
      expect(row.note).to.equal('Bản của Ban');
      expect(row.lockVersion).to.equal(1);
      expect(await targetsOf(plan.id)).to.deep.equal({ NTVD: { courses: 6, trainees: 480, quarters: [null, null, null, null, null, null, null, null] } });
    });

    it('when an action is posted from a stale page, then 409 and the status is unchanged', async () => {
      const plan = await makePlan({ unitCode: 'TTCTVL', status: 'submitted' });
      await plan.update({ lockVersion: 3 });
      const res = await postForm(admin, `/plans/${plan.id}/approve`, { lockVersion: 2 });
      expect(res.status).to.equal(409);
      expect(res.text).to.contain('Bản ghi này vừa được người khác sửa');
      expect((await Plan.findByPk(plan.id))!.status).to.equal('submitted');
    });
  });

  describe('steps not allowed', () => {
    it('when a center tries to approve or return its own submitted plan, then 403 and nothing changes', async () => {
      const plan = await makePlan({ unitCode: 'TTCTVL', status: 'submitted' });
      const approve = await postForm(vanlam, `/plans/${plan.id}/approve`, { lockVersion: 0 });
      expect(approve.status).to.equal(403);
      expect(approve.text).to.contain('Chỉ Ban Tuyên giáo Tỉnh ủy được phê duyệt hoặc trả lại kế hoạch.');
      expect((await postForm(vanlam, `/plans/${plan.id}/return`, { reason: 'Tự trả lại' })).status).to.equal(403);
      expect((await Plan.findByPk(plan.id))!.status).to.equal('submitted');
      expect(await auditActions(plan.id)).to.deep.equal([]);
      const page = await vanlam.get(`/plans/${plan.id}`);
      expect(page.text).not.to.contain(`action="/plans/${plan.id}/approve"`);
    });

    it('when the admin approves a draft, then 409 with a clear Vietnamese message on the plan page', async () => {
      const plan = await makePlan({ unitCode: 'TTCTVL', status: 'draft' });
      const res = await postForm(admin, `/plans/${plan.id}/approve`, {});
      expect(res.status).to.equal(409);
      expect(res.text).to.contain('Chỉ phê duyệt được kế hoạch ở trạng thái Đã trình.');
      expect(res.text).to.contain('data-targets');
      expect((await Plan.findByPk(plan.id))!.status).to.equal('draft');
    });

    it('when an approved plan is edited, then 409 and its targets stay', async () => {
      const plan = await makePlan({ unitCode: 'TTCTVL', status: 'approved' });
      const res = await postForm(vanlam, `/plans/${plan.id}`, { lockVersion: 0, ...targetFields([{ programCode: 'NTVD', plannedCourses: 1, plannedTrainees: 1 }]) });
      expect(res.status).to.equal(409);
      expect(res.text).to.contain('Kế hoạch đã duyệt muốn thay đổi thì dùng');
      expect((await targetsOf(plan.id)).NTVD!.courses).to.equal(4);
    });

    it('when a plan without targets is submitted, then 422 says what is missing', async () => {
      const plan = await makePlan({ unitCode: 'TTCTVL', targets: [] });
      const res = await postForm(vanlam, `/plans/${plan.id}/submit`, { lockVersion: 0 });
      expect(res.status).to.equal(422);
      expect(res.text).to.contain('Kế hoạch chưa có chỉ tiêu nào');
      expect((await Plan.findByPk(plan.id))!.status).to.equal('draft');
    });

    it('when the admin returns a plan without a reason, then the reason field says so', async () => {
      const plan = await makePlan({ unitCode: 'TTCTVL', status: 'submitted' });
      const res = await postForm(admin, `/plans/${plan.id}/return`, { reason: '  ', lockVersion: 0 });
      expect(res.status).to.equal(422);
      expect(res.text).to.contain('id="e-reason" class="invalid-feedback">Vui lòng nhập trường này.');
      expect((await Plan.findByPk(plan.id))!.status).to.equal('submitted');
    });

    it('when an amendment is already open, or an older version is amended, then 409 and no new version appears', async () => {
      const v1 = await makePlan({ unitCode: 'TTCTVL', status: 'approved' });
      const v2 = await makePlan({ unitCode: 'TTCTVL', year: v1.year, version: 2, status: 'approved', amendsPlanId: v1.id });
      const v3 = await makePlan({ unitCode: 'TTCTVL', year: v1.year, version: 3, status: 'draft', amendsPlanId: v2.id });
      const old = await postForm(vanlam, `/plans/${v1.id}/amend`, {});
      expect(old.status).to.equal(409);
      expect(old.text).to.contain('Chỉ điều chỉnh được phiên bản đã duyệt đang có hiệu lực.');
      const open = await postForm(vanlam, `/plans/${v2.id}/amend`, {});
      expect(open.status).to.equal(409);
      expect(open.text).to.contain('đang soạn hoặc chờ duyệt (phiên bản 3)');
      expect(await Plan.count({ where: { unitId: v1.unitId, year: v1.year } })).to.equal(3);
      expect(v3.status).to.equal('draft');
    });
  });

  describe('scope and guards', () => {
    it('when the Văn Giang user opens or acts on a Văn Lâm plan, then 404 every time and nothing changes', async () => {
      const plan = await makePlan({ unitCode: 'TTCTVL', status: 'submitted' });
      const approved = await makePlan({ unitCode: 'TTCTVL', status: 'approved' });
      for (const path of [`/plans/${plan.id}`, `/plans/${plan.id}/edit`]) {
        expect((await vangiang.get(path)).status, path).to.equal(404);
      }
      const posts: Array<[string, Record<string, unknown>]> = [
        [`/plans/${plan.id}`, { lockVersion: 0, ...targetFields(DEFAULT_TARGETS) }],
        [`/plans/${plan.id}`, { lockVersion: 'x' }],
        [`/plans/${plan.id}/submit`, {}],
        [`/plans/${plan.id}/approve`, {}],
        [`/plans/${plan.id}/return`, { reason: '' }],
        [`/plans/${approved.id}/amend`, {}],
      ];
      for (const [path, body] of posts) {
        const res = await postForm(vangiang, path, body);
        expect(res.status, path).to.equal(404);
        expect(res.text).to.contain('Không tìm thấy');
      }
      expect((await Plan.findByPk(plan.id))!.status).to.equal('submitted');
      expect(await Plan.count({ where: { unitId: approved.unitId, year: approved.year } })).to.equal(1);
      const list = await vangiang.get('/plans');
      expect(list.text).not.to.contain(`data-plan="${plan.id}"`);
    });

    it('when an anonymous visitor opens plan pages, then the sign-in page; a post is refused and changes nothing', async () => {
      const plan = await makePlan({ unitCode: 'TTCTVL', status: 'submitted' });
      const res = await supertest(app).get(`/plans/${plan.id}`);
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal('/login');
      const post = await supertest(app).post(`/plans/${plan.id}/approve`).type('form').send({});
      expect([401, 403]).to.include(post.status);
      expect((await Plan.findByPk(plan.id))!.status).to.equal('submitted');
    });

    it('when a trainee opens the plans pages, then 403', async () => {
      const trainee = await signIn(app, (await makeUser({ role: 'trainee' })).username);
      expect((await trainee.get('/plans')).status).to.equal(403);
      expect((await trainee.get('/plans/new')).status).to.equal(403);
    });
  });

  describe('lists', () => {
    it('when a center opens /plans, then it sees its own plans by year and version, and no one else’s', async () => {
      const mine = await makePlan({ unitCode: 'TTCTVL', status: 'approved' });
      const amendment = await makePlan({ unitCode: 'TTCTVL', year: mine.year, version: 2, amendsPlanId: mine.id });
      const theirs = await makePlan({ unitCode: 'TTCTVG' });
      const res = await vanlam.get('/plans');
      expect(res.status).to.equal(200);
      expect(res.text).to.contain(`data-plan="${mine.id}"`).and.contain(`data-plan="${amendment.id}"`);
      expect(res.text).not.to.contain(`data-plan="${theirs.id}"`);
      expect(res.text.indexOf(`data-plan="${amendment.id}"`)).to.be.lessThan(res.text.indexOf(`data-plan="${mine.id}"`));
    });

    it('when the admin opens the status table for a year, then every unit shows its state and the approved totals add up', async () => {
      const year = 2038; // before every test unit's first year (test/helpers/units.ts), so the units listed are the province's 14
      const vl = await makePlan({ unitCode: 'TTCTVL', year, status: 'approved' });
      await makePlan({ unitCode: 'TTCTVL', year, version: 2, status: 'submitted', amendsPlanId: vl.id, targets: [{ programCode: 'NTVD', plannedCourses: 50, plannedTrainees: 5000 }] });
      await makePlan({ unitCode: 'TTCTVG', year, status: 'returned' });
      await makePlan({ unitCode: 'TTCTKC', year, status: 'approved', targets: [{ programCode: 'DVM', plannedCourses: 3, plannedTrainees: 210 }] });
      await makePlan({ unitCode: 'DUQS', year, status: 'draft' });
      const res = await admin.get(`/plans?year=${year}`);
      expect(res.status).to.equal(200);
      const row = (code: string) => new RegExp(`<tr data-unit="${code}" data-state="(\\w+)">([\\s\\S]*?)</tr>`).exec(res.text);
      expect(row('TTCTVL')![1]).to.equal('submitted');
      expect(row('TTCTVL')![2]).to.contain('Đã duyệt v1').and.contain('Đang điều chỉnh: Đã trình (phiên bản 2)').and.contain('470');
      expect(row('TTCTVG')![1]).to.equal('returned');
      expect(row('TTCTKC')![2]).to.contain('210');
      expect(row('DUQS')![1]).to.equal('draft');
      expect(row('TTCTPC')![1]).to.equal('none');
      expect(row('TTCTPC')![2]).to.contain('Chưa có kế hoạch').and.contain(`/plans/new?year=${year}&amp;unitId=`);
      expect(res.text).not.to.contain('data-unit="BTGTU"');
      expect(res.text).to.contain('Đã duyệt: 1/14 đơn vị · Chờ duyệt: 1 · Bị trả lại: 1 · Đang soạn: 1 · Chưa có: 10');
      expect(res.text).to.match(/data-total="courses">9</).and.match(/data-total="trainees">680</);
    });
  });

  describe('the board drafting for a unit', () => {
    it('when the admin drafts a plan for Phù Cừ, then it belongs to Phù Cừ and is audited under the admin', async () => {
      const year = freshYear('TTCTPC');
      const phuCu = await unitByCode('TTCTPC');
      const missing = await postForm(admin, '/plans', { year, ...targetFields(DEFAULT_TARGETS) });
      expect(missing.status).to.equal(422);
      expect(missing.text).to.contain('id="e-unitId"');
      const board = await unitByCode('BTGTU');
      const toBoard = await postForm(admin, '/plans', { year, unitId: board.id, ...targetFields(DEFAULT_TARGETS) });
      expect(toBoard.status).to.equal(422);
      expect(toBoard.text).to.contain('Đơn vị này không lập kế hoạch đào tạo.');
      const res = await postForm(admin, '/plans', { year, unitId: phuCu.id, ...targetFields(DEFAULT_TARGETS) });
      expect(res.status).to.equal(303);
      const plan = (await Plan.findOne({ where: { unitId: phuCu.id, year } }))!;
      expect(plan.status).to.equal('draft');
      expect(await PlanTarget.count({ where: { planId: plan.id } })).to.equal(2);
      expect(await auditActions(plan.id)).to.deep.equal(['create']);
    });
  });
});
