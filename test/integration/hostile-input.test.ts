// Bad input never answers 500: the one text rule at the edge (server/http/text-only.ts), seen from the pages,
// the API, uploads and the public look-up; and text that is allowed reaching the audit log and shown safely.
import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { AuditLog, CorrectionRequest, Course, User } from '../../server/db/models.js';
import { makeApp } from '../helpers/app.js';
import { apiClient, makeOpenCourse } from '../helpers/courses.js';
import { makeToken, makeUser, unique } from '../helpers/factories.js';
import { csrfFrom, postForm, signIn, type Agent } from '../helpers/http.js';
import { makeCertifiedTrainee, makeTraineeUser } from '../helpers/portal.js';

const NOT_TEXT_PAGE = 'Dữ liệu gửi lên có ký tự điều khiển hoặc ký tự hỏng (ví dụ ký tự NUL), không phải chữ. Vui lòng xóa ký tự đó rồi thử lại.';
const NOT_TEXT_FIELD = 'Có ký tự điều khiển hoặc ký tự hỏng; vui lòng xóa ký tự đó.';

describe('bad input at the edge', () => {
  let app: App;
  let admin: Agent;
  before(async () => {
    app = makeApp();
    admin = await signIn(app, (await makeUser({ role: 'admin' })).username);
  });

  for (const url of ['/audit?username=a%00b', '/audit?entityType=a%00b', '/users?q=a%00b']) {
    it(`when ${url} is asked, then it answers 422 with a Vietnamese page, not 500`, async () => {
      const res = await admin.get(url);
      expect(res.status).to.equal(422);
      expect(res.headers['content-type']).to.match(/text\/html/);
      expect(res.text).to.contain(NOT_TEXT_PAGE);
      expect(res.text).to.contain('<html lang="vi">');
    });
  }

  it('when control characters other than NUL, DEL or a control character in a parameter’s name arrive, then the same 422', async () => {
    for (const url of ['/users?q=%01', '/users?q=a%1Bb', '/users?q=%7F', '/users?q%00=x', '/audit?action=%0B', '/courses?q=%1F']) {
      expect((await admin.get(url)).status, url).to.equal(422);
    }
  });

  it('when a search holds tab or line ends, undecodable % sequences, RTL or zero-width marks, then it is searched as text: 200, an empty list', async () => {
    for (const url of ['/users?q=a%09b%0D%0A', '/users?q=%ZZ%E0%A4%A', `/users?q=${encodeURIComponent('\u202Eabc\u200B')}`, '/audit?username=%E0%A4%A']) {
      const res = await admin.get(url);
      expect(res.status, url).to.equal(200);
      expect(res.text, url).to.not.contain('<td>');
    }
  });

  it('when a scalar parameter comes as an array or an object, then 422, never 500', async () => {
    for (const url of ['/users?q[]=a', '/users?q[a]=1', '/audit?username[]=a&username[]=b', '/audit?entityId=99999999999999999999']) {
      expect((await admin.get(url)).status, url).to.equal(422);
    }
  });

  it('when a form field holds a control character, then the form is refused with 422 in Vietnamese and nothing is stored', async () => {
    const username = unique('ctl.');
    const before = await User.count();
    const res = await postForm(admin, '/users', { username, fullName: 'Lê Thị\u0001 Mai', role: 'admin', password: 'mat-khau-dai-1' }, '/users/new');
    expect(res.status).to.equal(422);
    expect(res.text).to.contain(NOT_TEXT_PAGE);
    expect(await User.count()).to.equal(before);
  });

  it('when an uploaded form carries a NUL in a field, then it is refused like any other form', async () => {
    const staff = await signIn(app, (await makeUser({ role: 'center', unitCode: 'TTCTVL' })).username);
    const course = await makeOpenCourse();
    const form = await staff.get(`/courses/${course.id}/imports/roster`);
    const res = await staff
      .post(`/courses/${course.id}/imports/roster`)
      .field('_csrf', csrfFrom(form.text))
      .field('note', 'a\u0000b')
      .attach('file', Buffer.from('Họ và tên\r\nNguyễn Văn A\r\n'), 'danh-sach.csv');
    expect(res.status).to.equal(422);
    expect(res.text).to.contain(NOT_TEXT_PAGE);
  });

  it('when the API gets a NUL in a query or half a surrogate pair in JSON, then 422 with the API’s error naming the field', async () => {
    const api = apiClient(app, await makeToken(await makeUser({ role: 'center', unitCode: 'TTCTVL' })));
    const search = await api.get('/trainees?q=a%00b');
    expect(search.status).to.equal(422);
    expect(search.body).to.deep.equal({ error: { kind: 'invalid', message: NOT_TEXT_PAGE, fields: { q: NOT_TEXT_FIELD } } });

    const course = await makeOpenCourse();
    const before = (await Course.findByPk(course.id))!.lockVersion;
    const res = await supertest(app)
      .patch(`/api/v1/courses/${course.id}`)
      .set('Authorization', search.request.getHeader('Authorization') as string)
      .type('json')
      .send('{"lockVersion":0,"note":"Ghi ch\\ud800"}');
    expect(res.status).to.equal(422);
    expect(res.body.error.fields).to.deep.equal({ note: NOT_TEXT_FIELD });
    expect((await Course.findByPk(course.id))!.lockVersion).to.equal(before);
  });

  it('when the public look-up gets a NUL, then 422 without a query, in the query string or the form', async () => {
    expect((await supertest(app).get('/verify?lang=%00')).status).to.equal(422);
    const res = await supertest(app).post('/verify').type('form').send('number=0001%00&birthYear=1990');
    expect(res.status).to.equal(422);
    expect(res.text).to.contain(NOT_TEXT_PAGE);
  });

  it('when tab, CR and LF arrive in a field that keeps text as typed, then they are kept', async () => {
    const { trainee } = await makeCertifiedTrainee();
    const agent = await signIn(app, (await makeTraineeUser(trainee)).username);
    const res = await postForm(agent, '/me/corrections', { message: 'Năm sinh sai:\r\n\t1987, không phải 1978' }, '/me/corrections/new');
    expect(res.status).to.equal(303);
    const stored = await CorrectionRequest.findOne({ where: { traineeId: trainee.id } });
    expect(stored!.message).to.equal('Năm sinh sai:\n\t1987, không phải 1978');
  });
});

