import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { Session, Trainee } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { makeCertifiedTrainee } from '../helpers/portal.js';
import { makeCertificate } from '../helpers/certificates.js';

/** The response body without what legitimately differs between two look-ups: the number typed in. */
const normalized = (html: string, typed: string) => html.split(typed).join('[number]');

describe('public certificate verification', () => {
  let app: App;
  before(() => {
    app = makeApp();
  });

  it('when the QR address is opened, then the listed fields show, and nothing else about the person', async () => {
    const { trainee, course, certificate } = await makeCertifiedTrainee({ birthDate: '1986-02-19' });
    await Trainee.update({ phone: '0987654321', workplace: 'Đảng bộ xã Lạc Đạo', address: 'thôn Đông, xã Lạc Đạo' }, { where: { id: trainee.id } });
    const sessionsBefore = await Session.count();

    const res = await supertest(app).get(`/verify/${certificate.verifyCode}`);
    expect(res.status).to.equal(200);
    const html = res.text;
    expect(html).to.contain('Giấy chứng nhận hợp lệ');
    expect(html).to.contain('data-status="valid"');
    expect(html).to.contain(trainee.fullName);
    expect(html).to.contain('>1986<');
    expect(html).to.contain('Bồi dưỡng nhận thức về Đảng');
    expect(html).to.contain(course.name);
    expect(html).to.contain('HUYỆN ỦY VĂN LÂM');
    expect(html).to.contain('TRUNG TÂM CHÍNH TRỊ');
    expect(html).to.contain(certificate.number);
    expect(html).to.contain(`${certificate.issuedOn.slice(8, 10)}/${certificate.issuedOn.slice(5, 7)}/${certificate.issuedOn.slice(0, 4)}`);
    expect(html).to.contain('Còn hiệu lực');

    // Nothing else: no citizen ID (whole or masked), no birth date, no result, no contact or work details.
    expect(html).not.to.contain(trainee.nationalId!);
    expect(html).not.to.contain(trainee.nationalId!.slice(0, 4) + '*');
    expect(html).not.to.contain('19/02/1986');
    expect(html).not.to.contain('1986-02-19');
    expect(html).not.to.contain('8,4');
    expect(html).not.to.contain('Giỏi');
    expect(html).not.to.contain('0987654321');
    expect(html).not.to.contain('Lạc Đạo');
    expect(html).not.to.contain('Nguyễn Văn Tuấn'); // the signer is on the certificate, not needed to verify it

    // Readable on a phone, not indexed, not cached, and no session for an anonymous visitor.
    expect(html).to.contain('name="viewport"');
    expect(html).to.contain('<meta name="robots" content="noindex, nofollow">');
    expect(res.headers['x-robots-tag']).to.equal('noindex, nofollow');
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.headers['set-cookie']).to.equal(undefined);
    expect(await Session.count()).to.equal(sessionsBefore);
  });

  it('when a Party cell types the number and birth year, then the same certificate shows, without a session or CSRF token', async () => {
    const { trainee, certificate } = await makeCertifiedTrainee({ birthDate: '1979-07-01' });
    const form = await supertest(app).get('/verify');
    expect(form.status).to.equal(200);
    expect(form.text).to.contain('Số giấy chứng nhận');
    expect(form.headers['set-cookie']).to.equal(undefined);

    const res = await supertest(app).post('/verify').type('form').send({ number: ` ${certificate.number.toLowerCase()} `, birthYear: '1979' });
    expect(res.status).to.equal(200);
    expect(res.text).to.contain(trainee.fullName);
    expect(res.text).to.contain('Giấy chứng nhận hợp lệ');
    expect(res.headers['set-cookie']).to.equal(undefined);
  });

  it('when the number is unknown or the birth year does not match, then the two answers are identical', async () => {
    const { certificate } = await makeCertifiedTrainee({ birthDate: '1990-01-01' });
    const unknownNumber = certificate.number.replace(/^\d+/, '9999');
    const mismatch = await supertest(app).post('/verify').type('form').send({ number: certificate.number, birthYear: '1991' });
    const unknown = await supertest(app).post('/verify').type('form').send({ number: unknownNumber, birthYear: '1991' });
    expect(mismatch.status).to.equal(404);
    expect(unknown.status).to.equal(404);
    expect(mismatch.text).to.contain('Không tìm thấy giấy chứng nhận khớp với thông tin đã nhập');
    expect(mismatch.text).not.to.contain('Nguyễn Văn');
    expect(normalized(mismatch.text, certificate.number)).to.equal(normalized(unknown.text, unknownNumber));
    const headers = (r: supertest.Response) => Object.keys(r.headers).filter((h) => !['date', 'x-request-id', 'ratelimit', 'ratelimit-policy', 'content-length', 'etag'].includes(h)).sort();
    expect(headers(mismatch)).to.deep.equal(headers(unknown));

    const badCode = await supertest(app).get('/verify/khong-co-ma-nay');
    expect(badCode.status).to.equal(404);
    expect(badCode.text).to.contain('Không tìm thấy giấy chứng nhận');
  });

  it('when a certificate was replaced or revoked, then the page says so; a replaced one names its replacement', async () => {
    const { enrollment, certificate: old } = await makeCertifiedTrainee();
    await old.update({ status: 'replaced' });
    const replacement = await makeCertificate(enrollment, { replacesId: old.id });
    const res = await supertest(app).get(`/verify/${old.verifyCode}`);
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('Giấy chứng nhận đã được cấp lại');
    expect(res.text).to.contain('data-status="replaced"');
    expect(res.text).to.contain(`Giấy chứng nhận thay thế: số ${replacement.number}`);

    const { certificate: revoked } = await makeCertifiedTrainee();
    await revoked.update({ status: 'revoked', revokeReason: 'Cấp nhầm người', revokedAt: new Date() });
    const gone = await supertest(app).get(`/verify/${revoked.verifyCode}`);
    expect(gone.text).to.contain('Giấy chứng nhận đã bị thu hồi');
    expect(gone.text, 'the reason is internal').not.to.contain('Cấp nhầm người');
  });

  it('when the issuing unit was renamed after issue, then the page shows the name printed on the certificate', async () => {
    const { enrollment } = await makeCertifiedTrainee({ unitCode: 'TTCTMH' });
    const old = await makeCertificate(enrollment, { unitParentBody: 'HUYỆN ỦY MỸ HÀO', unitName: 'TRUNG TÂM BỒI DƯỠNG CHÍNH TRỊ' });
    const res = await supertest(app).get(`/verify/${old.verifyCode}`);
    expect(res.text).to.contain('HUYỆN ỦY MỸ HÀO');
    expect(res.text).to.contain('TRUNG TÂM BỒI DƯỠNG CHÍNH TRỊ');
    expect(res.text).not.to.contain('THỊ XÃ ỦY MỸ HÀO');
  });

  it('when the form is incomplete, then each field says so', async () => {
    const res = await supertest(app).post('/verify').type('form').send({ number: '', birthYear: '86' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="e-number"');
    expect(res.text).to.contain('Nhập năm sinh gồm 4 chữ số');
  });

  it('when asked in English, then the page answers in English', async () => {
    const { certificate } = await makeCertifiedTrainee();
    const res = await supertest(app).get(`/verify/${certificate.verifyCode}?lang=en`);
    expect(res.text).to.contain('<html lang="en">');
    expect(res.text).to.contain('Valid certificate');
    expect(res.text.replace(/&#x3D;/g, '=')).to.contain(`href="/verify/${certificate.verifyCode}?lang=vi"`);
  });
});

describe('verification rate limit', () => {
  it('when one address looks up too many certificates in a minute, then it gets a Vietnamese 429', async () => {
    const app = makeApp({ VERIFY_LIMIT_PER_MINUTE: '3' });
    const { certificate } = await makeCertifiedTrainee();
    for (let i = 0; i < 3; i++) expect((await supertest(app).get(`/verify/${certificate.verifyCode}`)).status).to.equal(200);
    const blocked = await supertest(app).post('/verify').type('form').send({ number: certificate.number, birthYear: '1990' });
    expect(blocked.status).to.equal(429);
    expect(blocked.text).to.contain('Bạn đã tra cứu quá nhiều lần trong thời gian ngắn');
    expect(blocked.text).not.to.contain(certificate.number);
    expect(blocked.headers).to.have.property('ratelimit');
    expect((await supertest(app).get(`/verify/${certificate.verifyCode}`)).status).to.equal(429);
  });
});
