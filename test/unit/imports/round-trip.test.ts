import { expect } from 'chai';
import { writeCsv } from '../../../server/exports/csv-write.js';
import { numbered, rosterColumns, type RosterExportRow } from '../../../server/exports/roster-columns.js';
import { writeXlsx } from '../../../server/exports/xlsx-write.js';
import { buildResultsPreview } from '../../../server/imports/results-preview.js';
import { buildRosterPreview } from '../../../server/imports/roster-preview.js';
import { searchKey } from '../../../server/lib/text.js';
import type { GradingRules } from '../../../server/programs/grading.js';
import { realisticRoster } from '../../helpers/rosters.js';

const TODAY = '2025-06-30';
const none = async () => new Map();

const traineeOf = (r: RosterExportRow) => ({
  fullName: r.fullName,
  birthDate: r.birthDate,
  birthYear: r.birthYear,
  gender: r.gender,
  nationalId: r.nationalId,
  ethnicity: r.ethnicity,
  religion: r.religion,
  workplace: r.workplace,
  position: r.position,
  partyStatus: r.partyStatus,
  partyJoinedOn: r.partyJoinedOn,
  phone: r.phone,
  email: r.email,
  sendingOrg: r.sendingOrg,
});

describe('export then import gives the same data', () => {
  const source = realisticRoster(200, 11);
  // A few values that would trip a careless writer: a formula-like position, a quote, a comma.
  source[0] = { ...source[0]!, position: '-Phó Bí thư, "kiêm" Trưởng thôn', workplace: '=UBND xã' };

  for (const format of ['xlsx', 'csv', 'csv;'] as const) {
    it(`when a roster is exported as ${format} and imported again, then every trainee comes back unchanged`, async () => {
      const table = { columns: rosterColumns(), rows: numbered(source), sheetName: 'Danh sách học viên' };
      const bytes = format === 'xlsx' ? await writeXlsx(table) : await writeCsv(table, { delimiter: format === 'csv;' ? ';' : ',' });
      const preview = await buildRosterPreview(bytes, `ds.${format}`, { findExisting: none, today: TODAY });
      expect(preview.errors).to.deep.equal([]);
      expect(preview.rows).to.have.length(source.length);
      const back = preview.rows.map((r) => ({ ...r.data!.trainee, sendingOrg: r.data!.sendingOrg }));
      expect(back.map(({ fullName, birthDate, birthYear, gender, nationalId, ethnicity, religion, workplace, position, partyStatus, partyJoinedOn, phone, email, sendingOrg }) =>
        ({ fullName, birthDate, birthYear, gender, nationalId, ethnicity, religion, workplace, position, partyStatus, partyJoinedOn, phone, email, sendingOrg }))).to.deep.equal(source.map(traineeOf));
      expect(back.map((t) => t.searchName)).to.deep.equal(source.map((r) => searchKey(r.fullName)));
    });
  }

  it('when a roster with results is exported and imported as results, then attendance and scores come back unchanged', async () => {
    const rules: GradingRules = { completionRule: 'score', gradeExcellent: 9, gradeGood: 8, gradeFair: 7, gradePass: 5, minAttendance: 0.8 };
    const people = source.slice(0, 60).map((r, i) => ({ ...r, attendance: [1, 0.955, 0.8, 0.01][i % 4]!, score: [9.5, 8, 7.3, 4.9, 10, 0][i % 6]! }));
    const roster = people.map((r, i) => ({
      enrollmentId: i + 1, traineeId: i + 1, nationalId: r.nationalId, searchName: searchKey(r.fullName), birthDate: r.birthDate, birthYear: r.birthYear,
      score: null, attendance: null, status: 'enrolled' as const, grade: null,
    }));
    for (const format of ['xlsx', 'csv'] as const) {
      const table = { columns: rosterColumns({ results: true }), rows: numbered(people) };
      const bytes = format === 'xlsx' ? await writeXlsx(table) : await writeCsv(table);
      const preview = await buildResultsPreview(bytes, `kq.${format}`, { roster, rules, courseEnded: true });
      expect(preview.errors, format).to.deep.equal([]);
      expect(preview.rows.map((r) => [r.data!.enrollmentId, r.data!.attendance, r.data!.score]), format).to.deep.equal(people.map((p, i) => [i + 1, p.attendance, p.score]));
    }
  });
});
