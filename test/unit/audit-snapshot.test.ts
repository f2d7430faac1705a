import { expect } from 'chai';
import { changedFields, snapshot } from '../../server/audit/audit.service.js';

describe('audit snapshots', () => {
  it('when a snapshot holds personal data, then the citizen ID is masked, the birth date reduced to its year and hashes dropped', () => {
    const out = snapshot({ fullName: 'Trần Văn Nam', nationalId: '034012345612', birthDate: '1990-05-17', passwordHash: 'scrypt$…', score: 8.5 });
    expect(out).to.deep.equal({ fullName: 'Trần Văn Nam', nationalId: '0340******12', birthDate: '1990-**-**', score: 8.5 });
  });

  it('when an update is recorded, then only the changed fields are kept', () => {
    expect(changedFields({ a: 1, b: 'x', c: null }, { a: 1, b: 'y', c: null })).to.deep.equal({ before: { b: 'x' }, after: { b: 'y' } });
  });
});
