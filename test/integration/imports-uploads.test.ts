import { expect } from 'chai';
import { ImportUpload } from '../../server/db/models.js';
import { MAX_UPLOADS_PER_USER, UPLOAD_TTL_MS, dropUpload, keepUpload, loadUpload } from '../../server/imports/uploads.js';
import { actorOf } from '../helpers/certificates.js';
import { makeOpenCourse } from '../helpers/courses.js';
import { makeUser } from '../helpers/factories.js';

const file = (n: number) => ({ buffer: Buffer.from(`Họ và tên\r\nNgười ${n}\r\n`), fileName: `ds-${n}.csv`, sha256: String(n).padStart(64, '0') });

describe('kept uploads between preview and commit', () => {
  it('when a user uploads more files than the bound, then only the newest five are kept, each readable by that user only', async () => {
    const course = await makeOpenCourse();
    const me = await actorOf(await makeUser({ role: 'center' }));
    const colleague = await actorOf(await makeUser({ role: 'center' }));
    const t0 = Date.now();
    for (let n = 1; n <= MAX_UPLOADS_PER_USER + 2; n++) await keepUpload(me, course.id, 'roster', file(n), new Date(t0 + n * 1000));
    expect(await ImportUpload.count({ where: { userId: me.id } })).to.equal(MAX_UPLOADS_PER_USER);
    expect(await loadUpload(me, course.id, 'roster', file(1).sha256)).to.equal(null);
    const kept = await loadUpload(me, course.id, 'roster', file(7).sha256);
    expect(kept?.buffer.toString('utf8')).to.equal(file(7).buffer.toString('utf8'));
    expect(kept?.fileName).to.equal('ds-7.csv');
    expect(await loadUpload(colleague, course.id, 'roster', file(7).sha256)).to.equal(null);
    expect(await loadUpload(me, course.id, 'results', file(7).sha256), 'another kind is another file').to.equal(null);
    await dropUpload(me, course.id, 'roster', file(7).sha256);
    expect(await loadUpload(me, course.id, 'roster', file(7).sha256)).to.equal(null);
  });

  it('when a file is older than a day, then it cannot be read, and the next upload by anyone sweeps it away', async () => {
    const course = await makeOpenCourse();
    const me = await actorOf(await makeUser({ role: 'center' }));
    const other = await actorOf(await makeUser({ role: 'center' }));
    const old = new Date(Date.now() - UPLOAD_TTL_MS - 60_000);
    await keepUpload(me, course.id, 'roster', file(100), old);
    expect(await loadUpload(me, course.id, 'roster', file(100).sha256)).to.equal(null);
    expect(await ImportUpload.count({ where: { userId: me.id } })).to.equal(1);
    await keepUpload(other, course.id, 'roster', file(101));
    expect(await ImportUpload.count({ where: { userId: me.id } })).to.equal(0);
  });
});
