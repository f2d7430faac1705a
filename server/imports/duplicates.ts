// The same person twice in one file: the later row is the error, and its message names the earlier one.
// - the same citizen ID: an error;
// - the same name (accents and case aside) and the same full birth date: an error, unless both rows carry
//   citizen IDs and they differ (then they are two people who share a name and a birthday);
// - the same name and birth year where a row has the year only: a warning, since it may be two people.
import type { Issue } from './issues.js';

export interface PersonKey {
  row: number;
  searchName: string;
  birthDate: string | null;
  birthYear: number;
  nationalId: string | null;
}

export interface DuplicateColumns {
  nationalId: string;
  name: string;
}

export function findDuplicates(people: readonly PersonKey[], columns: DuplicateColumns): Issue[] {
  const issues: Issue[] = [];
  const byId = new Map<string, PersonKey>();
  const byDate = new Map<string, PersonKey[]>();
  const byYear = new Map<string, PersonKey[]>();
  const differentIds = (a: PersonKey, b: PersonKey) => a.nationalId !== null && b.nationalId !== null && a.nationalId !== b.nationalId;

  for (const p of people) {
    if (p.nationalId) {
      const first = byId.get(p.nationalId);
      if (first) {
        issues.push({ level: 'error', row: p.row, column: columns.nationalId, key: 'imports.row.duplicateId', params: { row: first.row } });
        continue;
      }
      byId.set(p.nationalId, p);
    }
    const yearKey = `${p.searchName}|${p.birthYear}`;
    if (p.birthDate) {
      const dateKey = `${p.searchName}|${p.birthDate}`;
      const same = byDate.get(dateKey)?.find((q) => !differentIds(p, q));
      if (same) {
        issues.push({ level: 'error', row: p.row, column: columns.name, key: 'imports.row.duplicatePerson', params: { row: same.row } });
        continue;
      }
      byDate.set(dateKey, [...(byDate.get(dateKey) ?? []), p]);
    }
    const sameYear = byYear.get(yearKey)?.find((q) => (!q.birthDate || !p.birthDate) && !differentIds(p, q));
    if (sameYear) issues.push({ level: 'warning', row: p.row, column: columns.name, key: 'imports.row.possibleDuplicate', params: { row: sameYear.row } });
    byYear.set(yearKey, [...(byYear.get(yearKey) ?? []), p]);
  }
  return issues;
}
