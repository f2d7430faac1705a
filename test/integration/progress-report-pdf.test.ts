import { expect } from 'chai';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Actor } from '../../server/auth/actor.js';
import { loadProvinceReportSetup, loadUnitCourses, loadUnitReportSetup, renderProgressReportPdf, renderUnitReportPdf } from '../../server/documents/index.js';
import { testDb } from '../helpers/db.js';
import { allText, makeProgressReport, pdfPages, type PdfPage } from '../helpers/documents.js';
import { withSigner } from '../helpers/certificates.js';
import { makeCourse, makeEnrollment, makeUser, unitByCode } from '../helpers/factories.js';

const CREATED = new Date('2024-12-15T03:00:00Z');
const pageWith = (pages: PdfPage[], text: string) => pages.findIndex((p) => p.text.includes(text));

async function actorFor(role: 'admin' | 'center', unitCode?: string): Promise<Actor> {
  const user = await makeUser({ role, unitCode });
  return { id: user.id, username: user.username, fullName: user.fullName, role, unitId: user.unitId, unitName: null, traineeId: null, locale: null, via: 'session' };
}

describe('the province progress report PDF', () => {
  let pages: PdfPage[];
  let pdf: Buffer;

  before(async () => {
    await withSigner('BTGTU', { signerName: 'Nguyễn Thị Thu Hương', signerTitle: 'PHÓ TRƯỞNG BAN', signerAuthority: 'K/T TRƯỞNG BAN' });
    const setup = await loadProvinceReportSetup('2024-12-15');
    pdf = await renderProgressReportPdf(makeProgressReport(), { ...setup, date: '2024-12-15', creationDate: CREATED });
    pages = await pdfPages(pdf);
  });

  it('when printed, then the Party header, the blank number, the place and date and the title read as 36-HD/VPTW lays them out', () => {
    const first = pages[0]!.text;
    for (const line of ['TỈNH ỦY HƯNG YÊN', 'BAN TUYÊN GIÁO', '*', 'ĐẢNG CỘNG SẢN VIỆT NAM', 'Hưng Yên, ngày 15 tháng 12 năm 2024', 'BÁO CÁO']) {
      expect(first).to.contain(line);
    }
    expect(first).to.match(/Số -BC\/BTGTU/);
    expect(first).to.contain('kết quả đào tạo, bồi dưỡng lý luận chính trị, nghiệp vụ năm 2024');
  });

  it('when printed, then the summary carries the key numbers written as a reader writes them', () => {
    expect(pages[0]!.text).to.contain('Năm 2024, toàn tỉnh mở 336 lớp với 27.010 lượt học viên');
    // Over the units with an approved plan: 25.052 of 27.421 (Quân sự's 1.958 lượt have no target).
    expect(pages[0]!.text).to.contain('đạt 91,4% kế hoạch năm về số học viên');
    expect(pages[0]!.text).to.contain('Có 1 đơn vị chưa có kế hoạch năm được phê duyệt, chưa đánh giá được tiến độ: Đảng ủy Quân sự tỉnh. Các đơn vị này mở 23 lớp, 1.958 lượt học viên');
  });

  it('when units lag, then the body lists them and Biểu 1 marks them; a unit without a plan shows a dash and says so', () => {
    const body = pages[0]!.text;
    expect(body).to.contain('Có 2 đơn vị chậm tiến độ so với kế hoạch năm');
    expect(body).to.contain('Trung tâm Chính trị huyện Ân Thi: đạt');
    expect(body).to.contain('Trung tâm Chính trị huyện Phù Cừ: đạt');
    const table = pages[pageWith(pages, 'Biểu 1 KẾT QUẢ')]!.text;
    expect(table.match(/Chậm tiến độ/g)).to.have.length(2);
    expect(table).to.match(/Đảng ủy Quân sự tỉnh – \d+ – [\d.]+ –/);
    expect(table).to.contain('Chưa có kế hoạch');
  });

  it('when printed, then Nơi nhận comes from the settings and the signature block from the board unit', () => {
    const text = allText(pages);
    expect(text).to.contain('Nơi nhận:');
    expect(text).to.contain('- Ban Tuyên giáo Trung ương,');
    expect(text).to.contain('- Lưu Văn phòng Ban.');
    expect(text).to.match(/K\/T TRƯỞNG BAN PHÓ TRƯỞNG BAN Nguyễn Thị Thu Hương/);
  });

  it('when printed, then the letter is portrait and Biểu 1 and Biểu 2 are landscape pages', () => {
    const b1 = pageWith(pages, 'Biểu 1 KẾT QUẢ');
    const b2 = pageWith(pages, 'Biểu 2 KẾT QUẢ');
    expect(pages[0]!.width).to.be.below(pages[0]!.height);
    expect(b1).to.be.greaterThan(0);
    expect(pages[b1]!.width).to.be.above(pages[b1]!.height);
    expect(pages[b2]!.width).to.be.above(pages[b2]!.height);
    expect(pages[b1]!.text).to.contain('KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG THEO ĐƠN VỊ NĂM 2024');
  });

  it('when Biểu 1 is read, then every column header, each unit and the total row are there in Vietnamese figures', () => {
    const table = pages[pageWith(pages, 'Biểu 1 KẾT QUẢ')]!.text;
    for (const header of ['STT', 'Đơn vị', 'Số lớp', 'KH', 'TH', 'Số học viên (lượt)', 'Tỷ lệ % TH/ KH', 'Hoàn thành', 'Xuất sắc', 'Giỏi', 'Khá', 'Trung bình', 'Không đạt', 'Ghi chú']) {
      expect(table).to.contain(header);
    }
    expect(table).to.contain('Văn Giang');
    expect(table).to.contain('Khoái Châu');
    expect(table).to.match(/Tổng cộng 312 336 27\.421 27\.010 91,4% [\d.]+ /);
    expect(table).to.match(/Trong đó: đơn vị chưa có kế hoạch được duyệt \(1\) – 23 – 1\.958 – 1\.896 /);
    expect(table).to.contain('Tỷ lệ % TH/KH của dòng Tổng cộng tính trên các đơn vị có kế hoạch được duyệt (25.052 lượt học viên).');
  });

  it('when Biểu 2 is read, then programs sit under their category, whose row carries the subtotal', () => {
    const report = makeProgressReport();
    const table = pages[pageWith(pages, 'Biểu 2 KẾT QUẢ')]!.text;
    const nv = report.categories.find((c) => c.category === 'boi-duong-nv')!;
    const fmt = (n: number) => n.toLocaleString('vi-VN');
    expect(table).to.contain(`III Bồi dưỡng nghiệp vụ ${fmt(nv.plannedCourses!)} ${fmt(nv.courses)} ${fmt(nv.plannedTrainees!)} ${fmt(nv.enrolled)}`);
    expect(table.indexOf('II Bồi dưỡng lý luận chính trị')).to.be.below(table.indexOf('Bồi dưỡng nhận thức về Đảng'));
    expect(table.indexOf('Bồi dưỡng nhận thức về Đảng')).to.be.below(table.indexOf('III Bồi dưỡng nghiệp vụ'));
    expect(table).to.contain('Tổng cộng 312 336 27.421 27.010 91,4%');
  });

  it('when every page is printed, then each says Trang x/y', () => {
    pages.forEach((page, i) => expect(page.text).to.contain(`Trang ${i + 1}/${pages.length}`));
  });

  it('when the same report is printed again with the same creation date, then the bytes are identical and the date is the one given', async () => {
    const setup = await loadProvinceReportSetup('2024-12-15');
    const again = await renderProgressReportPdf(makeProgressReport(), { ...setup, date: '2024-12-15', creationDate: CREATED });
    expect(again.equals(pdf)).to.equal(true);
    const later = await renderProgressReportPdf(makeProgressReport(), { ...setup, date: '2024-12-15', creationDate: new Date('2024-12-16T03:00:00Z') });
    expect(later.equals(pdf)).to.equal(false);
    const doc = await getDocument({ data: new Uint8Array(pdf) }).promise;
    const { info } = (await doc.getMetadata()) as { info: { CreationDate?: string } };
    expect(info.CreationDate).to.match(/^D:20241215030000/);
    await doc.destroy();
  });

  it('when a number is given and a name arrives decomposed (NFD), then it prints the number and the composed name', async () => {
    const setup = await loadProvinceReportSetup('2024-12-15');
    const nfd = 'Trung tâm Chính trị huyện Văn Giang'.normalize('NFD');
    const report = makeProgressReport({ rename: { TTCTVG: nfd } });
    const text = allText(await pdfPages(await renderProgressReportPdf(report, { ...setup, number: '127', date: '2025-01-05' })));
    expect(text).to.contain('Số 127-BC/BTGTU');
    expect(text).to.contain('Hưng Yên, ngày 05 tháng 01 năm 2025');
    expect(text).to.contain('Văn Giang');
    expect(text).to.equal(text.normalize('NFC'));
  });

  it('when a Biểu has more rows than a page holds, then it runs on with its header repeated', async () => {
    const setup = await loadProvinceReportSetup('2024-12-15');
    const report = makeProgressReport();
    const many = Array.from({ length: 3 }, (_, k) => report.units.map((u) => ({ ...u, unitName: `${u.unitName} (${k + 1})` }))).flat();
    const long = await pdfPages(await renderProgressReportPdf({ ...report, units: many }, { ...setup, date: '2024-12-15' }));
    const first = pageWith(long, 'Biểu 1 KẾT QUẢ');
    const next = long[first + 1]!;
    expect(next.text).not.to.contain('Biểu 2');
    expect(next.text).to.contain('Tỷ lệ % TH/ KH');
    expect(next.text).to.contain('Số học viên (lượt)');
    expect(next.width).to.be.above(next.height);
    expect(next.text).to.contain(`Trang ${first + 2}/${long.length}`);
  });
});

