// Stored XSS: markup stored in every free-text field — course name, place, note, trainee name, workplace,
// position, sending organisation, a trainee's correction message, an urging's subject — comes out escaped in
// every page that shows it, as the same literal text in PDFs (their text extracted with pdf.js) and in exports; exported cells that a
// spreadsheet would take for a formula (=, +, -, @) are guarded.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import type { App } from '../../server/app.js';
import { Enrollment } from '../../server/db/models.js';
import { createRequest } from '../../server/portal/corrections.service.js';
import { issueUrging } from '../../server/urgings/issue-urging.service.js';
import { actorOf, makeCertificate } from '../helpers/certificates.js';
import { allText, binary, pdfPages } from '../helpers/documents.js';
import { testDb } from '../helpers/db.js';
import { makeCourse, makeTrainee, makeUser } from '../helpers/factories.js';
import { signIn, type Agent } from '../helpers/http.js';
import { makeTraineeUser } from '../helpers/portal.js';
import { boardActor, makeUnit } from '../helpers/units.js';
import { securityApp } from './support.js';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const FORMULA = '=HYPERLINK("http://evil.example","x")';
const Y = 2067;

/** The text a browser would show: Handlebars' entities decoded. */
const shown = (html: string) =>
  html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`').replace(/&amp;/g, '&');

function expectEscaped(html: string, values: string[], what: string): void {
  expect(html, `${what}: raw script`).to.not.include(SCRIPT);
  expect(html, `${what}: raw img`).to.not.include('<img src=x');
  expect(html, `${what}: raw attribute break`).to.not.include('"><img');
  for (const value of values) expect(shown(html), `${what}: shows ${value}`).to.include(value);
}


describe('security: stored XSS payloads come out escaped in pages, PDFs and exports', function () {
  this.timeout(120_000);
  let app: App;
  let staff: Agent;
  let board: Agent;
  const ids = {} as Record<'course' | 'trainee' | 'enrollment' | 'certificate' | 'correction' | 'urging', number>;
  const names = { course: `Lớp ${SCRIPT}`, trainee: `Lê ${SCRIPT} An`, place: `Hội trường ${IMG}`, note: `Ghi chú ${SCRIPT}${IMG}`, workplace: `UBND ${IMG}`, sendingOrg: `@SUM(1+1) ${SCRIPT}`, subject: `V/v ${SCRIPT}`, message: `Sai tên ${IMG}` };

  before(async () => {
    app = securityApp();
    const unit = await makeUnit({ validFrom: `${Y}-01-01` });
    const staffUser = await makeUser({ role: 'center', unitCode: unit.code });
    const course = await makeCourse({ unitCode: unit.code, name: names.course, startDate: `${Y}-03-02`, endDate: `${Y}-03-06`, status: 'finished' });
    await course.update({ place: names.place, note: names.note });
    const trainee = await makeTrainee({ unitCode: unit.code, fullName: names.trainee });
    await trainee.update({ workplace: names.workplace, position: FORMULA });
    const enrollment = await Enrollment.create({ courseId: course.id, traineeId: trainee.id, status: 'completed', score: 8, grade: 'good', attendance: 1, sendingOrg: names.sendingOrg });
    const certificate = await makeCertificate(enrollment);
    const correction = await createRequest(testDb().sequelize, await actorOf(await makeTraineeUser(trainee)), { enrollmentId: enrollment.id, message: names.message });
    const urging = await issueUrging(await boardActor(), { year: Y, asOf: `${Y}-06-30`, date: `${Y}-07-01`, deadline: `${Y}-08-01`, docType: 'CV', subject: names.subject, unitCodes: [unit.code] });
    Object.assign(ids, { course: course.id, trainee: trainee.id, enrollment: enrollment.id, certificate: certificate.id, correction: correction.id, urging: urging.id });
    staff = await signIn(app, staffUser.username);
    board = await signIn(app, (await makeUser({ role: 'admin' })).username);
  });

  it('when the pages that show those fields are drawn, then the markup is text, never markup', async () => {
    const pages: Array<[Agent, string, string[]]> = [
      [staff, `/courses/${ids.course}`, [names.course, names.place, names.note, names.trainee]],
      [staff, `/courses?year=${Y}`, [names.course]],
      [staff, `/courses/${ids.course}/edit`, [names.course, names.place, names.note]],
      [staff, `/courses/${ids.course}/results`, [names.trainee]],
      [staff, `/courses/${ids.course}/certificates`, [names.trainee]],
      [staff, `/trainees/${ids.trainee}`, [names.trainee, names.workplace]],
      [staff, `/trainees/${ids.trainee}/edit`, [names.trainee, names.workplace]],
      [staff, `/trainees?q=${encodeURIComponent('Lê')}`, [names.trainee]],
      [staff, `/enrollments/${ids.enrollment}`, [names.trainee, names.sendingOrg]],
      [staff, `/certificates/${ids.certificate}`, [names.trainee]],
      [staff, `/corrections/${ids.correction}`, [names.message]],
      [staff, `/urgings/${ids.urging}`, [names.subject]],
      [board, `/urgings/${ids.urging}`, [names.subject]],
      [board, `/audit?entityType=course&entityId=${ids.course}`, []],
    ];
    for (const [agent, path, values] of pages) {
      const res = await agent.get(path);
      expect(res.status, path).to.equal(200);
      expectEscaped(res.text, values, path);
    }
  });

  it('when the roster, the certificate and the urging are printed, then the PDFs hold the same characters as literal text', async () => {
    const pdf = async (path: string) => {
      const res = await staff.get(path).buffer(true).parse(binary);
      expect(res.status, path).to.equal(200);
      return allText(await pdfPages(res.body as Buffer)).replace(/\s+/g, ' ');
    };
    const roster = await pdf(`/courses/${ids.course}/roster.pdf`);
    expect(roster).to.include(SCRIPT);
    expect(roster).to.include(names.place); // the name in a narrow table cell wraps: its line is checked below
    expect(roster).to.include('Lê <script>alert(1)</');
    expect(await pdf(`/certificates/${ids.certificate}.pdf`)).to.match(/<script>alert\(1\)<\/script>/i);
    expect(await pdf(`/urgings/${ids.urging}.pdf`)).to.include(SCRIPT);
  });

  it('when the roster is exported, then CSV cells starting like a formula get an apostrophe and xlsx cells are plain strings', async () => {
    const csv = await staff.get(`/courses/${ids.course}/roster.csv`).buffer(true).parse(binary);
    expect(csv.status).to.equal(200);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text).to.include(names.trainee);
    expect(text).to.include(`'${names.sendingOrg.slice(0, 10)}`);
    expect(text).to.not.match(/(^|[,;\n])"?@SUM/);

    const xlsx = await staff.get(`/courses/${ids.course}/roster.xlsx`).buffer(true).parse(binary);
    expect(xlsx.status).to.equal(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    const cells: ExcelJS.Cell[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell))));
    const org = cells.find((c) => c.value === names.sendingOrg);
    expect(org, 'the sending organisation as written').to.not.equal(undefined);
    expect(org!.type).to.equal(ExcelJS.ValueType.String);
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).to.deep.equal([]);
    expect(cells.some((c) => c.value === names.trainee)).to.equal(true);
  });

  it('when the trainee list is exported, then a position that reads as a formula is guarded too', async () => {
    const csv = await staff.get(`/trainees.csv?q=${encodeURIComponent('Lê')}`).buffer(true).parse(binary);
    expect(csv.status).to.equal(200);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text).to.include(names.trainee);
    expect(text).to.include(`"'${FORMULA.replace(/"/g, '""')}"`);
    expect(text).to.not.match(/(^|[,;])"?=HYPERLINK/m);
  });
});
