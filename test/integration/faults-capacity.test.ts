// Issue #15 item 3 (d): twenty people rush a ten-seat course at the same moment, half through the API and half
// through the enrollment form, over real connections. The course's row lock holds the capacity on SQLite and
// MariaDB alike: exactly ten are enrolled, ten are refused with a message that says why, nobody is in twice.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { expect } from 'chai';
import { Op } from 'sequelize';
import { AuditLog, Enrollment, Trainee } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { makeCourse, makeToken, makeUser, randomNationalId, unique } from '../helpers/factories.js';
import { csrfFrom, signIn } from '../helpers/http.js';
import { makeUnit } from '../helpers/units.js';

describe('faults: twenty concurrent enrollments into a ten-seat course (issue #15 item 3)', () => {
  let server: Server;
  let base: string;
  before(async () => {
    server = makeApp().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  it('when twenty people are enrolled at once into ten seats, then exactly ten are in and ten are told the course is full', async () => {
    const unit = await makeUnit({ validFrom: '2071-01-01' });
    const course = await makeCourse({ unitCode: unit.code, startDate: '2071-09-04', endDate: '2071-09-08', status: 'planned', capacity: 10 });
    const staff = await makeUser({ role: 'center', unitCode: unit.code });
    const token = await makeToken(staff);
    const agent = await signIn(server, staff.username);
    const form = await agent.get(`/courses/${course.id}/enrollments/new`);
    expect(form.status).to.equal(200);
    const csrf = csrfFrom(form.text);

    const people = Array.from({ length: 20 }, (_, i) => ({ fullName: `Đỗ Văn Hai Mươi ${unique('R')}`, nationalId: randomNationalId(), viaApi: i % 2 === 0 }));
    // Every request is under way before the first answer: the server sees them together.
    const answers = await Promise.all(
      people.map(async (p) => {
        if (p.viaApi) {
          const res = await fetch(`${base}/api/v1/courses/${course.id}/enrollments`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ trainee: { fullName: p.fullName, birthYear: 1991, nationalId: p.nationalId } }),
          });
          const body = (await res.json()) as { error?: { message: string } };
          return { ...p, status: res.status, message: body.error?.message ?? '' };
        }
        const res = await agent
          .post(`/courses/${course.id}/enrollments`)
          .type('form')
          .send({ _csrf: csrf, fullName: p.fullName, birth: '1991', gender: 'male', nationalId: p.nationalId });
        return { ...p, status: res.status, message: res.text };
      }),
    );

    const enrolled = await Enrollment.findAll({ where: { courseId: course.id, status: { [Op.ne]: 'withdrawn' } }, include: [{ model: Trainee, as: 'trainee' }] });
    expect(enrolled).to.have.length(10);
    const winners = answers.filter((a) => a.status === (a.viaApi ? 201 : 303));
    const refused = answers.filter((a) => !winners.includes(a));
    expect(winners).to.have.length(10);
    expect(refused).to.have.length(10);
    // The rows are the winners, one each: nobody twice, nobody refused slipped in.
    const ids = enrolled.map((e) => (e as unknown as { trainee: Trainee }).trainee.nationalId).sort();
    expect(ids).to.deep.equal(winners.map((w) => w.nationalId).sort());
    for (const r of refused) {
      expect(r.status, r.message.slice(0, 300)).to.equal(409);
      expect(r.message).to.contain('Lớp đã đủ 10 học viên; không ghi danh thêm được.');
    }
    expect(await AuditLog.count({ where: { action: 'enroll', entityType: 'enrollment', entityId: enrolled.map((e) => e.id) } })).to.equal(10);
    // The refused people were not left behind as records of their own either: the enrollment and its person go together.
    expect(await Trainee.count({ where: { nationalId: refused.map((r) => r.nationalId) } })).to.equal(0);

    const page = await agent.get(`/courses/${course.id}`);
    expect(page.text).to.contain('data-count="active">10/10<');
  });
});
