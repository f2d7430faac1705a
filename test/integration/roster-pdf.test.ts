import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { Enrollment } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { allText, binary, pdfPages, traineeNamed } from '../helpers/documents.js';
import { makeCertificate, withSigner } from '../helpers/certificates.js';
import { makeCourse, makeEnrollment, makeUser } from '../helpers/factories.js';
import { signIn, type Agent } from '../helpers/http.js';

const LONG_NAME = 'Công Tằng Tôn Nữ Thị Phương Thảo Nguyên Khánh';

describe('the course roster PDF', () => {
  let app: App;
  let vanLam: Agent;
  let courseId: number;
  let hang: { id: number };

  before(async () => {
    app = makeApp();
    await withSigner('TTCTVL', { signerName: 'Nguyễn Văn Tuấn', signerTitle: 'GIÁM ĐỐC' });
    const course = await makeCourse({ unitCode: 'TTCTVL', name: 'Lớp bồi dưỡng nhận thức về Đảng khóa 2 năm 2025', startDate: '2025-03-03', endDate: '2025-03-07' });
    courseId = course.id;
    const hangTrainee = await traineeNamed('Nguyễn Thị Hằng', { birthDate: '1990-05-17' });
    hang = hangTrainee;
    const hangEnrollment = await Enrollment.create({ courseId, traineeId: hangTrainee.id, sendingOrg: 'Chi bộ thôn Như Quỳnh, Đảng bộ xã Như Quỳnh', score: 8.5, grade: 'good', status: 'completed' });
    await makeCertificate(hangEnrollment, { number: '0125/2025/GCN-TTCTVL' });
    await Enrollment.create({ courseId, traineeId: (await traineeNamed('Trần Văn Bình', { birthDate: null, birthYear: 1986, gender: 'male' })).id, score: 4.5, grade: 'fail', status: 'failed' });
    await Enrollment.create({ courseId, traineeId: (await traineeNamed(LONG_NAME, { birthDate: '1992-01-09' })).id, score: 9.2, grade: 'excellent', status: 'completed' });
    // Stored decomposed, as a macOS export might leave it if it slipped past the input cleaning.
    await Enrollment.create({ courseId, traineeId: (await traineeNamed('Lê Thị Ngọc Ánh'.normalize('NFD'))).id, status: 'withdrawn' });
    for (const name of [...Array.from({ length: 36 }, () => 'Phạm Văn Tú'), 'Ngô Diệu Yến']) {
      await Enrollment.create({ courseId, traineeId: (await traineeNamed(name, { gender: 'male' })).id, score: 7.0, grade: 'fair', status: 'completed', sendingOrg: 'Đảng bộ xã Lạc Đạo' });
    }
    vanLam = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTVL' })).username);
  });

  const roster = async (agent: Agent, query = '') => agent.get(`/courses/${courseId}/roster.pdf${query}`).buffer(true).parse(binary);

  it('when the unit prints the roster, then it is a PDF with the unit header, the title, the course, its dates and the signer', async () => {
    const res = await roster(vanLam, '?date=16/03/2025');
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    expect(res.headers['cache-control']).to.contain('no-store');
    const text = allText(await pdfPages(res.body as Buffer));
    for (const line of ['HUYỆN ỦY VĂN LÂM', 'TRUNG TÂM CHÍNH TRỊ', 'ĐẢNG CỘNG SẢN VIỆT NAM', 'Văn Lâm, ngày 16 tháng 3 năm 2025', 'DANH SÁCH HỌC VIÊN VÀ KẾT QUẢ HỌC TẬP']) {
      expect(text).to.contain(line);
    }
    expect(text).to.contain('Lớp bồi dưỡng nhận thức về Đảng khóa 2 năm 2025');
    expect(text).to.contain('Thời gian: từ ngày 03/03/2025 đến ngày 07/03/2025');
    expect(text).to.match(/GIÁM ĐỐC Nguyễn Văn Tuấn/);
  });

  it('when a trainee is listed, then the row carries name, birth date, gender, sending unit, score with a comma, grade and certificate number', async () => {
    const text = allText(await pdfPages((await roster(vanLam)).body as Buffer));
    expect(text).to.match(/Nguyễn Thị Hằng 17\/05\/1990 Nữ Chi bộ thôn Như Quỳnh, Đảng bộ xã Như Quỳnh 8,5 Giỏi 0125\/2025\/GCN- ?TTCTVL/);
    expect(text).to.match(/Trần Văn Bình 1986 Nam 4,5 Không đạt/);
    expect(text).to.contain('Thôi học');
    expect(text).to.contain('Tổng số: 41 học viên; hoàn thành: 39; không hoàn thành: 1; thôi học: 1; chưa có kết quả: 0.');
    expect(text).to.contain('Xếp loại: xuất sắc 1, giỏi 1, khá 37, trung bình 0, không đạt 1.');
  });

  it('when names are sorted, then they follow the given name the Vietnamese way', async () => {
    const text = allText(await pdfPages((await roster(vanLam)).body as Buffer));
    // By given name: Ánh, Bình, Hằng, (…) Khánh, Tú, Yến — not by family name, which would put Công first.
    const order = ['Lê Thị Ngọc Ánh', 'Trần Văn Bình', 'Nguyễn Thị Hằng', 'Công Tằng Tôn Nữ', 'Phạm Văn Tú', 'Ngô Diệu Yến'].map((name) => text.indexOf(name));
    expect(order.every((at) => at >= 0)).to.equal(true);
    expect([...order].sort((a, b) => a - b)).to.deep.equal(order);
  });

  it('when the list runs over two pages, then pages read Trang 1/2 and 2/2 and page 2 repeats the header', async () => {
    const pages = await pdfPages((await roster(vanLam)).body as Buffer);
    expect(pages).to.have.length(2);
    expect(pages[0]!.text).to.contain('Trang 1/2');
    expect(pages[1]!.text).to.contain('Trang 2/2');
    for (const header of ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Đơn vị cử đi học', 'Điểm', 'Xếp loại', 'Số giấy chứng nhận']) {
      expect(pages[1]!.text).to.contain(header);
    }
    expect(pages[1]!.text).to.match(/41 Ngô Diệu Yến/);
    expect(pages[0]!.text).not.to.contain('Ngô Diệu Yến');
  });

  it('when a name is longer than its cell, then it wraps inside the cell, whole and in order', async () => {
    const pages = await pdfPages((await roster(vanLam)).body as Buffer);
    const page = pages.find((p) => p.text.includes('Công Tằng'))!;
    const start = page.items.findIndex((i) => i.str.startsWith('Công Tằng'));
    const birth = page.items.find((i) => i.str === '09/01/1992')!;
    const lines: typeof page.items = [];
    let joined = '';
    for (let i = start; joined.length < LONG_NAME.length; i++) {
      lines.push(page.items[i]!);
      joined = lines.map((l) => l.str.trim()).join(' ');
    }
    expect(joined).to.equal(LONG_NAME);
    expect(lines.length).to.be.greaterThan(1);
    for (const line of lines) {
      expect(line.x).to.be.closeTo(lines[0]!.x, 0.5);
      expect(line.x + line.width).to.be.below(birth.x);
    }
  });

  it('when a name was stored decomposed (NFD), then the PDF prints it composed', async () => {
    const pages = await pdfPages((await roster(vanLam)).body as Buffer);
    const text = allText(pages);
    expect(text).to.contain('Lê Thị Ngọc Ánh');
    expect(text).to.equal(text.normalize('NFC'));
  });

  it("when another unit, a trainee or a visitor asks for the roster, then it is not found (or the sign-in page)", async () => {
    const other = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTVG' })).username);
    expect((await roster(other)).status).to.equal(404);
    const trainee = await signIn(app, (await makeUser({ role: 'trainee', traineeId: hang.id })).username);
    expect((await roster(trainee)).status).to.equal(404);
    const admin = await signIn(app, (await makeUser({ role: 'admin' })).username);
    expect((await roster(admin)).status).to.equal(200);
    const anonymous = await supertest(app).get(`/courses/${courseId}/roster.pdf`);
    expect(anonymous.status).to.equal(303);
    expect(anonymous.headers.location).to.equal('/login');
  });

  it('when the course does not exist or the id is not a number, then 404', async () => {
    expect((await vanLam.get('/courses/999999/roster.pdf')).status).to.equal(404);
    expect((await vanLam.get('/courses/abc/roster.pdf')).status).to.equal(404);
  });

  it('when the date is not a date, then 422', async () => {
    expect((await vanLam.get(`/courses/${courseId}/roster.pdf?date=31/02/2025`)).status).to.equal(422);
  });

  it('when an empty course is printed, then it says so', async () => {
    const empty = await makeCourse({ unitCode: 'TTCTVL' });
    const res = await vanLam.get(`/courses/${empty.id}/roster.pdf`).buffer(true).parse(binary);
    expect(allText(await pdfPages(res.body as Buffer))).to.contain('Lớp chưa có học viên.');
  });

  it('when an enrollment has no result yet, then its grade cell is blank and it counts as pending', async () => {
    const pending = await makeCourse({ unitCode: 'TTCTVL' });
    await makeEnrollment(pending, await traineeNamed('Đỗ Thị Mai'));
    const res = await vanLam.get(`/courses/${pending.id}/roster.pdf`).buffer(true).parse(binary);
    expect(allText(await pdfPages(res.body as Buffer))).to.contain('chưa có kết quả: 1');
  });
});
