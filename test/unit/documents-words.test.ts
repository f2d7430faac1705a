import { expect } from 'chai';
import { bodyInText } from '../../server/documents/issuer.data.js';
import { sumFigures } from '../../server/documents/report-figures.js';
import { periodLead, summaryParagraph, unitPaceLine } from '../../server/documents/report-text.js';
import { documentNumber, placeDateLine, recipientLines, roman } from '../../server/pdf/index.js';
import type { Figures } from '../../server/reports/report.types.js';
import { withRates } from '../helpers/documents.js';

const row = (over: Partial<Figures>): Figures =>
  withRates({
    plannedCourses: 10,
    plannedTrainees: 800,
    courses: 10,
    enrolled: 800,
    trainees: 790,
    finished: 800,
    completed: 780,
    grades: { excellent: 80, good: 300, fair: 300, average: 100, fail: 20 },
    expectedPace: 1,
    lagging: false,
    ...over,
  });

describe('words and numbers of a Party document', () => {
  it('when the day is below 10 or the month is January or February, then they take a leading zero', () => {
    expect(placeDateLine('Hưng Yên', '2024-12-15')).to.equal('Hưng Yên, ngày 15 tháng 12 năm 2024');
    expect(placeDateLine('Văn Lâm', '2025-02-05')).to.equal('Văn Lâm, ngày 05 tháng 02 năm 2025');
    expect(placeDateLine('Văn Lâm', '2025-03-09')).to.equal('Văn Lâm, ngày 09 tháng 3 năm 2025');
  });

  it('when a report has no number yet, then the number line leaves room to write it by hand', () => {
    expect(documentNumber('123', 'BC', 'BTGTU')).to.equal('Số 123-BC/BTGTU');
    expect(documentNumber(null, 'BC', 'BTGTU')).to.match(/^Số {4,}-BC\/BTGTU$/);
    expect(documentNumber('  ', 'BC', 'TTCTVL')).to.match(/^Số {4,}-BC\/TTCTVL$/);
  });

  it('when recipients are listed, then each ends with a comma and the last with a full stop', () => {
    expect(recipientLines(['Ban Tuyên giáo Trung ương', 'Thường trực Tỉnh ủy,', 'Lưu Văn phòng Ban'])).to.deep.equal([
      '- Ban Tuyên giáo Trung ương,',
      '- Thường trực Tỉnh ủy,',
      '- Lưu Văn phòng Ban.',
    ]);
  });

  it('when sections are numbered, then Roman numerals are used', () => {
    expect([1, 2, 3, 4, 9, 14].map(roman)).to.deep.equal(['I', 'II', 'III', 'IV', 'IX', 'XIV']);
  });

  it("when a committee's header name is written in running text, then only the place keeps capitals", () => {
    expect(bodyInText('HUYỆN ỦY VĂN LÂM')).to.equal('Huyện ủy Văn Lâm');
    expect(bodyInText('TỈNH ỦY HƯNG YÊN')).to.equal('Tỉnh ủy Hưng Yên');
    expect(bodyInText('THỊ ỦY MỸ HÀO')).to.equal('Thị ủy Mỹ Hào');
  });
});

describe('sums of report rows', () => {
  it('when rows are added, then counts add up and rates are recomputed from the sums, never averaged', () => {
    const a = row({ plannedTrainees: 100, enrolled: 100, finished: 100, completed: 100 });
    const b = row({ plannedTrainees: 900, enrolled: 450, finished: 400, completed: 300 });
    const sum = sumFigures([a, b]);
    expect(sum.enrolled).to.equal(550);
    expect(sum.plannedTrainees).to.equal(1000);
    expect(sum.traineeFulfillment).to.equal(0.55); // the average of 100% and 50% would be 75%
    expect(sum.completionRate).to.equal(0.8);
    expect(sum.goodRate).to.equal((2 * 680) / (2 * 800));
  });

  it('when a row has no plan, then it counts as absent; when no row has one, then the sum has none', () => {
    const planned = row({ plannedCourses: 4, plannedTrainees: 300, enrolled: 150 });
    const unplanned = row({ plannedCourses: null, plannedTrainees: null, enrolled: 90, expectedPace: null });
    const sum = sumFigures([planned, unplanned]);
    expect(sum.plannedTrainees).to.equal(300);
    expect(sum.enrolled).to.equal(240);
    expect(sumFigures([unplanned]).plannedTrainees).to.equal(null);
    expect(sumFigures([unplanned]).traineeFulfillment).to.equal(null);
  });

  it('when rows expect different paces, then the sum expects their pace weighted by their targets', () => {
    const sum = sumFigures([row({ plannedTrainees: 100, expectedPace: 0.5 }), row({ plannedTrainees: 300, expectedPace: 0.9 })]);
    expect(sum.expectedPace).to.be.closeTo(0.8, 1e-9);
  });

  it('when nothing is scored, then the khá–giỏi rate is null rather than 0', () => {
    expect(sumFigures([row({ grades: { excellent: 0, good: 0, fair: 0, average: 0, fail: 0 } })]).goodRate).to.equal(null);
  });
});

describe('the summary a reader writes', () => {
  const frame = { year: 2024, period: 'year' as const, asOf: '2024-12-31', window: { from: '2024-01-01', to: '2024-12-31' } };

  it('when the year is over, then the summary opens with the year and gives the numbers the Vietnamese way', () => {
    const totals = row({ courses: 287, plannedCourses: 280, enrolled: 27_010, plannedTrainees: 27_421, trainees: 24_102, finished: 26_900, completed: 26_354 });
    const text = summaryParagraph(frame, 'toàn tỉnh', totals);
    expect(text).to.match(/^Năm 2024, toàn tỉnh mở 287 lớp với 27\.010 lượt học viên \(24\.102 người\), đạt 98,5% kế hoạch năm về số học viên và 102,5% về số lớp;/);
    expect(text).to.contain('26.900 lượt học viên đã kết thúc khóa học, trong đó 26.354 lượt hoàn thành (98,0%)');
    expect(text).to.contain('tỷ lệ khá, giỏi đạt 85,0%');
  });

  it('when the period is still running, then the summary names the dates it covers', () => {
    expect(periodLead({ ...frame, asOf: '2024-06-15', window: { from: '2024-01-01', to: '2024-06-15' } })).to.equal('Từ ngày 01/01/2024 đến ngày 15/06/2024');
    expect(periodLead({ ...frame, period: 'q1', window: { from: '2024-01-01', to: '2024-03-31' } })).to.equal('Quý I năm 2024');
  });

  it('when there is no approved plan, then the summary says so instead of a rate', () => {
    const text = summaryParagraph(frame, 'Trung tâm Chính trị huyện Văn Giang', row({ plannedCourses: null, plannedTrainees: null }));
    expect(text).to.contain('chưa có kế hoạch năm được phê duyệt');
    expect(text).not.to.contain('kế hoạch năm về số học viên');
  });

  it("when a unit is behind the pace its plan expects, then its own report says it is late", () => {
    const late = row({ plannedTrainees: 1000, enrolled: 600, expectedPace: 0.9, lagging: true });
    expect(unitPaceLine({ ...frame, asOf: '2024-11-20' }, late)).to.equal(
      'Đơn vị đạt 60,0% kế hoạch năm về số học viên, thấp hơn mức cần đạt đến ngày 20/11/2024 (90,0%): chậm tiến độ, cần khắc phục.',
    );
  });
});
