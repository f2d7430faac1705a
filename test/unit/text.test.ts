import { expect } from 'chai';
import { firstNonText } from '../../server/http/text-only.js';
import { cleanText, isText, maskNationalId, searchKey, withoutNonText } from '../../server/lib/text.js';

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

  it('when a string holds a C0 control character, DEL or half a surrogate pair, then it is not text; tab, line ends, RTL and zero-width marks are', () => {
    for (const bad of ['a\u0000b', '\u0001', '\u0008', '\u000b', '\u000c', '\u000e', '\u001b[31m', '\u001f', '\u007f', '\ud800', 'x\udc00', '\udbff\ud800']) {
      expect(isText(bad), JSON.stringify(bad)).to.equal(false);
    }
    for (const good of ['', 'Nguyễn Thị Hằng', 'dòng 1\r\ndòng 2\tcột', '\u202eabc\u200b\u200f\u2066', '😀 𝕏', '%00', '\u0080\u009f']) {
      expect(isText(good), JSON.stringify(good)).to.equal(true);
    }
    expect(withoutNonText('a\u0000b\ud800c😀\n')).to.equal('abc😀\n');
  });

  it('when request input nests values, then the first one that is not text is named by its path, keys included', () => {
    expect(firstNonText({ q: 'Hằng', page: '2' })).to.equal(null);
    expect(firstNonText({ q: 'a\u0000b' })).to.equal('q');
    expect(firstNonText({ rows: [{ code: 'ok' }, { code: '\u0007' }] })).to.equal('rows.1.code');
    expect(firstNonText({ 'a\u0000b': '1' })).to.equal('ab');
    expect(firstNonText('\u0000')).to.equal('_');
    expect(firstNonText([1, null, true, { n: 2 }])).to.equal(null);
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(firstNonText(deep)).to.match(/^0(\.0)+$/);
  });
});
