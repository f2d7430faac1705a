import { expect } from 'chai';
import { planFormSchema, quarterSumError } from '../../server/plans/plans.schema.js';

describe('plan input rules', () => {
  it('when four quarters add up to the year figure, then no error; otherwise the sum and the total are named', () => {
    expect(quarterSumError(10, [2, 3, 3, 2])).to.equal(null);
    expect(quarterSumError(0, [0, 0, 0, 0])).to.equal(null);
    expect(quarterSumError(10, [2, 3, 3, 3])).to.deep.equal({ message: 'plans.errors.quartersSum', params: { sum: 11, total: 10 } });
  });

  const schema = planFormSchema(['NTVD', 'DVM', 'LSD'], 'new');
  const blank = { NTVD_courses: '', NTVD_trainees: '', DVM_courses: '', DVM_trainees: '', LSD_courses: '', LSD_trainees: '' };

  it('when the form has blank lines, a line of zeros and a split line, then only the filled lines become targets', () => {
    const parsed = schema.parse({
      ...blank,
      year: '2080',
      note: '  Ghi  chú ',
      NTVD_courses: '4',
      NTVD_trainees: '320',
      ...Object.fromEntries([1, 2, 3, 4].flatMap((q) => [[`NTVD_q${q}_courses`, '1'], [`NTVD_q${q}_trainees`, '80']])),
      LSD_courses: '0',
      LSD_trainees: '0',
    });
    expect(parsed).to.deep.equal({
      year: 2080,
      unitId: undefined,
      lockVersion: undefined,
      note: 'Ghi chú',
      targets: [
        { programCode: 'NTVD', plannedCourses: 4, plannedTrainees: 320, quarters: { courses: [1, 1, 1, 1], trainees: [80, 80, 80, 80] } },
        { programCode: 'LSD', plannedCourses: 0, plannedTrainees: 0, quarters: null },
      ],
    });
  });

  it('when a quarter is given without the year figures, then both year fields and the missing quarters are flagged', () => {
    const result = schema.safeParse({ ...blank, year: '2080', DVM_q2_courses: '1' });
    expect(result.success).to.equal(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).to.include.members(['DVM_courses', 'DVM_trainees', 'DVM_q1_courses', 'DVM_q4_trainees']);
    expect(paths).not.to.include('DVM_q2_courses');
  });

  it('when an edit has no lockVersion, then it is refused', () => {
    const result = planFormSchema(['NTVD'], 'edit').safeParse({ NTVD_courses: '', NTVD_trainees: '' });
    expect(result.success).to.equal(false);
    expect(result.error!.issues[0]!.path).to.deep.equal(['lockVersion']);
  });
});