describe('allowed but hostile text in the audit log', () => {
  it('when RTL overrides, zero-width marks, markup and emoji reach a course note, then the log keeps them exactly and shows them escaped, each value isolated', async () => {
    const app = makeApp();
    const staff = await makeUser({ role: 'center', unitCode: 'TTCTVL' });
    const api = apiClient(app, await makeToken(staff));
    const course = await makeOpenCourse();
    const note = '\u202E<script>alert(1)</script>\u200B\u200F 😀 e\u0301 %00';
    const res = await api.patch(`/courses/${course.id}`, { lockVersion: 0, note });
    expect(res.status).to.equal(200);
    const stored = note.normalize('NFC');
    expect(res.body.course.note).to.equal(stored);

    const entry = await AuditLog.findOne({ where: { entityType: 'course', entityId: course.id, action: 'update' } });
    expect(JSON.parse(entry!.afterData!).note).to.equal(stored);

    const board = await signIn(app, (await makeUser({ role: 'admin' })).username);
    const page = await board.get(`/audit?entityType=course&entityId=${course.id}`);
    expect(page.status).to.equal(200);
    const shown = '<bdi class="text-prewrap">\u202E&lt;script&gt;alert(1)&lt;/script&gt;\u200B\u200F 😀 é %00</bdi>';
    expect(page.text).to.contain(shown);
    expect(page.text).to.not.contain('<script>alert(1)');
    const history = await signIn(app, staff.username).then((agent) => agent.get(`/courses/${course.id}`));
    expect(history.text).to.contain(shown);
  });
});
