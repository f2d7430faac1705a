import { expect } from 'chai';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { makeApp } from '../helpers/app.js';
import { makeToken, makeUser } from '../helpers/factories.js';
import { signIn, type Agent } from '../helpers/http.js';

describe('API documentation page', () => {
  let app: App;
  let staff: Agent;
  let token: string;
  before(async () => {
    app = makeApp();
    const user = await makeUser({ role: 'center', unitCode: 'TTCTVL' });
    staff = await signIn(app, user.username);
    token = await makeToken(user);
  });

  it('when someone without an account opens /api/docs, then it is not there (404, the API’s error); a token holder or a signed-in account (which may create tokens) gets it', async () => {
    const anonymous = await supertest(app).get('/api/docs');
    expect(anonymous.status).to.equal(404);
    expect(anonymous.body.error).to.include({ kind: 'not_found', message: 'Không có địa chỉ API này.' });
    expect((await supertest(app).get('/api/docs').set('Authorization', 'Bearer not-a-token')).status).to.equal(404);
    const bearer = await supertest(app).get('/api/docs').set('Authorization', `Bearer ${token}`);
    expect(bearer.status).to.equal(200);
    expect(bearer.text).to.contain('data-spec-url="/api/openapi.json"');
  });

  it('when /api/docs is opened, then Swagger UI is loaded from the app itself with no inline script, pointed at the OpenAPI document', async () => {
    const res = await staff.get('/api/docs');
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^text\/html/);
    expect(res.text).to.contain('<title>Tài liệu API');
    expect(res.text).to.contain('data-spec-url="/api/openapi.json"');
    const scripts = [...res.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((m) => /src="([^"]+)"/.exec(m[1]!)?.[1])).to.deep.equal(['/assets/vendor/swagger-ui/swagger-ui-bundle.js', '/assets/api-docs.js']);
    expect(scripts.every((m) => m[2]!.trim() === ''), 'no inline script').to.equal(true);
    expect(res.text).not.to.match(/style="/);
    expect(res.text).not.to.match(/https?:\/\//);
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).to.contain("script-src 'self'");
    expect(csp).to.contain("style-src 'self'");
  });

  it('when the page asks for its files, then the app serves Swagger UI and the start script', async () => {
    const bundle = await supertest(app).get('/assets/vendor/swagger-ui/swagger-ui-bundle.js');
    expect(bundle.status).to.equal(200);
    expect(bundle.headers['content-type']).to.match(/javascript/);
    expect(bundle.text).to.contain('SwaggerUIBundle');
    const css = await supertest(app).get('/assets/vendor/swagger-ui/swagger-ui.css');
    expect(css.status).to.equal(200);
    expect(css.headers['content-type']).to.match(/^text\/css/);
    const start = await supertest(app).get('/assets/api-docs.js');
    expect(start.status).to.equal(200);
    expect(start.text).to.contain('SwaggerUIBundle(');
    expect(start.text).to.contain('validatorUrl: null');
    expect((await supertest(app).get('/assets/api-docs.css')).status).to.equal(200);
  });

  it('when the docs page is read in English, then its title is English', async () => {
    const user = await makeUser({ role: 'center', unitCode: 'TTCTVG' });
    const agent = await signIn(app, user.username);
    const home = await agent.get('/account');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home.text)![1];
    await agent.post('/lang').type('form').send({ _csrf: csrf, locale: 'en', returnTo: '/api/docs' });
    const res = await agent.get('/api/docs');
    expect(res.text).to.contain('<html lang="en">');
    expect(res.text).to.contain('<title>API documentation');
  });
});
