import { expect } from 'chai';
import { hashPassword, verifyPassword } from '../../server/auth/password.js';

describe('password hashing', () => {
  it('when a password is hashed, then the right one verifies and a wrong one does not', async () => {
    const hash = await hashPassword('Mật khẩu đúng', 10);
    expect(hash).to.match(/^scrypt\$10\$8\$1\$/);
    expect(hash).not.to.contain('Mật khẩu');
    expect(await verifyPassword('Mật khẩu đúng', hash)).to.equal(true);
    expect(await verifyPassword('Mật khẩu sai', hash)).to.equal(false);
  });

  it('when the same password is typed decomposed (NFD), then it still verifies', async () => {
    const hash = await hashPassword('Hằng', 10);
    expect(await verifyPassword('Hằng'.normalize('NFD'), hash)).to.equal(true);
  });

  it('when two hashes are made of one password, then their salts differ', async () => {
    expect(await hashPassword('x'.repeat(10), 10)).not.to.equal(await hashPassword('x'.repeat(10), 10));
  });

  it('when the stored hash is missing or malformed, then nothing verifies', async () => {
    expect(await verifyPassword('a', null)).to.equal(false);
    expect(await verifyPassword('a', 'md5$abc')).to.equal(false);
  });
});
