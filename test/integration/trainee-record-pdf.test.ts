import { expect } from 'chai';
import type { App } from '../../server/app.js';
import { Enrollment, Trainee } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { allText, binary, pdfPages } from '../helpers/documents.js';
import { makeCertificate } from '../helpers/certificates.js';
import { makeCourse, makeUser, unitByCode } from '../helpers/factories.js';
import { signIn, type Agent } from '../helpers/http.js';

describe("a trainee's record PDF", () => {
  let app: App;
  let traineeId: number;
  const get = (agent: Agent, id = traineeId) => agent.get(`/trainees/${id}/record.pdf?date=2025-01-06`).buffer(true).parse(binary);

  before(async () => {
    app = makeApp();
    const vanLam = await unitByCode('TTCTVL');
    const person = await Trainee.create({
      fullName: 'Nguyễn Thị Hằng',
      searchName: 'nguyen thi hang',
      birthDate: '1990-05-17',
      birthYear: 1990,
      gender: 'female',
      nationalId: '034190012312',
      ethnicity: 'Kinh',
      workplace: 'Ủy ban nhân dân xã Như Quỳnh',
      position: 'Công chức văn phòng – thống kê',
      partyStatus: 'official',
      partyJoinedOn: '2019-09-02',
      partyOfficialOn: '2020-09-02',
      createdByUnitId: vanLam.id,
    });
    traineeId = person.id;
    const ntvd = await makeCourse({ unitCode: 'TTCTVL', programCode: 'NTVD', name: 'Lớp bồi dưỡng nhận thức về Đảng khóa 3 năm 2018', startDate: '2018-10-08', endDate: '2018-10-12' });
    const e1 = await Enrollment.create({ courseId: ntvd.id, traineeId, score: 8.5, grade: 'good', status: 'completed' });
    await makeCertificate(e1, { number: '0311/2018/GCN-TTCTVL', issuedOn: '2018-10-20', status: 'revoked', revokedAt: new Date('2019-01-03T02:00:00Z') });
    await makeCertificate(e1, { number: '0012/2019/GCN-TTCTVL', issuedOn: '2019-01-05' });
    const scllct = await makeCourse({ unitCode: 'TTCTVG', programCode: 'SCLLCT', name: 'Lớp sơ cấp lý luận chính trị khóa 1 năm 2024', startDate: '2024-09-03', endDate: '2024-10-11' });
    await Enrollment.create({ courseId: scllct.id, traineeId, score: 7.5, grade: 'fair', status: 'completed' });
    const cnkt = await makeCourse({ unitCode: 'TTCTVG', programCode: 'CNKT', name: 'Lớp học tập, quán triệt nghị quyết của Đảng năm 2024 (đợt 2)', startDate: '2024-11-04', endDate: '2024-11-05' });
    await Enrollment.create({ courseId: cnkt.id, traineeId, status: 'withdrawn' });
  });

  it('when the board prints a record, then it lists the person with the citizen ID masked, every course in every unit, and every certificate', async () => {
    const admin = await signIn(app, (await makeUser({ role: 'admin' })).username);
    const res = await get(admin);
    expect(res.status).to.equal(200);
    const text = allText(await pdfPages(res.body as Buffer));
    for (const line of ['TỈNH ỦY HƯNG YÊN', 'BAN TUYÊN GIÁO', 'Hưng Yên, ngày 06 tháng 01 năm 2025', 'QUÁ TRÌNH ĐÀO TẠO, BỒI DƯỠNG', 'Học viên: Nguyễn Thị Hằng']) {
      expect(text).to.contain(line);
    }
    expect(text).to.contain('Số CCCD: 0341******12');
    expect(text).not.to.contain('034190012312');
    expect(text).to.contain('Ngày sinh: 17/05/1990');
    expect(text).to.contain('Đảng tịch: Đảng viên chính thức');
    expect(text).to.match(/Lớp bồi dưỡng nhận thức về Đảng khóa 3 năm 2018 Trung tâm Chính trị huyện Văn Lâm 08\/10\/2018 – 12\/10\/2018 8,5 Giỏi Hoàn thành/);
    expect(text).to.match(/Lớp sơ cấp lý luận chính trị khóa 1 năm 2024 Trung tâm Chính trị huyện Văn Giang .* 7,5 Khá Hoàn thành/);
    expect(text).to.contain('Thôi học');
    expect(text).to.match(/0311\/2018\/GCN-\s?TTCTVL 20\/10\/2018 .* Đã thu hồi/);
    expect(text).to.match(/0012\/2019\/GCN-\s?TTCTVL 05\/01\/2019 .* Còn hiệu lực/);
    expect(text).to.contain('Trang 1/1');
  });

  it('when the trainee prints their own record, then it comes; another person\'s does not', async () => {
    const own = await signIn(app, (await makeUser({ role: 'trainee', traineeId })).username);
    expect((await get(own)).status).to.equal(200);
    const other = await Trainee.create({ fullName: 'Trần Văn Bình', searchName: 'tran van binh', birthDate: null, birthYear: 1980, gender: 'male' });
    expect((await get(own, other.id)).status).to.equal(404);
  });

  it('when a center created the record or taught the person, then it may print it under its own header; any other center may not', async () => {
    const creator = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTVL' })).username);
    const creatorText = allText(await pdfPages((await get(creator)).body as Buffer));
    expect(creatorText).to.contain('HUYỆN ỦY VĂN LÂM');
    expect(creatorText).to.contain('Văn Lâm, ngày 06 tháng 01 năm 2025');
    const teacher = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTVG' })).username);
    expect((await get(teacher)).status).to.equal(200);
    const stranger = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTPC' })).username);
    expect((await get(stranger)).status).to.equal(404);
    expect((await get(stranger, 999999)).status).to.equal(404);
  });
});
