import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { AuditLog, Trainee } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { makeEnrollment, makeTrainee, randomNationalId, unique, unitByCode } from '../helpers/factories.js';
import { apiClient, makeOpenCourse, staffAgent, staffToken, submitFrom } from '../helpers/courses.js';
import type { Agent } from '../helpers/http.js';

/** A name no other test uses, with a last word that can be searched for alone. */
const personName = (first = 'Nguyễn Thị Hằng') => `${first} ${unique('Q')}`;
const lastWord = (name: string) => name.split(' ').at(-1)!.toLowerCase();

describe('trainee pages', () => {
  let app: App;
  let vanLam: Agent;
  let vanGiang: Agent;
  before(async () => {
    app = makeApp();
    vanLam = await staffAgent(app, 'TTCTVL');
    vanGiang = await staffAgent(app, 'TTCTVG');
  });

  it('when a name is searched without accents or capitals, then the accented person is found', async () => {
    const name = personName();
    const person = await makeTrainee({ fullName: name });
    const res = await vanLam.get(`/trainees?q=${encodeURIComponent(`nguyen THI hang ${lastWord(name)}`)}`);
    expect(res.status).to.equal(200);
    expect(res.text).to.contain(`data-hit="${person.id}"`).and.contain(name);
    const partial = await vanLam.get(`/trainees?q=${encodeURIComponent(`hang ${lastWord(name)}`)}`);
    expect(partial.text).to.contain(`data-hit="${person.id}"`);
    const wrong = await vanLam.get(`/trainees?q=${encodeURIComponent(`nguyen thi hanh ${lastWord(name)}`)}`);
    expect(wrong.text).to.not.contain(`data-hit="${person.id}"`);
  });

  it('when a typed word is a whole word of some names and only the start of others, then the whole-word names come first', async () => {
    const token = unique('Q');
    // Alphabetically "nguyen anh thinh" comes before "nguyen thi hang": only the ranking puts Hằng first.
    const thinh = await makeTrainee({ fullName: `Nguyễn Anh Thịnh ${token}` });
    const hang = await makeTrainee({ fullName: `Nguyễn Thị Hằng ${token}` });
    const res = await vanLam.get(`/trainees?q=${encodeURIComponent(`nguyen thi ${token.toLowerCase()}`)}`);
    const order = [...res.text.matchAll(/data-hit="(\d+)"/g)].map((m) => Number(m[1]));
    expect(order).to.deep.equal([hang.id, thinh.id]);
  });

  it('when a full name is typed without accents, then that exact name comes first, ahead of more than a page of names sharing its words', async () => {
    const token = unique('Q');
    // Every word of each of these is a whole word of the query, and each sorts before the exact name.
    const middles = ['An', 'Bá', 'Bảo', 'Cao', 'Chí', 'Công', 'Đại', 'Danh', 'Đình', 'Đức', 'Duy', 'Gia', 'Hải', 'Hoài', 'Hồng', 'Hữu', 'Khắc', 'Kim', 'Mạnh', 'Minh', 'Ngọc'];
    for (const middle of middles) await makeTrainee({ fullName: `Nguyễn ${middle} Văn Vân ${token}` });
    const exact = await makeTrainee({ fullName: `Nguyễn Văn Vân ${token}` });
    const res = await vanLam.get(`/trainees?q=${encodeURIComponent(`nguyen van van ${token.toLowerCase()}`)}`);
    const order = [...res.text.matchAll(/data-hit="(\d+)"/g)].map((m) => Number(m[1]));
    expect(order).to.have.length(20);
    expect(order[0]).to.equal(exact.id);
  });

  it('when a birth year is added, then it narrows the name search', async () => {
    const name = personName('Trần Văn Nam');
    const older = await makeTrainee({ fullName: name, birthDate: '1975-01-02' });
    const younger = await makeTrainee({ fullName: name, birthDate: '1992-03-04' });
    const res = await vanLam.get(`/trainees?q=${encodeURIComponent(`tran van nam ${lastWord(name)} 1992`)}`);
    expect(res.text).to.contain(`data-hit="${younger.id}"`).and.not.contain(`data-hit="${older.id}"`);
  });

  it('when a citizen ID is searched, then only that exact person comes back, masked, even from another unit', async () => {
    const person = await makeTrainee({ unitCode: 'TTCTKC' });
    const res = await vanLam.get(`/trainees?q=${person.nationalId}`);
    expect(res.text).to.contain(`data-hit="${person.id}"`).and.contain('Học viên của đơn vị khác');
    expect(res.text).to.not.contain(`href="/trainees/${person.id}"`);
    expect(res.text).to.contain(`${person.nationalId!.slice(0, 4)}******${person.nationalId!.slice(-2)}`);
    const partial = await vanLam.get(`/trainees?q=${person.nationalId!.slice(0, 8)}`);
    expect(partial.text).to.contain('Số CCCD phải đủ 12 chữ số.').and.not.contain(`data-hit="${person.id}"`);
  });

  it('when a trainee is added with a decomposed (NFD) name, then it is stored composed (NFC), with its search key', async () => {
    const name = personName('Phạm Thị Thu Hương');
    const nationalId = randomNationalId();
    const res = await submitFrom(vanLam, '/trainees/new', '/trainees', {
      fullName: `  ${name.normalize('NFD')}  `, birth: '17/05/1990', gender: 'female', nationalId: `${nationalId.slice(0, 4)} ${nationalId.slice(4)}`,
      ethnicity: 'Kinh', religion: 'Không', partyStatus: 'probationary', partyJoinedOn: '2024-02-03', workplace: 'UBND xã Lạc Hồng', email: '', phone: '0912 345 678',
    });
    expect(res.status).to.equal(303);
    const row = (await Trainee.findOne({ where: { nationalId } }))!;
    expect(row.fullName).to.equal(name.normalize('NFC'));
    expect(row.fullName.length).to.equal(name.normalize('NFC').length);
    expect(row).to.include({ searchName: `pham thi thu huong ${lastWord(name)}`, birthDate: '1990-05-17', birthYear: 1990, gender: 'female', partyStatus: 'probationary', phone: '0912 345 678' });
    expect(row.createdByUnitId).to.equal((await unitByCode('TTCTVL')).id);
    const audit = await AuditLog.findOne({ where: { entityType: 'trainee', entityId: row.id, action: 'create' } });
    expect(audit!.afterData).to.not.contain(nationalId).and.not.contain('1990-05-17');
    const page = await vanLam.get(`/trainees/${row.id}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain(name).and.contain('17/05/1990').and.not.contain(nationalId);
  });

  it('when only the birth year is known, then the year is stored without a date', async () => {
    const name = personName('Lê Văn Tám');
    const res = await submitFrom(vanLam, '/trainees/new', '/trainees', { fullName: name, birth: '1968' });
    expect(res.status).to.equal(303);
    expect((await Trainee.findOne({ where: { fullName: name } }))!).to.include({ birthDate: null, birthYear: 1968 });
  });

  it('when a plain add repeats the name and birth year of someone on file without citizen ID, then it asks first', async () => {
    const name = personName('Lưu Văn Hòa');
    await makeTrainee({ fullName: name, nationalId: null, birthDate: '1982-02-02' });
    const asked = await submitFrom(vanLam, '/trainees/new', '/trainees', { fullName: name, birth: '02/02/1982' });
    expect(asked.status).to.equal(409);
    expect(asked.text).to.contain('id="e-confirmNew"').and.contain('href="/trainees?q&#x3D;');
    expect(await Trainee.count({ where: { fullName: name } })).to.equal(1);
    const confirmed = await submitFrom(vanLam, '/trainees/new', '/trainees', { fullName: name, birth: '02/02/1982', confirmNew: 'on' });
    expect(confirmed.status).to.equal(303);
    expect(await Trainee.count({ where: { fullName: name } })).to.equal(2);
  });

  it('when fields are invalid, then each says so beside itself and nothing is stored', async () => {
    const count = await Trainee.count();
    const res = await submitFrom(vanLam, '/trainees/new', '/trainees', {
      fullName: '', birth: '31/02/1990', nationalId: '12345', email: 'khong-phai-email', partyStatus: 'masses', partyJoinedOn: '2020-01-01',
    });
    expect(res.status).to.equal(422);
    for (const field of ['fullName', 'birth', 'nationalId', 'email', 'partyJoinedOn']) expect(res.text).to.contain(`id="e-${field}"`);
    expect(res.text).to.contain('Số CCCD gồm đúng 12 chữ số.').and.contain('Quần chúng không có ngày vào Đảng');
    expect(await Trainee.count()).to.equal(count);
  });

  it('when a plain add repeats a citizen ID the unit already has, then 409 points to that record and no second person is made', async () => {
    const existing = await makeTrainee({ unitCode: 'TTCTVL' });
    const res = await submitFrom(vanLam, '/trainees/new', '/trainees', { fullName: 'Người khác', nationalId: existing.nationalId });
    expect(res.status).to.equal(409);
    expect(res.text).to.contain('id="e-nationalId"').and.contain(`href="/trainees/${existing.id}"`);
    expect(await Trainee.count({ where: { nationalId: existing.nationalId! } })).to.equal(1);
  });

  it('when a plain add repeats a citizen ID kept by another unit, then 409 says so without revealing the record', async () => {
    const existing = await makeTrainee({ unitCode: 'TTCTAT' });
    const res = await submitFrom(vanLam, '/trainees/new', '/trainees', { fullName: 'Người khác', nationalId: existing.nationalId });
    expect(res.status).to.equal(409);
    expect(res.text).to.contain('do đơn vị khác quản lý').and.not.contain(`/trainees/${existing.id}`);
    expect(await Trainee.count({ where: { nationalId: existing.nationalId! } })).to.equal(1);
  });

  it('when a unit opens a person it neither created nor enrolled, then 404; once enrolled in its course, it may', async () => {
    const person = await makeTrainee({ unitCode: 'TTCTVL' });
    expect((await vanGiang.get(`/trainees/${person.id}`)).status).to.equal(404);
    expect((await vanGiang.get(`/trainees/${person.id}/edit`)).status).to.equal(404);
    await makeEnrollment(await makeOpenCourse({ unitCode: 'TTCTVG' }), person);
    expect((await vanGiang.get(`/trainees/${person.id}`)).status).to.equal(200);
  });

  it('when the edit form is opened by the unit, then it shows the full citizen ID; the record page shows it masked', async () => {
    const person = await makeTrainee({ unitCode: 'TTCTVL' });
    const form = await vanLam.get(`/trainees/${person.id}/edit`);
    expect(form.text).to.contain(`value="${person.nationalId}"`).and.contain('value="17/05/1990"');
    expect((await vanLam.get(`/trainees/${person.id}`)).text).to.not.contain(person.nationalId!);
  });

  it('when a trainee is edited, then the row changes; a stale edit gets 409 with the current values and overwrites nothing', async () => {
    const person = await makeTrainee({ unitCode: 'TTCTVL' });
    const base = { fullName: person.fullName, birth: '17/05/1990', nationalId: person.nationalId };
    const ok = await submitFrom(vanLam, `/trainees/${person.id}/edit`, `/trainees/${person.id}`, { ...base, lockVersion: '0', position: 'Bí thư chi bộ' });
    expect(ok.status).to.equal(303);
    expect((await Trainee.findByPk(person.id))!).to.include({ position: 'Bí thư chi bộ', lockVersion: 1 });
    const stale = await submitFrom(vanLam, `/trainees/${person.id}/edit`, `/trainees/${person.id}`, { ...base, lockVersion: '0', position: 'Phó bí thư' });
    expect(stale.status).to.equal(409);
    expect(stale.text).to.contain('Giá trị hiện tại trong hệ thống').and.contain('Bí thư chi bộ').and.contain('name="lockVersion" value="1"');
    expect((await Trainee.findByPk(person.id))!.position).to.equal('Bí thư chi bộ');
  });

  it('when an edit takes a citizen ID that belongs to someone else, then 409 on that field', async () => {
    const person = await makeTrainee({ unitCode: 'TTCTVL' });
    const other = await makeTrainee({ unitCode: 'TTCTVG' });
    const res = await submitFrom(vanLam, `/trainees/${person.id}/edit`, `/trainees/${person.id}`, { lockVersion: '0', fullName: person.fullName, nationalId: other.nationalId });
    expect(res.status).to.equal(409);
    expect(res.text).to.contain('id="e-nationalId"').and.contain('đã thuộc về một học viên khác');
    expect((await Trainee.findByPk(person.id))!.nationalId).to.equal(person.nationalId);
  });

  it('when another unit posts an edit, then 404 and nothing changes', async () => {
    const person = await makeTrainee({ unitCode: 'TTCTVL' });
    const res = await submitFrom(vanGiang, '/trainees/new', `/trainees/${person.id}`, { lockVersion: '0', fullName: 'Đổi tên' });
    expect(res.status).to.equal(404);
    expect((await Trainee.findByPk(person.id))!.fullName).to.equal(person.fullName);
  });

  it('when nobody is signed in, then the trainee pages send to sign-in and posts are refused', async () => {
    expect((await supertest(app).get('/trainees')).status).to.equal(303);
    expect([401, 403]).to.include((await supertest(app).post('/trainees').type('form').send({ fullName: 'X' })).status);
  });
});

describe('trainees API', () => {
  let app: App;
  let vanLam: ReturnType<typeof apiClient>;
  let vanGiang: ReturnType<typeof apiClient>;
  let board: ReturnType<typeof apiClient>;
  before(async () => {
    app = makeApp();
    vanLam = apiClient(app, await staffToken('TTCTVL'));
    vanGiang = apiClient(app, await staffToken('TTCTVG'));
    board = apiClient(app, await staffToken('BTGTU'));
  });

  it('when q is an unaccented name, then matches come back; the citizen ID is full only for a unit that has the person', async () => {
    const name = personName('Đỗ Thị Ngọc Ánh');
    const person = await makeTrainee({ fullName: name, unitCode: 'TTCTVL' });
    const q = encodeURIComponent(`do thi ngoc anh ${lastWord(name)}`);
    const own = await vanLam.get(`/trainees?q=${q}`);
    expect(own.status).to.equal(200);
    expect(own.body.trainees).to.deep.equal([{ id: person.id, fullName: name, birthYear: 1990, gender: 'male', nationalId: person.nationalId, lastUnitCode: 'TTCTVL', inScope: true }]);
    const other = await vanGiang.get(`/trainees?q=${q}`);
    expect(other.body.trainees[0]).to.include({ id: person.id, inScope: false, nationalId: `${person.nationalId!.slice(0, 4)}******${person.nationalId!.slice(-2)}` });
    const byBoard = await board.get(`/trainees?q=${q}`);
    expect(byBoard.body.trainees[0]).to.include({ nationalId: person.nationalId, inScope: true });
  });

  it('when a trainee is read, then the unit that has the person gets every field; another unit gets 404', async () => {
    const person = await makeTrainee({ unitCode: 'TTCTVL' });
    const res = await vanLam.get(`/trainees/${person.id}`);
    expect(res.status).to.equal(200);
    expect(res.body.trainee).to.include({ id: person.id, fullName: person.fullName, dateOfBirth: '1990-05-17', birthYear: 1990, gender: 'male', nationalId: person.nationalId, lockVersion: 0 });
    expect(res.body.trainee.enrollments).to.deep.equal([]);
    expect((await vanGiang.get(`/trainees/${person.id}`)).status).to.equal(404);
    expect((await board.get(`/trainees/${person.id}`)).status).to.equal(200);
    expect((await supertest(app).get(`/api/v1/trainees/${person.id}`)).status).to.equal(401);
  });

  it('when there is no q, then the unit’s own trainees come back a page at a time', async () => {
    const person = await makeTrainee({ unitCode: 'TTCTHY' });
    const hungYen = apiClient(app, await staffToken('TTCTHY'));
    const res = await hungYen.get('/trainees');
    expect(res.body.trainees.map((t: { id: number }) => t.id)).to.include(person.id);
    expect(res.body).to.include({ page: 1, perPage: 30 });
    expect((await vanGiang.get('/trainees?page=1')).body.trainees.map((t: { id: number }) => t.id)).to.not.include(person.id);
  });
});
