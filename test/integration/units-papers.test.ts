// Names as of a date on every paper (DOMAIN.md "Units change"): a unit renamed, then dissolved, keeps
// printing what it was called on each document's date; certificates keep what they were issued under.
import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { issueForCourse } from '../../server/certificates/certificates.service.js';
import { Certificate, Unit } from '../../server/db/models.js';
import { loadUnitReportSetup } from '../../server/documents/index.js';
import { recordUnitEvent } from '../../server/units/unit-events.service.js';
import { updateSigner } from '../../server/units/units.service.js';
import { makeApp } from '../helpers/app.js';
import { actorOf, makeCourseWithResults, onDay } from '../helpers/certificates.js';
import { allText, binary, pdfPages } from '../helpers/documents.js';
import { makeUser } from '../helpers/factories.js';
import { signIn, type Agent } from '../helpers/http.js';
import { boardActor, makeUnit } from '../helpers/units.js';

describe('units change: every paper prints the unit as it was on its date', () => {
  let app: App;
  let admin: Agent;
  let unit: Unit;
  let successor: Unit;
  let courseId: number;
  let traineeId: number;
  let certificateId: number;
  let verifyCode: string;
  const pdf = async (path: string) => allText(await pdfPages((await admin.get(path).buffer(true).parse(binary)).body as Buffer));

  before(async () => {
    app = makeApp();
    admin = await signIn(app, (await makeUser({ role: 'admin' })).username);
    const board = await boardActor();
    unit = await makeUnit({ name: 'Trung tâm Bồi dưỡng chính trị huyện Cũ', headerName: 'TRUNG TÂM BỒI DƯỠNG CHÍNH TRỊ' });
    await updateSigner(board, unit.id, { lockVersion: unit.lockVersion, signerName: 'Phạm Văn Cũ', signerTitle: 'GIÁM ĐỐC' });
    const { course, completed } = await makeCourseWithResults({ unitCode: unit.code, completed: 1, names: ['Lê Thị Giấy'] });
    courseId = course.id;
    traineeId = completed[0]!.traineeId;
    const issued = await issueForCourse(await actorOf(await makeUser({ role: 'center', unitCode: unit.code })), course.id, onDay('2151-06-01'));
    certificateId = issued.certificates[0]!.id;
    verifyCode = (await Certificate.findByPk(certificateId))!.verifyCode;

    await recordUnitEvent(board, unit.id, {
      kind: 'rename', effectiveDate: '2152-01-01', decisionNumber: '208-QĐ/TU', name: 'Trung tâm Chính trị huyện Mới', headerName: 'TRUNG TÂM CHÍNH TRỊ', place: 'Huyện Mới',
    });
    successor = await makeUnit({ kind: 'committee', name: 'Đảng ủy xã Kế Tiếp', headerName: 'ĐẢNG ỦY XÃ KẾ TIẾP' });
    await recordUnitEvent(board, unit.id, { kind: 'dissolve', effectiveDate: '2153-07-01', decisionNumber: '1788-QĐ/TU', successorIds: [successor.id], staffAction: 'move' });
  });

  it('when the roster is printed dated before the rename, then it carries the old header; dated after, the new; after the dissolution, the last', async () => {
    const before = await pdf(`/courses/${courseId}/roster.pdf?date=15/12/2151`);
    expect(before).to.contain('TRUNG TÂM BỒI DƯỠNG CHÍNH TRỊ').and.contain(unit.parentBody).and.contain('Phạm Văn Cũ');
    const after = await pdf(`/courses/${courseId}/roster.pdf?date=15/12/2152`);
    expect(after).to.contain('TRUNG TÂM CHÍNH TRỊ').and.not.contain('BỒI DƯỠNG CHÍNH TRỊ');
    expect(after).to.contain('Huyện Mới, ngày 15 tháng 12 năm 2152');
    const later = await pdf(`/courses/${courseId}/roster.pdf?date=03/12/2160`);
    expect(later).to.contain('TRUNG TÂM CHÍNH TRỊ').and.contain('Huyện Mới, ngày 03 tháng 12 năm 2160');
  });

  it('when the certificate is reprinted after the rename and the dissolution, then it prints and verifies with the name it was issued under', async () => {
    const text = await pdf(`/certificates/${certificateId}.pdf`);
    expect(text).to.contain('TRUNG TÂM BỒI DƯỠNG CHÍNH TRỊ').and.contain(unit.parentBody).and.contain('Phạm Văn Cũ').and.contain(`${unit.place}, ngày 01`).and.not.contain('Huyện Mới');
    const verify = await supertest(app).get(`/verify/${verifyCode}`);
    expect(verify.status).to.equal(200);
    expect(verify.text).to.contain('TRUNG TÂM BỒI DƯỠNG CHÍNH TRỊ').and.contain(unit.parentBody).and.contain('Còn hiệu lực');
  });

  it('when the successor’s staff (moved there) reprint the certificate, then they may, and it is unchanged', async () => {
    const moved = await signIn(app, (await makeUser({ role: 'center', unitCode: successor.code })).username);
    const res = await moved.get(`/certificates/${certificateId}.pdf`).buffer(true).parse(binary);
    expect(res.status).to.equal(200);
    expect(allText(await pdfPages(res.body as Buffer))).to.contain('TRUNG TÂM BỒI DƯỠNG CHÍNH TRỊ');
    const stranger = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTVG' })).username);
    expect((await stranger.get(`/certificates/${certificateId}.pdf`)).status).to.equal(404);
  });

  it('when the trainee record is printed, then the course names its unit as it was called when the course ran', async () => {
    const text = await pdf(`/trainees/${traineeId}/record.pdf?date=15/12/2153`);
    expect(text).to.contain('Trung tâm Bồi dưỡng chính trị huyện Cũ');
  });

  it('when a unit report is set up for a date, then its issuer and recipients are those of that date', async () => {
    const board = await boardActor();
    const early = await loadUnitReportSetup(board, unit.code, '2151-12-15');
    const late = await loadUnitReportSetup(board, unit.code, '2152-12-15');
    expect(early.issuer).to.include({ headerName: 'TRUNG TÂM BỒI DƯỠNG CHÍNH TRỊ', fullName: 'Trung tâm Bồi dưỡng chính trị huyện Cũ' });
    expect(late.issuer).to.include({ headerName: 'TRUNG TÂM CHÍNH TRỊ', fullName: 'Trung tâm Chính trị huyện Mới', place: 'Huyện Mới' });
    expect(early.issuer.signer.name).to.equal('Phạm Văn Cũ');
  });
});
