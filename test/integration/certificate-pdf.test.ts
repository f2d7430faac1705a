import { expect } from 'chai';
import type { App } from '../../server/app.js';
import { Enrollment } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { allText, binary, pdfPages, qrCodesOnPage, traineeNamed } from '../helpers/documents.js';
import { makeCertificate, withSigner } from '../helpers/certificates.js';
import { makeCourse, makeUser } from '../helpers/factories.js';
import { signIn, type Agent } from '../helpers/http.js';

const PUBLIC_URL = 'https://daotao.hungyen.dcs.vn';

describe('certificate PDFs', () => {
  let app: App;
  let vanLam: Agent;
  let hangAgent: Agent;
  let hangTraineeId: number;
  let valid: { id: number; verifyCode: string };
  let revoked: { id: number };
  let courseId: number;

  before(async () => {
    app = makeApp({ PUBLIC_URL });
    // Today's signer differs from the one on the certificates: the certificates must keep theirs.
    await withSigner('TTCTVL', { signerName: 'Nguyễn Văn Tuấn', signerTitle: 'GIÁM ĐỐC' });
    const course = await makeCourse({ unitCode: 'TTCTVL', programCode: 'NTVD', name: 'Lớp bồi dưỡng nhận thức về Đảng khóa 2 năm 2024', startDate: '2024-03-04', endDate: '2024-03-08' });
    courseId = course.id;
    const hang = await traineeNamed('Nguyễn Thị Hằng', { birthDate: '1990-05-17' });
    hangTraineeId = hang.id;
    const enrollment = await Enrollment.create({ courseId, traineeId: hang.id, sendingOrg: 'Chi bộ thôn Như Quỳnh, Đảng bộ xã Như Quỳnh', score: 8.5, grade: 'good', status: 'completed' });
    valid = await makeCertificate(enrollment, {
      number: '0125/2024/GCN-TTCTVL',
      issuedOn: '2024-03-12',
      signerAuthority: 'KT. GIÁM ĐỐC',
      signerTitle: 'PHÓ GIÁM ĐỐC',
      signerName: 'Lê Thị Mai',
      verifyCode: 'k7m2p9q4r8s3t6v5',
    });
    for (const name of ['Trần Văn Bình', 'Đỗ Thị Thu Trang']) {
      const e = await Enrollment.create({ courseId, traineeId: (await traineeNamed(name)).id, score: 7.5, grade: 'fair', status: 'completed' });
      await makeCertificate(e, { issuedOn: '2024-03-12' });
    }
    const lost = await Enrollment.create({ courseId, traineeId: (await traineeNamed('Phạm Quốc Huy')).id, score: 7.0, grade: 'fair', status: 'completed' });
    revoked = await makeCertificate(lost, { issuedOn: '2024-03-12', status: 'revoked', revokedAt: new Date('2024-04-02T03:00:00Z') });
    vanLam = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTVL' })).username);
    hangAgent = await signIn(app, (await makeUser({ role: 'trainee', traineeId: hangTraineeId })).username);
  });

  const get = (agent: Agent, path: string) => agent.get(path).buffer(true).parse(binary);

  it('when the unit downloads a certificate, then it is A4 landscape with the title, the person, the course, the result, the number and the signer of the day of issue', async () => {
    const res = await get(vanLam, `/certificates/${valid.id}.pdf`);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    const pages = await pdfPages(res.body as Buffer);
    expect(pages).to.have.length(1);
    expect(pages[0]!.width).to.be.closeTo(841.89, 0.5);
    expect(pages[0]!.height).to.be.closeTo(595.28, 0.5);
    const text = pages[0]!.text;
    for (const line of [
      'HUYỆN ỦY VĂN LÂM',
      'TRUNG TÂM CHÍNH TRỊ',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'GIẤY CHỨNG NHẬN',
      'Chứng nhận đồng chí: Nguyễn Thị Hằng',
      'Sinh ngày: 17/05/1990',
      'Đã hoàn thành chương trình: Bồi dưỡng nhận thức về Đảng',
      'Lớp: Lớp bồi dưỡng nhận thức về Đảng khóa 2 năm 2024',
      'Thời gian học: từ ngày 04/03/2024 đến ngày 08/03/2024',
      'Xếp loại: Giỏi',
      'Số: 0125/2024/GCN-TTCTVL',
      'Văn Lâm, ngày 12 tháng 3 năm 2024',
      'KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Lê Thị Mai',
      'daotao.hungyen.dcs.vn/verify/k7m2p9q4r8s3t6v5',
    ]) {
      expect(text).to.contain(line);
    }
    expect(text).not.to.contain('Nguyễn Văn Tuấn');
    expect(text).not.to.contain('Trang 1/1');
  });

  it('when the QR code is read back from the PDF, then it is the public verification address', async () => {
    const res = await get(vanLam, `/certificates/${valid.id}.pdf`);
    expect(await qrCodesOnPage(res.body as Buffer, 1)).to.deep.equal([`${PUBLIC_URL}/verify/k7m2p9q4r8s3t6v5`]);
  });

  it('when the same certificate is downloaded twice, then the bytes are identical', async () => {
    const a = (await get(vanLam, `/certificates/${valid.id}.pdf`)).body as Buffer;
    const b = (await get(vanLam, `/certificates/${valid.id}.pdf`)).body as Buffer;
    expect(a.equals(b)).to.equal(true);
  });

  it('when the unit was renamed after issue, then the certificate keeps the name it was issued under', async () => {
    const course = await makeCourse({ unitCode: 'TTCTMH', programCode: 'NTVD', startDate: '2019-05-06', endDate: '2019-05-10' });
    const e = await Enrollment.create({ courseId: course.id, traineeId: (await traineeNamed('Vũ Thị Hoa')).id, score: 8.0, grade: 'good', status: 'completed' });
    const old = await makeCertificate(e, { issuedOn: '2019-05-15', unitParentBody: 'HUYỆN ỦY MỸ HÀO', unitName: 'TRUNG TÂM BỒI DƯỠNG CHÍNH TRỊ' });
    const admin = await signIn(app, (await makeUser({ role: 'admin' })).username);
    const text = allText(await pdfPages((await get(admin, `/certificates/${old.id}.pdf`)).body as Buffer));
    expect(text).to.contain('HUYỆN ỦY MỸ HÀO');
    expect(text).to.contain('TRUNG TÂM BỒI DƯỠNG CHÍNH TRỊ');
    expect(text).not.to.contain('THỊ ỦY MỸ HÀO');
  });

  it("when the program leads to the Sơ cấp diploma, then the title is the diploma's; when it is not scored, then no grade is printed", async () => {
    const admin = await signIn(app, (await makeUser({ role: 'admin' })).username);
    const sc = await makeCourse({ unitCode: 'TTCTVG', programCode: 'SCLLCT', startDate: '2024-09-03', endDate: '2024-10-11' });
    const e1 = await Enrollment.create({ courseId: sc.id, traineeId: (await traineeNamed('Hoàng Văn Nam', { birthDate: null, birthYear: 1979 })).id, score: 8.0, grade: 'good', status: 'completed' });
    const diploma = await makeCertificate(e1, { issuedOn: '2024-10-20' });
    const text = allText(await pdfPages((await get(admin, `/certificates/${diploma.id}.pdf`)).body as Buffer));
    expect(text).to.contain('BẰNG SƠ CẤP LÝ LUẬN CHÍNH TRỊ');
    expect(text).to.contain('Cấp cho đồng chí: Hoàng Văn Nam');
    expect(text).to.contain('Năm sinh: 1979');
    expect(text).to.contain('Văn Giang, ngày 20 tháng 10 năm 2024');

    const nv = await makeCourse({ unitCode: 'TTCTVG', programCode: 'NVCTD', startDate: '2024-05-06', endDate: '2024-05-07' });
    const e2 = await Enrollment.create({ courseId: nv.id, traineeId: (await traineeNamed('Đinh Thị Lan')).id, attendance: 1, status: 'completed' });
    const attendance = await makeCertificate(e2, { issuedOn: '2024-05-10' });
    const plain = allText(await pdfPages((await get(admin, `/certificates/${attendance.id}.pdf`)).body as Buffer));
    expect(plain).to.contain('GIẤY CHỨNG NHẬN');
    expect(plain).not.to.contain('Xếp loại');
  });

  it('when a certificate was revoked, then the unit gets it marked ĐÃ THU HỒI and the trainee cannot download it', async () => {
    const text = allText(await pdfPages((await get(vanLam, `/certificates/${revoked.id}.pdf`)).body as Buffer));
    expect(text).to.contain('ĐÃ THU HỒI');
    expect(text).to.contain('Giấy chứng nhận này đã bị thu hồi ngày 02/04/2024 và không còn giá trị.');
    const later = await makeCourse({ unitCode: 'TTCTVL', programCode: 'LSD', startDate: '2024-06-03', endDate: '2024-06-07' });
    const e = await Enrollment.create({ courseId: later.id, traineeId: hangTraineeId, score: 9.0, grade: 'excellent', status: 'completed' });
    const replacedOld = await makeCertificate(e, { issuedOn: '2024-06-10', status: 'replaced' });
    const replacement = await makeCertificate(e, { issuedOn: '2024-06-20', replacesId: replacedOld.id });
    const replacedText = allText(await pdfPages((await get(vanLam, `/certificates/${replacedOld.id}.pdf`)).body as Buffer));
    expect(replacedText).to.contain('ĐÃ CẤP LẠI');
    expect(replacedText).to.contain(`đã được cấp lại bằng giấy số ${replacement.number}`);

    expect((await get(hangAgent, `/certificates/${replacedOld.id}.pdf`)).status).to.equal(404);
  });

  it('when a trainee downloads, then their own valid certificate comes and nobody else\'s does', async () => {
    const own = hangAgent;
    const res = await get(own, `/certificates/${valid.id}.pdf`);
    expect(res.status).to.equal(200);
    expect(await qrCodesOnPage(res.body as Buffer, 1)).to.deep.equal([`${PUBLIC_URL}/verify/k7m2p9q4r8s3t6v5`]);
    expect((await get(own, `/certificates/${revoked.id}.pdf`)).status).to.equal(404);
    const stranger = await signIn(app, (await makeUser({ role: 'trainee', traineeId: (await traineeNamed('Người Khác')).id })).username);
    expect((await get(stranger, `/certificates/${valid.id}.pdf`)).status).to.equal(404);
    expect((await get(own, `/courses/${courseId}/certificates.pdf`)).status).to.equal(404);
  });

  it("when another unit asks for a certificate or a course's certificates, then they are not found", async () => {
    const other = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTKC' })).username);
    expect((await get(other, `/certificates/${valid.id}.pdf`)).status).to.equal(404);
    expect((await get(other, `/courses/${courseId}/certificates.pdf`)).status).to.equal(404);
    expect((await get(vanLam, '/certificates/999999.pdf')).status).to.equal(404);
  });

  it("when a course's certificates are printed, then every valid one is a page of its own, in number order, each with its own QR code", async () => {
    const res = await get(vanLam, `/courses/${courseId}/certificates.pdf`);
    expect(res.status).to.equal(200);
    const pdf = res.body as Buffer;
    const pages = await pdfPages(pdf);
    const names = ['Nguyễn Thị Hằng', 'Trần Văn Bình', 'Đỗ Thị Thu Trang'];
    expect(pages.length).to.be.at.least(3);
    for (const page of pages) {
      expect(page.width).to.be.above(page.height);
      expect(names.filter((n) => page.text.includes(n)).length + (page.text.includes('Phạm Quốc Huy') ? 1 : 0)).to.equal(1);
    }
    expect(allText(pages)).not.to.contain('Phạm Quốc Huy');
    expect(allText(pages)).not.to.contain('ĐÃ THU HỒI');
    const codes = await Promise.all(pages.map((_p, i) => qrCodesOnPage(pdf, i + 1)));
    expect(codes.every((c) => c.length === 1 && c[0]!.startsWith(`${PUBLIC_URL}/verify/`))).to.equal(true);
    expect(new Set(codes.map((c) => c[0])).size).to.equal(pages.length);
  });

  it('when a course has no valid certificate, then printing them is refused with 409', async () => {
    const empty = await makeCourse({ unitCode: 'TTCTVL' });
    expect((await get(vanLam, `/courses/${empty.id}/certificates.pdf`)).status).to.equal(409);
  });
});
