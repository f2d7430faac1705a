// No personal data or secret in the logs: the app's own logger (server/http/logger.ts, its redaction and
// serializers) writes every line at level trace into memory for the whole security suite. Requests that carry
// passwords, citizen IDs (CCCD), birth dates, tokens and session cookies are made here; after every test of
// the run, no line holds any of them, nor any session id in the database.
import { expect } from 'chai';
import type { NextFunction, Request, Response } from 'express';
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import { testDb } from '../helpers/db.js';
import { makeToken, makeTrainee, makeUser, randomNationalId } from '../helpers/factories.js';
import { csrfToken, postForm, signIn, TEST_PASSWORD } from '../helpers/http.js';
import { birthDateForms, knownSecrets, logLines, rememberSecrets, securityApp } from './support.js';

/** Every session id in the database so far joins the secrets (read while the database is open). */
async function rememberSessionIds(): Promise<void> {
  const [rows] = await testDb().sequelize.query('SELECT sid FROM sessions');
  rememberSecrets(...(rows as Array<{ sid: string }>).map((r) => r.sid));
}

function leaks(): string[] {
  const values = [...knownSecrets(), TEST_PASSWORD];
  return logLines().flatMap((line) => values.filter((v) => line.includes(v)).map((v) => `${v.slice(0, 4)}… in ${line.slice(0, 160)}`));
}

describe('security: no personal data or secret in the logs', () => {
  let app: App;
  const nationalId = randomNationalId();
  const birthDate = '1983-11-29';
  const typedPassword = 'Mat-khau-rat-bi-mat-9';

  before(async () => {
    app = securityApp();
    app.get('/__security-db-failure', (_req: Request, _res: Response, next: NextFunction) => next(new Error(`Duplicate entry '${nationalId}' for key 'trainees_national_id'`)));
    const stack = (app as unknown as { router: { stack: unknown[] } }).router.stack;
    const added = stack.pop()!;
    stack.splice(stack.length - 2, 0, added); // before the 404 handler and the error handler
    rememberSecrets(nationalId, ...birthDateForms(birthDate), typedPassword);
  });

  it('when people sign in, search by CCCD, activate with CCCD and birth date, call the API and meet a failure, then the lines say what happened but none of those values', async () => {
    const before = logLines().length;
    const admin = await makeUser({ role: 'admin' });
    const staff = await signIn(app, admin.username);
    await postForm(supertest.agent(app), '/login', { username: admin.username, password: typedPassword }, '/login');
    // A password typed into the username box by mistake.
    await postForm(supertest.agent(app), '/login', { username: typedPassword, password: typedPassword }, '/login');
    await makeTrainee({ nationalId, birthDate });
    await staff.get(`/trainees?q=${nationalId}`);
    await staff.get(`/trainees/${nationalId}`);
    await staff.get(`/trainees.csv?q=${nationalId}`);
    await postForm(supertest.agent(app), '/activate', { nationalId, code: 'ABCD-EFGH-JKLM', password: typedPassword, confirmPassword: typedPassword }, '/activate');
    await supertest(app).post('/verify').type('form').send({ number: nationalId, birthYear: '1983' });
    const token = await makeToken(admin);
    rememberSecrets(token);
    await supertest(app).get(`/api/v1/trainees?q=${nationalId}&birthDate=${birthDate}`).set('Authorization', `Bearer ${token}`);
    await supertest(app).get('/api/v1/me').set('Authorization', `Bearer ${token}x`);
    await supertest(app).get('/api/v1/me').set('X-CSRF-Token', await csrfToken(staff, '/')).set('X-Request-Id', 'req-12345678');
    await staff.get('/__security-db-failure');
    await postForm(staff, '/account/password', { currentPassword: typedPassword, newPassword: typedPassword, confirmPassword: typedPassword }, '/account');

    const lines = logLines().slice(before);
    expect(lines.length, 'request lines captured').to.be.greaterThan(12);
    expect(lines.some((l) => l.includes('"url":"/trainees"') && l.includes('"statusCode":200'))).to.equal(true);
    expect(lines.some((l) => l.includes('"msg":"request failed"') && l.includes('Duplicate entry'))).to.equal(true);
    await rememberSessionIds();
    expect(leaks()).to.deep.equal([]);
  });
});


// After every test of the run (every file's requests went through the same logger): nothing leaked anywhere.
after(() => {
  expect(logLines().length).to.be.greaterThan(50);
  expect(leaks(), 'secrets in the logs of the security suite').to.deep.equal([]);
});
