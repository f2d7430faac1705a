// Realistic rosters for tests and the benchmark: invented people with Vietnamese names, consistent citizen IDs
// (Hưng Yên's province code 033, the sex-and-century digit, the birth year), real communes of Văn Lâm.
import { seededRandom } from '../../server/lib/random.js';
import type { RosterExportRow } from '../../server/exports/roster-columns.js';
import { COMMUNE_POSITIONS, COMMUNES, ETHNICITIES, FAMILY_NAMES, FEMALE_GIVEN, FEMALE_MIDDLE, MALE_GIVEN, MALE_MIDDLE, RELIGIONS, VILLAGES } from '../../seeders/support/demo-data.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function realisticRoster(count: number, seed = 7): RosterExportRow[] {
  const r = seededRandom(seed);
  const ids = new Set<string>();
  const rows: RosterExportRow[] = [];
  for (let i = 0; i < count; i++) {
    const female = r.chance(0.45);
    const fullName = `${r.weighted(FAMILY_NAMES)} ${r.pick(female ? FEMALE_MIDDLE : MALE_MIDDLE)} ${r.pick(female ? FEMALE_GIVEN : MALE_GIVEN)}`;
    const year = r.int(1965, 2004);
    const yearOnly = r.chance(0.05);
    const birthDate = yearOnly ? null : `${year}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`;
    let nationalId: string | null = null;
    if (r.chance(0.9)) {
      const code = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
      do nationalId = `033${code}${pad(year % 100)}${pad(r.int(0, 999_999), 6)}`;
      while (ids.has(nationalId));
      ids.add(nationalId);
    }
    const commune = r.pick(COMMUNES.TTCTVL!);
    const party = r.weighted([['official', 60], ['probationary', 10], ['masses', 30]] as const);
    const joinYear = party === 'official' ? r.int(Math.max(year + 19, 1990), 2023) : 2025;
    rows.push({
      fullName,
      birthDate,
      birthYear: year,
      gender: female ? 'female' : 'male',
      nationalId,
      ethnicity: r.weighted(ETHNICITIES),
      religion: r.weighted(RELIGIONS),
      workplace: `UBND ${commune}, huyện Văn Lâm`,
      position: r.pick(COMMUNE_POSITIONS),
      partyStatus: party,
      partyJoinedOn: party === 'masses' ? null : party === 'official' ? `${joinYear}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}` : `2025-${pad(r.int(1, 4))}-${pad(r.int(1, 28))}`,
      phone: r.chance(0.7) ? `09${pad(r.int(0, 99_999_999), 8)}` : null,
      email: r.chance(0.3) ? `hocvien${seed}x${i}@example.com` : null,
      sendingOrg: `Chi bộ ${r.pick(VILLAGES)}, Đảng bộ ${commune}`,
    });
  }
  return rows;
}
