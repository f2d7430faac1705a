// Issue #14 item 9: the issue date and decision number chosen when issuing, a unit's certificate register per
// year with its export and bulk PDF, the check by a number typed without its leading zeros, and a trainee known
// by birth year only, whose certificate prints the year the check asks for.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import type { Actor } from '../../server/auth/actor.js';
import { issueForCourse } from '../../server/certificates/certificates.service.js';
import { REGISTER_PDF_MAX } from '../../server/certificates/register.queries.js';
import { Certificate, Enrollment, Trainee, type Unit } from '../../server/db/models.js';
import { verifyByNumber } from '../../server/verify/verify.service.js';
import { makeApp } from '../helpers/app.js';
import { actorOf, makeCourseWithResults, onDay, withSigner } from '../helpers/certificates.js';
import { allText, binary, pdfPages } from '../helpers/documents.js';
import { expectAppError } from '../helpers/expect-app-error.js';
import { makeUser } from '../helpers/factories.js';
import { csrfFrom, signIn } from '../helpers/http.js';
import { makeUnit } from '../helpers/units.js';

const YEAR = 2241;
const COURSE = { startDate: `${YEAR}-03-02`, endDate: `${YEAR}-03-06` };

describe('certificates: the day and decision of issue, the register per year, the check (issue #14 item 9)', () => {
  let app: ReturnType<typeof makeApp>;
  let unit: Unit;
  let other: Unit;
  let staff: Actor;
  let staffName: string;
  let otherName: string;
  let boardName: string;

  before(async () => {
    app = makeApp();
    unit = await withSigner((await makeUnit()).code);
    other = await withSigner((await makeUnit()).code);
    const user = await makeUser({ role: 'center', unitCode: unit.code });
    staff = await actorOf(user);
    staffName = user.username;
    otherName = (await makeUser({ role: 'center', unitCode: other.code })).username;
    boardName = (await makeUser({ role: 'admin' })).username;
  });

  async function finishedCourse(unitCode: string, completed: number, names?: string[]) {
    const fixture = await makeCourseWithResults({ unitCode, completed, names });
    await fixture.course.update(COURSE);
    return fixture;
  }

  it('when the unit issues on a chosen day under a decision, then the certificates carry that day, its year’s numbers and the decision, printed', async () => {
    const { course, completed } = await finishedCourse(unit.code, 2, ['Đỗ Thị Hoa', 'Vũ Văn Nam']);
    const result = await issueForCourse(staff, course.id, onDay(`${YEAR}-06-01`), { issuedOn: `${YEAR}-03-20`, decisionNumber: ' 15/QĐ-TTCT ' });
    expect(result.firstNumber).to.equal(`0001/${YEAR}/GCN-${unit.symbol}`);
    const rows = await Certificate.findAll({ where: { enrollmentId: completed.map((e) => e.id) }, order: [['seq', 'ASC']] });
    expect(rows.map((r) => [r.issuedOn, r.year, r.decisionNumber])).to.deep.equal([
      [`${YEAR}-03-20`, YEAR, '15/QĐ-TTCT'],
      [`${YEAR}-03-20`, YEAR, '15/QĐ-TTCT'],
    ]);

    const agent = await signIn(app, staffName);
    const pdf = await agent.get(`/certificates/${rows[0]!.id}.pdf`).buffer(true).parse(binary);
    expect(pdf.status).to.equal(200);
    const text = allText(await pdfPages(pdf.body as Buffer));
    expect(text).to.include('Theo Quyết định số 15/QĐ-TTCT');
    expect(text).to.include(`ngày 20 tháng 3 năm ${YEAR}`);
  });

  it('when the chosen day is before the course ended or after today, then nothing is issued and the error stands by the date field', async () => {
    const { course, completed } = await finishedCourse(unit.code, 1);
    for (const issuedOn of [`${YEAR}-03-05`, `${YEAR}-06-02`]) {
      const error = await expectAppError(issueForCourse(staff, course.id, onDay(`${YEAR}-06-01`), { issuedOn }), 'invalid');
      expect(error.fields).to.deep.equal({ issuedOn: 'certificates.issuedOnRange' });
    }
    expect(await Certificate.count({ where: { enrollmentId: completed[0]!.id } })).to.equal(0);

    const agent = await signIn(app, staffName);
    const page = await agent.get(`/courses/${course.id}/certificates`);
    const res = await agent.post(`/courses/${course.id}/certificates`).type('form').send({ _csrf: csrfFrom(page.text), issuedOn: '01/01/2240', decisionNumber: '16/QĐ-TTCT' });
    expect(res.status).to.equal(422);
    expect(res.text).to.match(/id="e-issuedOn"[^>]*>Ngày cấp phải từ ngày kết thúc lớp đến hôm nay\./);
    expect(res.text).to.include('value="16/QĐ-TTCT"');
    expect(await Certificate.count({ where: { enrollmentId: completed[0]!.id } })).to.equal(0);
  });

  it('when the unit opens its register of the year, then it lists its certificates in number order with the export and the bulk PDF; another unit’s is not found', async () => {
    const { course } = await finishedCourse(unit.code, 3, ['Lò Văn Sáng', 'Hà Thị Thu', 'Cầm Văn Tú']);
    await issueForCourse(staff, course.id, onDay(`${YEAR}-06-01`), { issuedOn: `${YEAR}-04-01` });
    const own = await Certificate.findAll({ where: { unitId: unit.id, year: YEAR }, order: [['seq', 'ASC']] });
    expect(own.length).to.be.at.least(5);
    const revoked = own[own.length - 1]!;
    await revoked.update({ status: 'revoked', revokedAt: new Date(), revokeReason: 'Thử nghiệm' });

    const agent = await signIn(app, staffName);
    const page = await agent.get(`/certificates/register?year=${YEAR}`);
    expect(page.status).to.equal(200);
    const listed = [...page.text.matchAll(/<tr data-certificate="(\d+)">/g)].map((m) => Number(m[1]));
    expect(listed).to.deep.equal(own.map((c) => c.id));
    expect(page.text).to.include(`(${own.length - 1})`); // the valid ones the PDF will hold
    expect(page.text).to.include('data-register-pdf').and.not.include('data-register-pdf-too-many');

    const xlsx = await agent.get(`/certificates/register.xlsx?year=${YEAR}`).buffer(true).parse(binary);
    expect(xlsx.status).to.equal(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0]!;
    const numbers: string[] = [];
    const statuses: string[] = [];
    sheet.eachRow((row) => {
      const n = String(row.getCell(2).value ?? '');
      if (/\/GCN-/.test(n)) {
        numbers.push(n);
        statuses.push(String(row.getCell(8).value));
      }
    });
    expect(numbers).to.deep.equal(own.map((c) => c.number));
    expect(statuses[statuses.length - 1]).to.equal('Đã thu hồi');

    const pdf = await agent.get(`/certificates/register.pdf?year=${YEAR}`).buffer(true).parse(binary);
    expect(pdf.status).to.equal(200);
    const pages = await pdfPages(pdf.body as Buffer);
    expect(pages).to.have.length(own.length - 1);
    const text = allText(pages);
    for (const c of own.slice(0, -1)) expect(text).to.include(c.number);
    expect(text).not.to.include(revoked.number);

    expect((await agent.get(`/certificates/register?year=${YEAR}&unitCode=${other.code}`)).status).to.equal(404);
    expect((await agent.get(`/certificates/register.pdf?year=${YEAR}&unitCode=${other.code}`)).status).to.equal(404);
    const stranger = await signIn(app, otherName);
    const theirs = await stranger.get(`/certificates/register?year=${YEAR}`);
    expect(theirs.text).not.to.include('data-certificate=');

    const board = await signIn(app, boardName);
    expect((await board.get(`/certificates/register?year=${YEAR}`)).text).to.include('Chọn đơn vị để xem sổ cấp giấy chứng nhận.');
    const chosen = await board.get(`/certificates/register?year=${YEAR}&unitCode=${unit.code}&programCode=NTVD`);
    expect([...chosen.text.matchAll(/<tr data-certificate="(\d+)">/g)].map((m) => Number(m[1]))).to.deep.equal(own.map((c) => c.id));
    const none = await board.get(`/certificates/register?year=${YEAR}&unitCode=${unit.code}&programCode=LSD`);
    expect(none.text).to.include(`Không có giấy chứng nhận nào được cấp trong năm ${YEAR}.`);
  });

  it('when a unit has more valid certificates in a year than one PDF holds, then its register says to choose a program instead of offering a download that is refused', async function () {
    this.timeout(300_000);
    const big = await withSigner((await makeUnit()).code);
    const { course } = await finishedCourse(big.code, REGISTER_PDF_MAX + 1);
    const bigStaff = await actorOf(await makeUser({ role: 'center', unitCode: big.code }));
    await issueForCourse(bigStaff, course.id, onDay(`${YEAR}-06-01`), { issuedOn: `${YEAR}-04-01` });
    const board = await signIn(app, boardName);
    const page = await board.get(`/certificates/register?year=${YEAR}&unitCode=${big.code}`);
    expect(page.status).to.equal(200);
    expect(page.text).not.to.include('data-register-pdf ');
    expect(page.text).to.include(`Có ${REGISTER_PDF_MAX + 1} giấy chứng nhận: quá nhiều cho một tệp PDF (tối đa ${REGISTER_PDF_MAX}). Vui lòng chọn theo chương trình.`);
    expect((await board.get(`/certificates/register.pdf?year=${YEAR}&unitCode=${big.code}`)).status).to.equal(409);
  });

  it('when a number is typed without its leading zeros, then the check finds the certificate; a trainee known by birth year only is found by it and the certificate prints it', async () => {
    const { course, completed } = await finishedCourse(unit.code, 1, ['Giàng Thị Mỷ']);
    const enrollment = (await Enrollment.findByPk(completed[0]!.id))!;
    await Trainee.update({ birthDate: null, birthYear: 1979 }, { where: { id: enrollment.traineeId } });
    await issueForCourse(staff, course.id, onDay(`${YEAR}-06-01`));
    const certificate = (await Certificate.findOne({ where: { enrollmentId: enrollment.id } }))!;
    expect(certificate.number).to.match(/^000\d\//);

    const typed = certificate.number.replace(/^0+/, '').toLowerCase();
    expect((await verifyByNumber(typed, 1979))?.number).to.equal(certificate.number);
    expect((await verifyByNumber(`00${certificate.number}`, 1979))?.number).to.equal(certificate.number);
    expect(await verifyByNumber(typed, 1980)).to.equal(null);

    const agent = await signIn(app, staffName);
    const pdf = await agent.get(`/certificates/${certificate.id}.pdf`).buffer(true).parse(binary);
    expect(allText(await pdfPages(pdf.body as Buffer))).to.include('Năm sinh: 1979');
    expect((await agent.get(`/certificates/${certificate.id}`)).text).to.include('(Năm sinh 1979)');
  });
});
