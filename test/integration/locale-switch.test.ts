// A language switch shows the new language on the very next page. A browser follows a 303 as soon as its
// headers arrive, before the body ends; the client below does the same (it asks for the next page on the
// redirect's headers, without waiting for the response to finish), which is how the old language came back.
import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeApp } from '../helpers/app.js';
import { makeCourse, makeUser } from '../helpers/factories.js';
import { postForm, signIn, TEST_PASSWORD } from '../helpers/http.js';
import { makeUnit } from '../helpers/units.js';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A cookie jar and a client that, like a browser, follows a redirect on its headers alone. */
class EagerBrowser {
  private jar = new Map<string, string>();
  constructor(private readonly port: number) {}

  private keep(headers: http.IncomingHttpHeaders): void {
    for (const line of headers['set-cookie'] ?? []) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  }

  private request(method: string, path: string, form?: Record<string, string>): Promise<Reply> {
    const body = form ? new URLSearchParams(form).toString() : undefined;
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          port: this.port,
          method,
          path,
          headers: {
            cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '),
            ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}),
          },
        },
        (res) => {
          this.keep(res.headers);
          const location = res.headers.location;
          if (res.statusCode === 303 && location) {
            // Follow now, as Chromium does; the rest of this response drains on its own.
            res.resume();
            this.request('GET', location).then(resolve, reject);
            return;
          }
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  get(path: string): Promise<Reply> {
    return this.request('GET', path);
  }

  post(path: string, form: Record<string, string>): Promise<Reply> {
    return this.request('POST', path, form);
  }
}

const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
const langOf = (html: string) => /<html lang="(\w+)">/.exec(html)?.[1];
const other = (locale: string) => (locale === 'vi' ? 'en' : 'vi');

describe('the language switch takes effect at once', () => {
  let server: http.Server;
  let port: number;
  before(async () => {
    server = http.createServer(makeApp());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('when a visitor switches 20 times on /login, then each next page is in the new language', async () => {
    const browser = new EagerBrowser(port);
    let page = await browser.get('/login');
    expect(langOf(page.body)).to.equal('vi');
    for (let i = 0; i < 20; i++) {
      const wanted = other(langOf(page.body)!);
      page = await browser.post('/lang', { _csrf: csrfIn(page.body), locale: wanted, returnTo: '/login' });
      expect(page.status, `switch ${i + 1}`).to.equal(200);
      expect(langOf(page.body), `switch ${i + 1}`).to.equal(wanted);
      expect(page.body).to.contain(wanted === 'en' ? 'Username' : 'Tên đăng nhập');
      expect(page.headers['cache-control']).to.equal('no-store');
    }
  });

  it('when a signed-in user switches 20 times, then each next page is in the new language, and so is /verify', async () => {
    const user = await makeUser({ role: 'center', unitCode: 'TTCTVL' });
    const browser = new EagerBrowser(port);
    const login = await browser.get('/login');
    let page = await browser.post('/login', { _csrf: csrfIn(login.body), username: user.username, password: TEST_PASSWORD });
    expect(page.status).to.equal(200);
    page = await browser.get('/courses');
    for (let i = 0; i < 20; i++) {
      const wanted = other(langOf(page.body)!);
      page = await browser.post('/lang', { _csrf: csrfIn(page.body), locale: wanted, returnTo: '/courses' });
      expect(page.status, `switch ${i + 1}`).to.equal(200);
      expect(langOf(page.body), `switch ${i + 1}`).to.equal(wanted);
      expect(page.body).to.contain(wanted === 'en' ? 'Language: Tiếng Việt' : 'Ngôn ngữ: English');
      const verify = await browser.get('/verify');
      expect(langOf(verify.body), `/verify after switch ${i + 1}`).to.equal(wanted);
      expect(verify.body).to.contain(wanted === 'en' ? 'Verify a certificate' : 'Tra cứu giấy chứng nhận');
    }
  });

  it('when a visitor picks a language on /verify, then /verify and /login keep it', async () => {
    const browser = new EagerBrowser(port);
    for (const wanted of ['en', 'vi', 'en']) {
      const page = await browser.get(`/verify?lang=${wanted}`);
      expect(langOf(page.body)).to.equal(wanted);
      expect(langOf((await browser.get('/verify')).body)).to.equal(wanted);
      expect(langOf((await browser.get('/login')).body)).to.equal(wanted);
    }
  });

  it('when a post redirects with a message, then the very next page shows it (10 sign-ins and sign-outs)', async () => {
    const user = await makeUser({ role: 'center', unitCode: 'TTCTVL' });
    const browser = new EagerBrowser(port);
    let page = await browser.get('/login');
    for (let i = 0; i < 10; i++) {
      page = await browser.post('/login', { _csrf: csrfIn(page.body), username: user.username, password: TEST_PASSWORD });
      expect(page.body, `sign-in ${i + 1}`).to.contain('Đăng nhập thành công.');
      page = await browser.post('/logout', { _csrf: csrfIn(page.body) });
      expect(page.body, `sign-out ${i + 1}`).to.contain('Bạn đã đăng xuất.');
    }
  });

  it('when a date field is shown in either language, then it is a dd/mm/yyyy text field, not the browser-locale date picker', async () => {
    // Chromium draws <input type="date"> in the browser's own locale (mm/dd/yyyy on an English system) and ignores
    // lang, so the app's date fields are text fields in the app's one format; the server reads dd/mm/yyyy (or ISO).
    const unit = await makeUnit();
    const course = await makeCourse({ unitCode: unit.code, startDate: '2057-03-01', endDate: '2057-03-05', status: 'planned' });
    const user = await makeUser({ role: 'center', unitCode: unit.code });
    const agent = await signIn(server, user.username);
    for (const locale of ['vi', 'en']) {
      await postForm(agent, '/lang', { locale, returnTo: '/' });
      const page = await agent.get(`/courses/${course.id}/edit`).expect(200);
      expect(langOf(page.text)).to.equal(locale);
      expect(page.text).to.not.contain('type="date"');
      const start = /<input id="f-startDate"[^>]*>/.exec(page.text)?.[0] ?? '';
      expect(start).to.contain('type="text"');
      expect(start).to.contain('value="01/03/2057"');
      expect(start).to.contain('placeholder="dd/mm/yyyy"');
      expect(start).to.contain('inputmode="numeric"');
    }
  });
});
