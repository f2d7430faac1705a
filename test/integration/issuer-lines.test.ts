// The issuer as two header lines (superior body, then the unit's own name) on /verify, the certificate page and
// the unit page; search results and the trainee record name the center, not the district.
import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { issuerLines } from '../../server/units/index.js';
import { makeApp } from '../helpers/app.js';
import { makeCourse, makeEnrollment, makeTrainee, makeUser, unitByCode } from '../helpers/factories.js';
import { signIn, type Agent } from '../helpers/http.js';
import { makeCertifiedTrainee } from '../helpers/portal.js';

const TWO_LINES = '<div class="issuer-lines" data-issuer><div data-issuer-line="superior">HUYỆN ỦY VĂN LÂM</div><div class="fw-semibold" data-issuer-line="name">TRUNG TÂM CHÍNH TRỊ</div></div>';

/** The cell of a search hit's row that names the unit (the fifth). */
const unitCellOf = (html: string, id: number) => {
  const row = new RegExp(`<tr data-hit="${id}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
  return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.trim())[4];
};

describe('issuer lines and unit names in search results', () => {
  let app: App;
  let staff: Agent;

  before(async () => {
    app = makeApp();
    staff = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTVL' })).username);
  });

  it('when the lines are assembled, then the superior body comes first and the unit\'s own name second, trimmed', () => {
    expect(issuerLines(' HUYỆN ỦY VĂN LÂM ', 'TRUNG TÂM CHÍNH TRỊ ')).to.deep.equal({ superior: 'HUYỆN ỦY VĂN LÂM', name: 'TRUNG TÂM CHÍNH TRỊ' });
  });

  it('when a certificate is verified or opened, then the issuer is two block lines, never one run-together string', async () => {
    const { certificate } = await makeCertifiedTrainee({ unitCode: 'TTCTVL' });
    const verify = await supertest(app).get(`/verify/${certificate.verifyCode}`);
    expect(verify.status).to.equal(200);
    expect(verify.text).to.contain(TWO_LINES);
    expect(verify.text).not.to.contain('HUYỆN ỦY VĂN LÂM TRUNG TÂM CHÍNH TRỊ');
    expect(verify.text).not.to.contain('HUYỆN ỦY VĂN LÂM<br>');

    const page = await staff.get(`/certificates/${certificate.id}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain(TWO_LINES);

    const unit = await unitByCode('TTCTVL');
    const unitPage = await staff.get(`/units/${unit.id}`);
    expect(unitPage.text).to.contain(TWO_LINES);
  });

  it('when staff search for a person, on the trainee list and in the enrollment search, then the hit names the center, not the district', async () => {
    const name = `Vũ Thị Tìm Kiếm ${Date.now().toString(36)}`;
    const trainee = await makeTrainee({ fullName: name, unitCode: 'TTCTVL' });
    const past = await makeCourse({ unitCode: 'TTCTVL', name: 'Lớp tìm kiếm 2213', startDate: '2213-04-01', endDate: '2213-04-05' });
    await makeEnrollment(past, trainee, { status: 'completed' });

    const list = await staff.get(`/trainees?q=${encodeURIComponent(name)}`);
    expect(list.status).to.equal(200);
    expect(unitCellOf(list.text, trainee.id)).to.equal('Trung tâm Chính trị huyện Văn Lâm');

    const open = await makeCourse({ unitCode: 'TTCTVL', status: 'open', startDate: '2213-09-07', endDate: '2213-09-11' });
    const search = await staff.get(`/courses/${open.id}/enrollments/new?q=${encodeURIComponent(name)}`);
    expect(search.status).to.equal(200);
    expect(unitCellOf(search.text, trainee.id)).to.equal('Trung tâm Chính trị huyện Văn Lâm');
    expect(search.text).not.to.contain('<td>Huyện Văn Lâm</td>');
  });

  it('when the trainee record lists the courses, then each course names its center', async () => {
    const trainee = await makeTrainee({ unitCode: 'TTCTVL' });
    const course = await makeCourse({ unitCode: 'TTCTVL', name: 'Lớp hồ sơ 2214', startDate: '2214-04-01', endDate: '2214-04-05' });
    await makeEnrollment(course, trainee, { status: 'completed' });
    const res = await staff.get(`/trainees/${trainee.id}`);
    expect(res.status).to.equal(200);
    const row = /Lớp hồ sơ 2214<\/a><\/td>\s*<td>([^<]*)<\/td>/.exec(res.text);
    expect(row?.[1]).to.equal('Trung tâm Chính trị huyện Văn Lâm');
  });
});
