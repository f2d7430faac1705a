// Mass assignment: fields a form or an API body does not offer — another unit's id, a status, an id, a
// creator, a version, a role — sent along with a create or an edit change nothing of the kind (the DB row says).
import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { Course, Trainee, User } from '../../server/db/models.js';
import { programByCode } from '../helpers/factories.js';
import { csrfToken, signIn, type Agent } from '../helpers/http.js';
import { makeWorld, type World } from './fixtures.js';
import { securityApp } from './support.js';

const Y = 2068;

describe('security: mass assignment on create and edit', function () {
  this.timeout(120_000);
  let app: App;
  let world: World;
  let outsider: Agent;
  let outsiderId: number;
  let adminId: number;
  let programId: number;

  const form = async (agent: Agent, path: string, body: Record<string, unknown>, page: string) =>
    agent.post(path).type('form').send({ ...body, _csrf: await csrfToken(agent, page) });
  const api = () => supertest(app);
  const bearer = () => ({ Authorization: `Bearer ${world.tokens.outsiderStaff}` });

  before(async () => {
    app = securityApp();
    world = await makeWorld(app);
    outsider = await signIn(app, world.users.outsiderStaff);
    outsiderId = (await User.findOne({ where: { username: world.users.outsiderStaff } }))!.id;
    adminId = (await User.findOne({ where: { username: world.users.admin } }))!.id;
    programId = (await programByCode('NTVD')).id;
  });

  const EXTRA = () => ({ id: 2_000_000_100, status: 'finished', createdBy: adminId, lockVersion: 7, createdAt: '2000-01-01', cancelReason: 'x' });

  it('when a center creates a course through the page naming another unit, a status, an id and a creator, then the row is its own, planned, made by it', async () => {
    const res = await form(outsider, '/courses', { ...EXTRA(), unitId: world.owner.id, programId, name: `Lớp gán ${Y}`, startDate: `${Y}-03-02`, endDate: `${Y}-03-06`, capacity: 30 }, '/courses/new');
    expect(res.status, res.text.slice(0, 300)).to.equal(303);
    const row = (await Course.findOne({ where: { name: `Lớp gán ${Y}` } }))!;
    expect(row.get({ plain: true })).to.include({ unitId: world.outsider.id, status: 'planned', createdBy: outsiderId, lockVersion: 0, cancelReason: null });
    expect(row.id).to.not.equal(2_000_000_100);
  });

  it('when a center creates a course through the API with unitId, an id, a status and a creator, then 400 names them and nothing is made', async () => {
    const res = await api().post('/api/v1/courses').set(bearer()).send({ ...EXTRA(), unitId: world.owner.id, programCode: 'NTVD', name: `Lớp API gán ${Y}`, startDate: `${Y}-04-06`, endDate: `${Y}-04-10`, capacity: 30 });
    expect(res.status, JSON.stringify(res.body)).to.equal(400);
    expect(Object.keys(res.body.error.fields)).to.have.members(['id', 'status', 'createdBy', 'lockVersion', 'createdAt', 'cancelReason', 'unitId']);
    expect(await Course.count({ where: { name: `Lớp API gán ${Y}` } })).to.equal(0);
  });

  it('when a center creates a course through the API naming another unit by unitCode, then it is not made there', async () => {
    const res = await api().post('/api/v1/courses').set(bearer()).send({ unitCode: world.owner.code, programCode: 'NTVD', name: `Lớp API mã ${Y}`, startDate: `${Y}-04-06`, endDate: `${Y}-04-10`, capacity: 30 });
    const made = await Course.findAll({ where: { name: `Lớp API mã ${Y}` } });
    if (res.status === 201) expect(made.map((c) => c.unitId)).to.deep.equal([world.outsider.id]);
    else {
      expect([403, 404, 422], JSON.stringify(res.body)).to.include(res.status);
      expect(made).to.have.length(0);
    }
  });

  it('when a course is edited with a new unit, status, creator and version, then only the offered fields change', async () => {
    const course = (await Course.findOne({ where: { name: `Lớp gán ${Y}` } }))!;
    const res = await form(outsider, `/courses/${course.id}`, { ...EXTRA(), lockVersion: 0, unitId: world.owner.id, programId, name: `Lớp gán ${Y} (sửa)`, startDate: `${Y}-03-02`, endDate: `${Y}-03-06`, capacity: 31 }, `/courses/${course.id}/edit`);
    expect(res.status, res.text.slice(0, 300)).to.equal(303);
    const after = (await Course.findByPk(course.id))!;
    expect(after.get({ plain: true })).to.include({ unitId: world.outsider.id, status: 'planned', createdBy: outsiderId, lockVersion: 1, name: `Lớp gán ${Y} (sửa)`, capacity: 31 });

    const patch = await api().patch(`/api/v1/courses/${course.id}`).set(bearer()).send({ lockVersion: 1, unitId: world.owner.id, status: 'cancelled', createdBy: adminId, id: 1, note: 'PATCH' });
    expect(patch.status, JSON.stringify(patch.body)).to.equal(400);
    const patched = (await Course.findByPk(course.id))!;
    expect(patched.get({ plain: true })).to.include({ unitId: world.outsider.id, status: 'planned', createdBy: outsiderId });
  });

  it('when a center records a trainee naming another unit as its maker, then the trainee is the center’s', async () => {
    const res = await form(outsider, '/trainees', { fullName: `Trần Gán ${Y}`, birthDate: '1985-02-03', gender: 'female', createdByUnitId: world.owner.id, id: 2_000_000_101, lockVersion: 9, searchName: 'x' }, '/trainees/new');
    expect(res.status, res.text.slice(0, 300)).to.equal(303);
    const row = (await Trainee.findOne({ where: { fullName: `Trần Gán ${Y}` } }))!;
    expect(row.get({ plain: true })).to.include({ createdByUnitId: world.outsider.id, lockVersion: 0 });
    expect(row.searchName).to.not.equal('x');
  });

  it('when a user changes their password with a role, unit and disabled flag in the form, then none of them change', async () => {
    const before = (await User.findByPk(outsiderId))!.get({ plain: true });
    await form(outsider, '/account/password', { currentPassword: 'wrong', newPassword: 'Mat-khau-moi-dai-1', confirmPassword: 'Mat-khau-moi-dai-1', role: 'admin', unitId: world.owner.id, disabledAt: '' }, '/account');
    const row = (await User.findByPk(outsiderId))!;
    expect(row.get({ plain: true })).to.include({ role: before.role, unitId: before.unitId, disabledAt: null });
    const me = await api().get('/api/v1/me').set(bearer());
    expect(me.body).to.include({ role: 'center', unitId: world.outsider.id });
  });
});
