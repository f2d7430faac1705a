import { expect } from 'chai';
import { formatDate, formatDateTime, formatNumber, formatPercent, todayInVietnam } from '../../server/lib/format.js';

describe('Vietnamese formatting', () => {
  it('when a count has thousands, then a dot separates them', () => {
    expect(formatNumber(27010)).to.equal('27.010');
    expect(formatNumber(1234567)).to.equal('1.234.567');
    expect(formatNumber(27010, 'en')).to.equal('27,010');
  });

  it('when a rate is a fraction, then it shows as a percentage with a decimal comma', () => {
    expect(formatPercent(0.985)).to.equal('98,5%');
    expect(formatPercent(1.05)).to.equal('105,0%');
    expect(formatPercent(0.985, 'en')).to.equal('98.5%');
  });

  it('when a rate is null, then a dash shows instead of 0%', () => {
    expect(formatPercent(null)).to.equal('–');
    expect(formatNumber(null)).to.equal('–');
  });

  it('when a date is a calendar date, then it prints dd/mm/yyyy without a time-zone shift', () => {
    expect(formatDate('2024-12-15')).to.equal('15/12/2024');
    expect(formatDate('2024-01-01')).to.equal('01/01/2024');
  });

  it('when a date cannot be read (an invalid Date, a string that is no instant), then it shows as nothing or as written, never a crash', () => {
    expect(formatDate(new Date('x'))).to.equal('');
    expect(formatDateTime(new Date('x'))).to.equal('');
    expect(formatDateTime('không phải ngày')).to.equal('không phải ngày');
  });

  it('when a timestamp is shown, then it is in Vietnam time', () => {
    expect(formatDate(new Date('2024-12-31T18:30:00Z'))).to.equal('01/01/2025');
    expect(formatDateTime(new Date('2024-12-31T18:30:00Z'))).to.equal('01:30 01/01/2025');
    expect(todayInVietnam(new Date('2024-06-30T17:00:00Z'))).to.equal('2024-07-01');
  });
});
