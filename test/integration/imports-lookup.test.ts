import { expect } from 'chai';
import { courseRoster, enrolledPeople, findTraineesByNationalIds } from '../../server/imports/lookup.js';
import { previewRoster } from '../../server/imports/roster-preview.js';
import type { SpreadsheetFile } from '../../server/imports/read-file.js';
import { makeCourse, makeEnrollment, makeTrainee, randomNationalId } from '../helpers/factories.js';

describe('imports: looking up people in the database', () => {
  it('when citizen IDs are looked up, then trainees of any unit are found, in batches, and unknown IDs are absent', async () => {
    const mine = await makeTrainee({ unitCode: 'TTCTVL' });
    const theirs = await makeTrainee({ unitCode: 'TTCTKC', birthDate: null });
    const unknown = Array.from({ length: 1200 }, () => randomNationalId());
    const found = await findTraineesByNationalIds([...unknown, mine.nationalId!, theirs.nationalId!, mine.nationalId!]);
    expect([...found.keys()].sort()).to.deep.equal([mine.nationalId!, theirs.nationalId!].sort());
    expect(found.get(theirs.nationalId!)).to.deep.equal({ traineeId: theirs.id, nationalId: theirs.nationalId, searchName: theirs.searchName, birthDate: null, birthYear: null });
  });

  it("when a course's roster is read, then scores and attendance come back as numbers", async () => {
    const course = await makeCourse();
    const t = await makeTrainee();
    await makeEnrollment(course, t, { score: 8.5, attendance: 0.955, status: 'completed', grade: 'good' });
    const roster = await courseRoster(course.id);
    expect(roster).to.have.length(1);
    expect(roster[0]).to.deep.include({ traineeId: t.id, nationalId: t.nationalId, score: 8.5, attendance: 0.955, status: 'completed', grade: 'good' });
    expect(enrolledPeople(roster)[0]).to.deep.equal({ traineeId: t.id, nationalId: t.nationalId, searchName: t.searchName, birthDate: '1990-05-17', birthYear: 1990 });
  });

  it('when a roster preview runs against the database, then a known ID matches and a person already in the course is skipped', async () => {
    const course = await makeCourse();
    const known = await makeTrainee({ fullName: 'Phạm Thị Lan', unitCode: 'TTCTKC' });
    const enrolled = await makeTrainee({ fullName: 'Vũ Đức Anh' });
    await makeEnrollment(course, enrolled);
    const rows = [
      ['Họ và tên', 'Ngày sinh', 'Số CCCD'],
      ['Phạm Thị Lan', '17/05/1990', known.nationalId],
      ['Vũ Đức Anh', '17/05/1990', enrolled.nationalId],
      ['Hoàng Văn Mới', '1991', ''],
    ];
    const file: SpreadsheetFile = { format: 'csv', sheetName: null, delimiter: ',', fileName: 'x.csv', sha256: 'z'.repeat(64), bytes: 1, rows: rows.map((cells, i) => ({ row: i + 1, cells })) };
    const preview = await previewRoster(file, {
      findExisting: (ids) => findTraineesByNationalIds(ids),
      currentRoster: enrolledPeople(await courseRoster(course.id)),
      today: '2025-06-30',
    });
    expect(preview.rows.map((r) => [r.action, r.traineeId])).to.deep.equal([['match', known.id], ['already', enrolled.id], ['create', null]]);
  });
});
