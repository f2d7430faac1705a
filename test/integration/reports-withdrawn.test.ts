// Issue #11.1: a withdrawn trainee keeps a score, and must lower no rate and count in no grade.
import { expect } from 'chai';
import { progressReport } from '../../server/reports/index.js';
import { makeCourse, makeEnrollment } from '../helpers/factories.js';
import { boardActor, makeUnit } from '../helpers/units.js';

describe('progress report: withdrawn enrollments', () => {
  it('when a withdrawn trainee still carries a score (or an old grade), then it counts in no grade and not in khá–giỏi', async () => {
    const unit = await makeUnit();
    const course = await makeCourse({ unitCode: unit.code, startDate: '2152-03-02', endDate: '2152-03-06', status: 'finished' });
    await makeEnrollment(course, undefined, { status: 'completed', score: 9.2, grade: 'excellent', attendance: 1 });
    await makeEnrollment(course, undefined, { status: 'withdrawn', score: 8.5, grade: null, attendance: 0.4 });
    await makeEnrollment(course, undefined, { status: 'withdrawn', score: 6, grade: 'average', attendance: 0.2 });
    const report = await progressReport(await boardActor(), { year: 2152, asOf: '2152-12-31', unitCode: unit.code });
    const row = report.units.find((u) => u.unitCode === unit.code)!;
    expect(row.grades).to.deep.equal({ excellent: 1, good: 0, fair: 0, average: 0, fail: 0 });
    expect(row.goodRate).to.equal(1);
    expect(row).to.include({ enrolled: 3, finished: 3, completed: 1 });
    expect(report.totals.goodRate).to.equal(1);
    expect(report.categories.flatMap((c) => c.programs).find((p) => p.programCode === 'NTVD')!.goodRate).to.equal(1);
  });
});