describe('a unit progress report PDF', () => {
  it('when a unit prints its report, then its own header, its programs by category and its courses appear, signed by its signer', async () => {
    await withSigner('TTCTVG', { signerName: 'Phạm Thị Lan', signerTitle: 'GIÁM ĐỐC' });
    const unit = await unitByCode('TTCTVG');
    const course = await makeCourse({ unitCode: 'TTCTVG', name: 'Lớp bồi dưỡng nhận thức về Đảng khóa 1 năm 2031', startDate: '2031-03-03', endDate: '2031-03-07' });
    await makeEnrollment(course, undefined, { status: 'completed', score: 8.5, grade: 'good' });
    await makeEnrollment(course, undefined, { status: 'withdrawn' });
    await makeCourse({ unitCode: 'TTCTVG', startDate: '2031-04-03', endDate: '2031-04-05', status: 'cancelled' });
    await makeCourse({ unitCode: 'TTCTVL', startDate: '2031-03-03', endDate: '2031-03-05' });

    const actor = await actorFor('center', 'TTCTVG');
    const setup = await loadUnitReportSetup(actor, 'TTCTVG', '2024-12-15');
    const courses = await loadUnitCourses(testDb().sequelize, actor, unit.id, { from: '2031-01-01', to: '2031-12-31' });
    expect(courses.map((c) => [c.name, c.summoned, c.present, c.completed])).to.deep.equal([[course.name, 2, 1, 1]]);

    const report = makeProgressReport({ asOf: '2024-12-31' });
    const pages = await pdfPages(await renderUnitReportPdf(report, 'TTCTVG', courses, { ...setup, number: '12', date: '2024-12-20' }));
    const text = allText(pages);
    expect(text).to.contain('HUYỆN ỦY VĂN GIANG');
    expect(text).to.contain('TRUNG TÂM CHÍNH TRỊ');
    expect(text).to.contain('Số 12-BC/TTCTVG');
    expect(text).to.contain('Văn Giang, ngày 20 tháng 12 năm 2024');
    const vg = report.units.find((u) => u.unitCode === 'TTCTVG')!;
    expect(text).to.contain(`Năm 2024, Trung tâm Chính trị huyện Văn Giang mở ${vg.courses} lớp với ${vg.enrolled.toLocaleString('vi-VN')} lượt học viên`);
    expect(text).to.contain('- Thường trực Huyện ủy Văn Giang,');
    expect(text).to.match(/GIÁM ĐỐC Phạm Thị Lan/);
    const list = pages.find((p) => p.text.includes('DANH SÁCH LỚP'))!;
    expect(list.width).to.be.above(list.height);
    expect(list.text).to.contain('Lớp bồi dưỡng nhận thức về Đảng khóa 1 năm 2031');
    expect(list.text).to.contain('03/03/2031 – 07/03/2031');
    expect(list.text).to.match(/Tổng cộng 2 1 1/);
    expect(pages.find((p) => p.text.includes('THEO CHƯƠNG TRÌNH'))!.text).to.contain('I Đào tạo');
  });

  it("when a center asks for another unit's report or courses, then it is not found", async () => {
    const actor = await actorFor('center', 'TTCTVL');
    const other = await unitByCode('TTCTVG');
    for (const attempt of [() => loadUnitReportSetup(actor, 'TTCTVG', '2024-12-15'), () => loadUnitCourses(testDb().sequelize, actor, other.id, { from: '2031-01-01', to: '2031-12-31' })]) {
      const error = await attempt().then(() => null, (e: { kind?: string }) => e);
      expect(error?.kind).to.equal('not_found');
    }
    const admin = await actorFor('admin');
    expect((await loadUnitReportSetup(admin, 'TTCTVG', '2024-12-15')).issuer.symbol).to.equal('TTCTVG');
  });

  it('when the report has no such unit, then the renderer refuses with not found', async () => {
    const error = await renderUnitReportPdf(makeProgressReport(), 'NOPE', [], {
      issuer: { parentBody: 'X', headerName: 'Y', fullName: 'Z', symbol: 'S', place: 'P', signer: { authority: null, title: null, name: null } },
      recipients: [],
      date: '2024-12-31',
    }).then(() => null, (e: { kind?: string }) => e);
    expect(error?.kind).to.equal('not_found');
  });
});
