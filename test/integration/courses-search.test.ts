import { expect } from 'chai';
import type { App } from '../../server/app.js';
import { Course, type Unit } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { makeCourse, makeUser, unique } from '../helpers/factories.js';
import { signIn, type Agent } from '../helpers/http.js';
import { makeUnit } from '../helpers/units.js';

const courseIds = (html: string) => [...html.matchAll(/href="\/courses\/(\d+)"/g)].map((m) => Number(m[1]));

describe('course list: search by name (issue #14 item 8)', () => {
  let app: App;
  let unit: Unit;
  let center: Agent;
  let board: Agent;
  const token = unique('Kh').replace(/[^A-Za-z]/g, 'q');
  let dangVien: Course;
  let nhanThuc: Course;
  let otherYear: Course;

  before(async () => {
    app = makeApp();
    unit = await makeUnit({ validFrom: '2080-01-01' });
    center = await signIn(app, (await makeUser({ role: 'center', unitCode: unit.code })).username);
    board = await signIn(app, (await makeUser({ role: 'admin' })).username);
    dangVien = await makeCourse({ unitCode: unit.code, name: `Lớp bồi dưỡng Đảng viên mới ${token}`, startDate: '2081-03-02', endDate: '2081-03-06' });
    nhanThuc = await makeCourse({ unitCode: unit.code, name: `Lớp bồi dưỡng nhận thức về Đảng ${token}`, startDate: '2081-04-02', endDate: '2081-04-06' });
    otherYear = await makeCourse({ unitCode: unit.code, name: `Lớp bồi dưỡng Đảng viên mới ${token} khóa 2`, startDate: '2082-03-02', endDate: '2082-03-06' });
  });

  it('when a name is typed without accents, then the courses whose words start with it come back', async () => {
    expect(courseIds((await center.get(`/courses?q=${encodeURIComponent(`dang vien ${token}`)}`)).text)).to.have.members([dangVien.id, otherYear.id]);
    expect(courseIds((await center.get(`/courses?q=${encodeURIComponent(`BỒI ${token.toLowerCase()}`)}`)).text)).to.have.members([dangVien.id, nhanThuc.id, otherYear.id]);
    // Each word must start a word of the name: "ien" is inside "viên", not its start.
    expect(courseIds((await center.get(`/courses?q=${encodeURIComponent(`ien ${token}`)}`)).text)).to.deep.equal([]);
  });

  it('when combined with the year filter, then both apply, and the form shows the search', async () => {
    const res = await center.get(`/courses?q=${encodeURIComponent(`dang vien ${token}`)}&year=2081`);
    expect(courseIds(res.text)).to.deep.equal([dangVien.id]);
    expect(res.text).to.contain(`value="dang vien ${token}"`);
  });

  it('when a course is renamed, then it is found under its new name', async () => {
    await Course.update({ name: `Lớp lý luận chính trị ${token}`, lockVersion: 1 }, { where: { id: nhanThuc.id } });
    expect((await Course.findByPk(nhanThuc.id))!.searchName).to.equal(`lop ly luan chinh tri ${token.toLowerCase()}`);
    expect(courseIds((await center.get(`/courses?q=${encodeURIComponent(`ly luan ${token}`)}`)).text)).to.deep.equal([nhanThuc.id]);
  });

  it('when the results span pages, then the pagination links keep the search and the filters', async () => {
    for (let i = 0; i < 21; i++) await makeCourse({ unitCode: unit.code, name: `Lớp cập nhật kiến thức ${token} ${i}`, startDate: '2083-05-05', endDate: '2083-05-06' });
    const res = await board.get(`/courses?q=${encodeURIComponent(`cap nhat ${token}`)}&unit=${unit.code}&year=2083`);
    expect(courseIds(res.text)).to.have.length(20);
    const next = res.text.match(/href="(\/courses\?[^"]*page&#x3D;2)"/)?.[1]?.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
    expect(next).to.be.a('string');
    const params = new URLSearchParams(next!.split('?')[1]);
    expect(params.get('q')).to.equal(`cap nhat ${token}`);
    expect(params.get('unit')).to.equal(unit.code);
    expect(params.get('year')).to.equal('2083');
    expect(courseIds((await board.get(next!)).text)).to.have.length(1);
  });
});
