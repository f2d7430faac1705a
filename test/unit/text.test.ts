import { expect } from 'chai';
import { cleanText, maskNationalId, searchKey } from '../../server/lib/text.js';

describe('text normalisation', () => {
  it('when a name arrives decomposed (NFD), then it is stored composed (NFC) and trimmed', () => {
    const nfd = '  Nguyễn   Thị Hằng '.normalize('NFD');
    const cleaned = cleanText(nfd);
    expect(cleaned).to.equal('Nguyễn Thị Hằng'.normalize('NFC'));
    expect(cleaned.length).to.equal('Nguyễn Thị Hằng'.normalize('NFC').length);
  });

  it('when a name is searched, then accents, đ and case do not matter', () => {
    expect(searchKey('Nguyễn Thị Hằng')).to.equal('nguyen thi hang');
    expect(searchKey('ĐẶNG VĂN ĐỨC')).to.equal('dang van duc');
    expect(searchKey('Nguyễn Thị Hằng'.normalize('NFD'))).to.equal('nguyen thi hang');
  });

  it('when a citizen ID is shown, then only its first four and last two digits are visible', () => {
    expect(maskNationalId('034012345612')).to.equal('0340******12');
    expect(maskNationalId(null)).to.equal(null);
  });
});
