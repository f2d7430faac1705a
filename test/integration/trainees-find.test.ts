import { expect } from 'chai';
import type { App } from '../../server/app.js';
import { Trainee, type Unit } from '../../server/db/models.js';
import { pageLinks } from '../../server/http/views.js';
import { searchKey } from '../../server/lib/text.js';
import { makeApp } from '../helpers/app.js';
import { makeCourse, makeEnrollment, makeTrainee, makeUser, unique } from '../helpers/factories.js';
import { signIn, type Agent } from '../helpers/http.js';
import { makeUnit } from '../helpers/units.js';

/** The ids of the list's rows, in the page's order. */
const rowIds = (html: string) => [...html.matchAll(/data-row="(\d+)"/g)].map((m) => Number(m[1]));
const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&#x3D;/g, '='));

describe('trainees list: filters, sort and numbered pages (issue #14 item 8)', () => {
  let app: App;
  let unit: Unit;
  let center: Agent;
  let board: Agent;
  let people: Trainee[];
  const token = unique('Tim').replace(/[^A-Za-z]/g, 'x');

  before(async () => {
    app = makeApp();
    unit = await makeUnit({ validFrom: '2078-01-01' });
    center = await signIn(app, (await makeUser({ role: 'center', unitCode: unit.code })).username);
    board = await signIn(app, (await makeUser({ role: 'admin' })).username);
    const names = ['Đỗ Văn Bình', 'Nguyễn Thị Hằng', 'Trần Văn An', 'Lê Thị Cúc', 'Phạm Đức Dũng'];
    people = [];
    for (const [i, name] of names.entries()) {
      people.push(await makeTrainee({ fullName: `${name} ${token}`, birthDate: `${1970 + i * 5}-05-0${i + 1}`, unitCode: unit.code }));
    }
    await people[1]!.update({ gender: 'female', partyStatus: 'official' });
    await people[3]!.update({ gender: 'female', partyStatus: 'probationary' });
    await people[4]!.update({ birthDate: null, birthYear: null });
    const early = await makeCourse({ unitCode: unit.code, startDate: '2079-03-01', endDate: '2079-03-05' });
    const late = await makeCourse({ unitCode: unit.code, startDate: '2083-09-01', endDate: '2083-09-05' });
    await makeEnrollment(early, people[0]);
    await makeEnrollment(late, people[2]);
    await makeEnrollment(early, people[2]);
    await makeEnrollment(early, people[3]);
  });

  it('when a center opens the list, then it shows only its people with the total, newest first', async () => {
    const res = await center.get('/trainees');
    expect(res.status).to.equal(200);
    expect(rowIds(res.text)).to.deep.equal(people.map((p) => p.id).reverse());
    expect(res.text).to.contain('(5 học viên)');
  });

  it('when filtered by gender, party status, birth year or an unaccented name, then only the matching rows come back', async () => {
    expect(rowIds((await center.get('/trainees?gender=female')).text)).to.have.members([people[1]!.id, people[3]!.id]);
    expect(rowIds((await center.get('/trainees?party=official')).text)).to.deep.equal([people[1]!.id]);
    expect(rowIds((await center.get('/trainees?birthYear=1980&gender=male')).text)).to.deep.equal([people[2]!.id]);
    expect(rowIds((await center.get(`/trainees?name=${encodeURIComponent(`nguyen hang ${token.toLowerCase()}`)}`)).text)).to.deep.equal([people[1]!.id]);
    expect(rowIds((await center.get(`/trainees?name=${people[0]!.nationalId}`)).text)).to.deep.equal([people[0]!.id]);
    expect(rowIds((await center.get(`/trainees?name=${encodeURIComponent(`dung ${token}`)}&gender=female`)).text)).to.deep.equal([]);
  });

  it('when sorted by a column header, then the rows follow it both ways and the header carries aria-sort', async () => {
    const byName = [...people].sort((a, b) => searchKey(a.fullName).localeCompare(searchKey(b.fullName))).map((p) => p.id);
    const asc = await center.get('/trainees?sort=name&dir=asc');
    expect(rowIds(asc.text)).to.deep.equal(byName);
    expect(asc.text).to.match(/<th scope="col" aria-sort="ascending"><a href="[^"]*sort&#x3D;name&amp;dir&#x3D;desc"/);
    expect(rowIds((await center.get('/trainees?sort=name&dir=desc')).text)).to.deep.equal([...byName].reverse());
    // Birth year, oldest first; the person without one last.
    expect(rowIds((await center.get('/trainees?sort=birthYear&dir=asc')).text)).to.deep.equal([0, 1, 2, 3, 4].map((i) => people[i]!.id));
    expect(rowIds((await center.get('/trainees?sort=birthYear&dir=desc')).text)).to.deep.equal([3, 2, 1, 0, 4].map((i) => people[i]!.id));
    // The latest course first (2083, then the 2079 ones by name), people with no course last.
    const last = await center.get('/trainees?sort=lastCourse');
    expect(rowIds(last.text)).to.deep.equal([2, 0, 3, 1, 4].map((i) => people[i]!.id));
    expect(last.text).to.contain('aria-sort="descending"').and.contain('01/09/2083');
  });

  it('when the board filters by unit, then it sees the unit’s people (created there or studied there)', async () => {
    const res = await board.get(`/trainees?unit=${unit.code}&sort=name`);
    expect(rowIds(res.text)).to.have.members(people.map((p) => p.id));
    expect(res.text).to.contain(`<option value="${unit.code}" selected>`);
  });

  it('when the list has many pages, then the pager numbers them around the current page, keeps the filters and offers "go to page"', async () => {
    const rows = Array.from({ length: 355 }, (_, i) => ({
      fullName: `Học Viên Số${i} ${token}`, searchName: searchKey(`Học Viên Số${i} ${token}`), birthDate: null, birthYear: 1990, gender: 'female' as const, createdByUnitId: unit.id,
    }));
    await Trainee.bulkCreate(rows);
    // 357 women → 12 pages of 30.
    const res = await center.get('/trainees?gender=female&sort=name&page=6');
    expect(res.text).to.contain('<nav aria-label="Phân trang"');
    const pageLinksShown = hrefs(res.text).filter((h) => h.startsWith('/trainees?') && h.includes('page='));
    const pages = pageLinksShown.map((h) => Number(new URLSearchParams(h.split('?')[1]).get('page')));
    expect(new Set(pages)).to.deep.equal(new Set([1, 4, 5, 6, 7, 8, 12]));
    for (const h of pageLinksShown) expect(h).to.contain('gender=female').and.contain('sort=name');
    expect(res.text).to.match(/<a class="page-link" href="[^"]*page&#x3D;6" aria-current="page"/);
    expect(res.text.match(/…/g)?.length).to.equal(2);
    expect(res.text).to.contain('data-goto-page').and.contain('<input type="hidden" name="gender" value="female">');
    expect(rowIds(res.text)).to.have.length(30);
    // A page past the end shows the last one.
    expect(rowIds((await center.get('/trainees?gender=female&page=99')).text)).to.have.length(357 - 11 * 30);
  });

  it('when a unit searches to enroll, then its own people (entered or studied there) come first, then the others', async () => {
    const other = await makeUnit({ validFrom: '2078-01-01' });
    const name = `Vũ Thị Mai ${token}x`;
    // Older and born earlier, so without the preference they would come first.
    const elsewhere = await makeTrainee({ fullName: name, birthDate: '1960-01-01', unitCode: other.code });
    const studiedHere = await makeTrainee({ fullName: name, birthDate: '1961-01-01', unitCode: other.code });
    const enteredHere = await makeTrainee({ fullName: name, birthDate: '1990-01-01', unitCode: unit.code });
    await makeEnrollment(await makeCourse({ unitCode: unit.code, startDate: '2080-06-01', endDate: '2080-06-03' }), studiedHere);
    const course = await makeCourse({ unitCode: unit.code, startDate: '2084-06-01', endDate: '2084-06-03', status: 'planned' });
    const res = await center.get(`/courses/${course.id}/enrollments/new?q=${encodeURIComponent(`vu thi mai ${token}x`)}`);
    expect(res.status).to.equal(200);
    const hits = [...res.text.matchAll(/data-hit="(\d+)"/g)].map((m) => Number(m[1]));
    expect(hits).to.deep.equal([studiedHere.id, enteredHere.id, elsewhere.id]);
    expect(res.text.match(/data-own-unit/g)).to.have.length(2);
    // The province search of the trainees page keeps its order (name, then birth year).
    const plain = await center.get(`/trainees?q=${encodeURIComponent(`vu thi mai ${token}x`)}`);
    expect([...plain.text.matchAll(/data-hit="(\d+)"/g)].map((m) => Number(m[1]))).to.deep.equal([elsewhere.id, studiedHere.id, enteredHere.id]);
  });

  it('pageLinks: first, …, n−2..n+2, …, last, a one-page gap shown as its page', () => {
    const show = (page: number, pages: number) => pageLinks(page, pages).map((l) => l.page ?? '…').join(' ');
    expect(show(1, 1)).to.equal('1');
    expect(show(1, 121)).to.equal('1 2 3 … 121');
    expect(show(60, 121)).to.equal('1 … 58 59 60 61 62 … 121');
    expect(show(4, 121)).to.equal('1 2 3 4 5 6 … 121');
    expect(show(121, 121)).to.equal('1 … 119 120 121');
    expect(pageLinks(3, 5).filter((l) => l.current).map((l) => l.page)).to.deep.equal([3]);
  });
});
