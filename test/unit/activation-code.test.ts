import { expect } from 'chai';
import {
  activationKey,
  CODE_ALPHABET,
  codeDigest,
  digestMatches,
  formatCode,
  generateCode,
  isWellFormedCode,
  normalizeCode,
} from '../../server/accounts/activation-code.js';
import { codeExpiry } from '../../server/accounts/issue.service.js';

describe('activation codes', () => {
  it('when codes are generated, then they are 10 characters without look-alikes, and differ', () => {
    const codes = new Set(Array.from({ length: 200 }, generateCode));
    expect(codes.size).to.equal(200);
    for (const code of codes) {
      expect(code).to.match(/^[A-Z2-9]{10}$/);
      expect(code).not.to.match(/[ILO01]/);
      expect(isWellFormedCode(code)).to.equal(true);
    }
    expect(CODE_ALPHABET).to.have.length(31);
  });

  it('when a code is shown, then it reads ABCD-EFGH-JK, and typing it in any case or spacing gives it back', () => {
    expect(formatCode('ABCDEFGHJK')).to.equal('ABCD-EFGH-JK');
    expect(normalizeCode(' abcd-efgh jk ')).to.equal('ABCDEFGHJK');
    expect(isWellFormedCode(normalizeCode('abcd-efgh-j'))).to.equal(false);
    expect(isWellFormedCode('ABCDEFGHJ0')).to.equal(false);
  });

  it('when a code is hashed, then the digest depends on the key and the account, and matches only its code', () => {
    const key = activationKey('s'.repeat(40));
    const digest = codeDigest(key, 7, 'ABCDEFGHJK');
    expect(digest).to.match(/^[0-9a-f]{64}$/);
    expect(digest).not.to.contain('ABCDEFGHJK');
    expect(digestMatches(digest, codeDigest(key, 7, 'abcd-efgh-jk'))).to.equal(true);
    expect(digestMatches(digest, codeDigest(key, 8, 'ABCDEFGHJK')), 'another account').to.equal(false);
    expect(digestMatches(digest, codeDigest(activationKey('t'.repeat(40)), 7, 'ABCDEFGHJK')), 'another key').to.equal(false);
    expect(digestMatches(digest, codeDigest(key, 7, 'ABCDEFGHJM'))).to.equal(false);
    expect(digestMatches('', '')).to.equal(false);
  });

  it('when a code is issued for 30 days, then it works until the end of that Vietnamese day', () => {
    const expiry = codeExpiry(30, new Date('2025-03-01T20:00:00Z')); // 03:00 on 2 March in Vietnam
    expect(expiry.toISOString()).to.equal('2025-04-01T16:59:59.999Z'); // 23:59:59.999 on 1 April, UTC+7
  });
});
