import { expect } from 'chai';
import { makeApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { postForm, signIn } from '../helpers/http.js';

// The error handler runs outside the route that failed; a form under /<records>/:id must still be drawn again.
describe('form redraw on a record page', () => {
  it('when a record-level form is invalid, then the same page comes back with the field error, not an error page', async () => {
    const app = makeApp();
    const admin = await signIn(app, (await makeUser({ role: 'admin' })).username);
    const user = await makeUser({ role: 'center' });
    const res = await postForm(admin, `/users/${user.id}/password`, { password: 'short' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="e-password"').and.contain(user.username);
  });
});
