import { expect } from 'chai';
import { byGivenName, certificateNumber, newVerifyCode, normalizeVerifyCode, VERIFY_CODE_ALPHABET } from '../../server/certificates/certificate-number.js';
import { issueSummary } from '../../server/certificates/certificates.schema.js';

describe('certificate numbers and codes', () => {
  it('when a number is made, then it is the 4-digit sequence, the year and GCN with the unit symbol', () => {
    expect(certificateNumber(1, 2024, 'TTCTVL')).to.equal('0001/2024/GCN-TTCTVL');
    expect(certificateNumber(125, 2024, 'TTCTVL')).to.equal('0125/2024/GCN-TTCTVL');
    expect(certificateNumber(12_345, 2025, 'DUCA')).to.equal('12345/2025/GCN-DUCA');
  });

  it('when verification codes are drawn, then each has 16 characters from the look-alike-free alphabet and they do not repeat', () => {
    const codes = Array.from({ length: 2000 }, newVerifyCode);
    for (const code of codes) expect(code).to.match(/^[abcdefghijkmnpqrstuvwxyz23456789]{16}$/);
    expect(new Set(codes).size).to.equal(codes.length);
    const used = new Set(codes.join(''));
    expect([...VERIFY_CODE_ALPHABET].every((c) => used.has(c)), 'every letter of the alphabet turns up').to.equal(true);
    expect(VERIFY_CODE_ALPHABET).not.to.match(/[01lo]/);
  });

  it('when a code is typed in capitals, with spaces or dashes, then it is read; anything else is not a code', () => {
    expect(normalizeVerifyCode(' ABCD EFGH-JKMN pqrs ')).to.equal('abcdefghjkmnpqrs');
    expect(normalizeVerifyCode('abcdefghjkmnpqro')).to.equal(null);
    expect(normalizeVerifyCode('abcdefghjkmnpqr')).to.equal(null);
    expect(normalizeVerifyCode("abcdefghjkmnpq' OR 1=1")).to.equal(null);
  });

  it('when names are put in class-list order, then they run by given name in Vietnamese order, then by full name', () => {
    const names = ['Trần Văn Cường', 'Vũ Văn Dũng', 'Lê Thị Ánh', 'Đỗ Thị Đào', 'Phạm Minh Bình', 'Nguyễn Văn An', 'Lê Văn An', 'Hoàng Ân'];
    const sorted = names.map((fullName, id) => ({ fullName, id })).sort(byGivenName).map((p) => p.fullName);
    expect(sorted).to.deep.equal(['Lê Văn An', 'Nguyễn Văn An', 'Lê Thị Ánh', 'Hoàng Ân', 'Phạm Minh Bình', 'Trần Văn Cường', 'Vũ Văn Dũng', 'Đỗ Thị Đào']);
  });

  it('when an issue is summed up, then the sentence names the count and the numbers, and any trainees left out', () => {
    const base = { courseId: 1, certificates: [], revokedSkipped: 0 };
    expect(issueSummary('vi', { ...base, issued: 0, firstNumber: null, lastNumber: null })).to.equal(
      'Không cấp thêm giấy chứng nhận nào: lớp không còn học viên hoàn thành nào chưa có giấy chứng nhận.',
    );
    expect(issueSummary('vi', { ...base, issued: 1, firstNumber: '0007/2025/GCN-TTCTVL', lastNumber: '0007/2025/GCN-TTCTVL' })).to.equal('Đã cấp 1 giấy chứng nhận, số 0007/2025/GCN-TTCTVL.');
    expect(issueSummary('vi', { ...base, issued: 3, firstNumber: '0001/2025/GCN-TTCTVL', lastNumber: '0003/2025/GCN-TTCTVL', revokedSkipped: 2 })).to.equal(
      'Đã cấp 3 giấy chứng nhận, từ số 0001/2025/GCN-TTCTVL đến số 0003/2025/GCN-TTCTVL. 2 học viên có giấy chứng nhận đã bị thu hồi không được cấp tự động.',
    );
    expect(issueSummary('en', { ...base, issued: 2, firstNumber: 'a', lastNumber: 'b' })).to.equal('2 certificates issued, numbers a to b.');
  });
});
