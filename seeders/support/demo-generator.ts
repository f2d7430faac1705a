// Builds the demo data set in memory, deterministically: approved 2023 and 2024 plans for every unit,
// about 300 courses and 26,000 enrollments a year, results and certificates. Some units run ahead of
// their plan and some behind, so the board's "lagging" list has something to show.
import { seededRandom, type Random } from '../../server/lib/random.js';
import { searchKey } from '../../server/lib/text.js';
import {
  AGENCY_POSITIONS,
  COMMITTEE_ORGS,
  COMMUNE_POSITIONS,
  COURSE_NAMES,
  EDUCATION,
  ETHNICITIES,
  FAMILY_NAMES,
  FEMALE_GIVEN,
  FEMALE_MIDDLE,
  FORCE_POSITIONS,
  MALE_GIVEN,
  MALE_MIDDLE,
  PROFESSIONAL,
  RELIGIONS,
  VILLAGES,
  randomCommune,
} from './demo-data.js';

export interface UnitRef {
  id: number;
  code: string;
  kind: string;
  name: string;
  place: string;
  symbol: string;
  parentBody: string;
  headerName: string;
  signerName: string;
  signerTitle: string;
  signerAuthority: string | null;
}
export interface ProgramRef {
  id: number;
  code: string;
  completionRule: 'score' | 'attendance';
  usualDays: number;
  credential: string | null;
  minAttendance: number;
}
export type Row = Record<string, unknown>;

export interface DemoData {
  plans: Row[];
  targets: Row[];
  courses: Row[];
  trainees: Row[];
  enrollments: Row[];
  certificates: Row[];
  counters: Row[];
  /** Trainees with completed, certified courses in both years: the demo trainee accounts. */
  featuredTrainees: Array<{ traineeId: number; unitCode: string; fullName: string }>;
}

export const DEMO_YEARS = [2023, 2024] as const;

/** Courses per year at a typical centre; committees run fewer. */
const BASE_COURSES: Record<string, [center: number, committee: number]> = {
  NTVD: [5, 3], DVM: [4, 3], SCLLCT: [1.5, 1], LSD: [2, 1], CDHCM: [3, 2], NVCTD: [3, 2], NVMTDT: [2, 0.5], CNKT: [3, 2],
};
/** Mean class size per program; the published range is 30–140, typically 70–90. */
const CLASS_SIZE: Record<string, number> = { NTVD: 80, DVM: 70, SCLLCT: 60, LSD: 85, CDHCM: 118, NVCTD: 84, NVMTDT: 78, CNKT: 122 };

/** Size of each unit's programme, and how far it ran ahead of (>1) or behind (<1) its plan each year. */
const PROFILE: Record<string, { size: number; pace: [number, number]; quarterly: boolean }> = {
  TTCTHY: { size: 0.9, pace: [1.02, 0.97], quarterly: true },
  TTCTMH: { size: 0.95, pace: [1.06, 1.04], quarterly: false },
  TTCTVL: { size: 1.0, pace: [1.1, 1.12], quarterly: true },
  TTCTVG: { size: 1.0, pace: [0.98, 1.01], quarterly: false },
  TTCTYM: { size: 1.1, pace: [1.04, 0.93], quarterly: true },
  TTCTAT: { size: 1.05, pace: [0.95, 0.79], quarterly: false },
  TTCTKC: { size: 1.3, pace: [1.08, 1.09], quarterly: true },
  TTCTKD: { size: 1.0, pace: [1.0, 0.96], quarterly: false },
  TTCTTL: { size: 0.95, pace: [1.03, 1.05], quarterly: true },
  TTCTPC: { size: 0.85, pace: [0.92, 0.74], quarterly: false },
  DUKCCQ: { size: 1.3, pace: [1.05, 1.02], quarterly: true },
  DUKDN: { size: 0.9, pace: [0.97, 0.81], quarterly: false },
  DUQS: { size: 0.8, pace: [1.0, 1.0], quarterly: false },
  DUCA: { size: 0.9, pace: [1.06, 1.03], quarterly: true },
};

const QUARTER_WEIGHTS: ReadonlyArray<readonly [number, number]> = [[0, 20], [1, 30], [2, 25], [3, 25]];
const WITHDRAW_REASONS = ['Bận công tác đột xuất', 'Ốm đau, nằm viện', 'Chuyển công tác', 'Hoàn cảnh gia đình khó khăn'];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round10 = (v: number) => Math.max(10, Math.round(v / 10) * 10);

interface Person {
  id: number;
  row: Row;
  busyUntil: string;
  didNtvd: boolean;
  inDvm: boolean;
}

export function generateDemo(units: UnitRef[], programs: ProgramRef[], seed = 20240101): DemoData {
  const random = seededRandom(seed);
  const data: DemoData = { plans: [], targets: [], courses: [], trainees: [], enrollments: [], certificates: [], counters: [], featuredTrainees: [] };
  const nationalIds = new Set<string>();
  const pools = new Map<string, Person[]>();
  const ids = { plan: 0, target: 0, course: 0, trainee: 0, enrollment: 0, certificate: 0 };
  const completedByTrainee = new Map<number, Set<number>>();
  const verifyCodes = new Set<string>();

  const newPerson = (unit: UnitRef, programCode: string, year: number): Person => {
    const female = random.chance(programCode === 'NTVD' ? 0.55 : unit.kind === 'committee' && unit.code !== 'DUKCCQ' ? 0.2 : 0.42);
    const family = random.weighted(FAMILY_NAMES);
    const middle = random.pick(female ? FEMALE_MIDDLE : MALE_MIDDLE);
    // "Nguyễn Văn Văn" is no one's name: the given name never repeats the middle one.
    let given: string;
    do given = random.pick(female ? FEMALE_GIVEN : MALE_GIVEN);
    while (given === middle);
    const fullName = `${family} ${middle} ${given}`;
    const [minAge, maxAge] = programCode === 'NTVD' ? [19, 38] : programCode === 'DVM' ? [21, 42] : [26, 58];
    const birthYear = year - random.int(minAge, maxAge);
    const yearOnly = random.chance(0.07);
    const birthDate = yearOnly ? null : `${birthYear}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`;
    let nationalId: string | null = null;
    if (!random.chance(0.06)) {
      const centuryDigit = (birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0);
      do nationalId = `033${centuryDigit}${pad(birthYear % 100)}${pad(random.int(0, 999_999), 6)}`;
      while (nationalIds.has(nationalId));
      nationalIds.add(nationalId);
    }
    const commune = unit.kind === 'center' ? randomCommune(unit.code, random.pick) : randomCommune('', random.pick);
    const party = programCode === 'NTVD' ? 'masses' : programCode === 'DVM' ? 'probationary' : random.chance(0.85) ? 'official' : 'masses';
    const joined = party === 'masses' ? null : `${year - (party === 'probationary' ? 0 : random.int(2, 25))}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`;
    const workplace =
      unit.kind === 'center'
        ? `Ủy ban nhân dân ${commune}`
        : random.pick(COMMITTEE_ORGS[unit.code] ?? ['']).replace(/^(Đảng bộ|Chi bộ) /, '');
    const position =
      unit.kind === 'center' ? random.pick(COMMUNE_POSITIONS) : unit.code === 'DUQS' || unit.code === 'DUCA' ? random.pick(FORCE_POSITIONS) : random.pick(AGENCY_POSITIONS);
    const id = ++ids.trainee;
    const row: Row = {
      id,
      full_name: fullName,
      search_name: searchKey(fullName),
      birth_date: birthDate,
      birth_year: birthYear,
      gender: female ? 'female' : 'male',
      ethnicity: random.weighted(ETHNICITIES),
      religion: random.weighted(RELIGIONS),
      national_id: nationalId,
      hometown: `${commune}, tỉnh Hưng Yên`,
      address: `${random.pick(VILLAGES)}, ${commune}`,
      phone: random.chance(0.75) ? `0${random.pick(['9', '3', '8', '7'])}${pad(random.int(0, 99_999_999), 8)}` : null,
      email: null,
      education_level: random.pick(EDUCATION),
      professional_level: random.pick(PROFESSIONAL),
      theory_level: party === 'official' && random.chance(0.5) ? 'Sơ cấp' : null,
      position,
      workplace,
      party_status: party,
      party_joined_on: joined,
      party_official_on: party === 'official' && joined ? `${Number(joined.slice(0, 4)) + 1}${joined.slice(4)}` : null,
      created_by_unit_id: unit.id,
      lock_version: 0,
      created_at: new Date(`${year}-01-02T00:00:00Z`),
      updated_at: new Date(`${year}-01-02T00:00:00Z`),
    };
    data.trainees.push(row);
    const person: Person = { id, row, busyUntil: '', didNtvd: false, inDvm: false };
    const pool = pools.get(unit.code) ?? [];
    pool.push(person);
    pools.set(unit.code, pool);
    return person;
  };

  /** Picks who sits in a course: returning people where it makes sense (NTVD → DVM), new ones otherwise. */
  const choosePeople = (unit: UnitRef, programCode: string, year: number, size: number, start: string): Person[] => {
    const pool = pools.get(unit.code) ?? [];
    const chosen = new Set<Person>();
    const reuseShare = programCode === 'DVM' ? 0.45 : programCode === 'NTVD' ? 0.02 : 0.3;
    const candidates = pool.filter((p) =>
      p.busyUntil < start && (programCode === 'DVM' ? p.didNtvd && !p.inDvm : programCode !== 'NTVD' && p.row.party_status !== 'masses'),
    );
    const reuse = Math.min(candidates.length, Math.round(size * reuseShare));
    for (let i = 0; i < reuse; i++) {
      const index = random.int(0, candidates.length - 1);
      chosen.add(candidates[index]!);
      candidates.splice(index, 1);
    }
    while (chosen.size < size) chosen.add(newPerson(unit, programCode, year));
    for (const person of chosen) {
      if (programCode === 'DVM' && person.didNtvd && person.row.party_status === 'masses') {
        person.row.party_status = 'probationary';
        person.row.party_joined_on = `${year}-${start.slice(5, 7)}-01`;
      }
      if (programCode === 'DVM') person.inDvm = true;
    }
    return [...chosen];
  };

  const scoreFor = (shift: number): number => {
    const grade = random.weighted([
      ['excellent', 12 + shift], ['good', 40 + shift], ['fair', 35], ['average', 11 - shift], ['fail', 2],
    ] as const);
    const [lo, hi] = { excellent: [9.0, 9.8], good: [8.0, 8.9], fair: [7.0, 7.9], average: [5.0, 6.9], fail: [3.0, 4.9] }[grade];
    return Math.round((lo + random.next() * (hi - lo)) * 10) / 10;
  };
  const gradeOf = (score: number) =>
    score >= 9 ? 'excellent' : score >= 8 ? 'good' : score >= 7 ? 'fair' : score >= 5 ? 'average' : 'fail';

  const courseDates = (year: number, days: number, quarter: number): [string, string] => {
    let start: Date;
    do {
      const first = Date.UTC(year, quarter * 3, 1);
      const last = Date.UTC(year, quarter * 3 + 3, 0);
      start = new Date(first + random.int(0, Math.round((last - first) / 86_400_000) - 10) * 86_400_000);
      // No course starts on a weekend, nor in the weeks around Tết.
    } while (start.getUTCDay() === 0 || start.getUTCDay() === 6 || (start.getUTCMonth() === 0 && start.getUTCDate() > 12) || (start.getUTCMonth() === 1 && start.getUTCDate() < 20));
    const calendarDays = days <= 2 ? days - 1 : Math.ceil((days * 7) / 5) - 1;
    let end = addDays(start, calendarDays);
    if (end.getUTCFullYear() > year) end = new Date(Date.UTC(year, 11, 30));
    return [iso(start), iso(end)];
  };

  for (const [yearIndex, year] of DEMO_YEARS.entries()) {
    const counters = new Map<number, number>();
    const pendingCertificates: Array<{ unit: UnitRef; enrollmentId: number; endDate: string }> = [];
    for (const unit of units) {
      if (unit.kind === 'board') continue;
      const profile = PROFILE[unit.code] ?? { size: 1, pace: [1, 1], quarterly: false };
      const pace = profile.pace[yearIndex]!;
      const planId = ++ids.plan;
      data.plans.push({
        id: planId, unit_id: unit.id, year, version: 1, status: 'approved', amends_plan_id: null,
        note: null, return_reason: null,
        submitted_at: new Date(`${year - 1}-12-10T02:00:00Z`), submitted_by: null,
        decided_at: new Date(`${year - 1}-12-20T02:00:00Z`), decided_by: null, created_by: null, lock_version: 2,
        created_at: new Date(`${year - 1}-12-01T02:00:00Z`), updated_at: new Date(`${year - 1}-12-20T02:00:00Z`),
      });
      const courseNumbers = new Map<string, number>();
      for (const program of programs) {
        const base = BASE_COURSES[program.code]?.[unit.kind === 'center' ? 0 : 1] ?? 1;
        const plannedCourses = Math.max(0, Math.round(base * profile.size + random.normal(0, 0.4)));
        if (plannedCourses === 0) continue;
        const meanSize = CLASS_SIZE[program.code] ?? 80;
        const plannedTrainees = round10(plannedCourses * meanSize);
        const quarterShares = [0.2, 0.3, 0.25, 0.25];
        const split = (total: number) => {
          const parts = quarterShares.map((s) => Math.floor(total * s));
          parts[1]! += total - parts.reduce((a, b) => a + b, 0);
          return parts;
        };
        const qCourses = profile.quarterly ? split(plannedCourses) : [null, null, null, null];
        const qTrainees = profile.quarterly ? split(plannedTrainees) : [null, null, null, null];
        data.targets.push({
          id: ++ids.target, plan_id: planId, program_id: program.id,
          planned_courses: plannedCourses, planned_trainees: plannedTrainees,
          q1_courses: qCourses[0], q2_courses: qCourses[1], q3_courses: qCourses[2], q4_courses: qCourses[3],
          q1_trainees: qTrainees[0], q2_trainees: qTrainees[1], q3_trainees: qTrainees[2], q4_trainees: qTrainees[3],
          created_at: new Date(`${year - 1}-12-01T02:00:00Z`), updated_at: new Date(`${year - 1}-12-01T02:00:00Z`),
        });

        const actualCourses = Math.max(1, Math.round(plannedCourses * pace * (0.92 + random.next() * 0.16)));
        const sizeFactor = (0.95 + random.next() * 0.1) * (plannedTrainees / (plannedCourses * meanSize));
        const schedule = Array.from({ length: actualCourses }, () => random.weighted(QUARTER_WEIGHTS)).sort();
        for (const quarter of schedule) {
          const n = (courseNumbers.get(program.code) ?? 0) + 1;
          courseNumbers.set(program.code, n);
          const [startDate, endDate] = courseDates(year, program.usualDays, quarter);
          const cancelled = random.chance(0.012);
          const size = cancelled ? 0 : Math.round(clamp(random.normal(meanSize * sizeFactor, meanSize * 0.15), 30, 140));
          const courseId = ++ids.course;
          const place =
            unit.kind === 'center'
              ? random.chance(0.8) ? `Hội trường ${unit.name}` : `Hội trường Ủy ban nhân dân ${randomCommune(unit.code, random.pick)}`
              : `Hội trường ${unit.name}`;
          data.courses.push({
            id: courseId, unit_id: unit.id, program_id: program.id,
            name: (COURSE_NAMES[program.code] ?? '{n}/{y}').replace('{n}', String(n)).replace('{y}', String(year)),
            start_date: startDate, end_date: endDate, place,
            capacity: cancelled ? meanSize : Math.min(150, Math.ceil((size + 5) / 10) * 10),
            status: cancelled ? 'cancelled' : 'finished',
            cancel_reason: cancelled ? 'Trùng lịch hội nghị của cấp ủy, chuyển sang khóa sau' : null,
            note: null, created_by: null, lock_version: 0,
            created_at: new Date(`${startDate}T01:00:00Z`), updated_at: new Date(`${endDate}T09:00:00Z`),
          });
          if (cancelled) continue;
          const unitShift = Math.round((pace - 1) * 20);
          for (const person of choosePeople(unit, program.code, year, size, startDate)) {
            person.busyUntil = endDate;
            const enrollmentId = ++ids.enrollment;
            const withdrawn = random.chance(0.012);
            let attendance: number | null;
            let score: number | null = null;
            let grade: string | null = null;
            let status: string;
            if (withdrawn) {
              attendance = Math.round(random.next() * 40) / 100;
              status = 'withdrawn';
            } else if (program.completionRule === 'score') {
              attendance = Math.round((0.85 + random.next() * 0.15) * 100) / 100;
              score = scoreFor(unitShift);
              grade = gradeOf(score);
              status = grade === 'fail' ? 'failed' : 'completed';
            } else {
              attendance = random.chance(0.94) ? Math.round((0.8 + random.next() * 0.2) * 100) / 100 : Math.round((0.4 + random.next() * 0.39) * 100) / 100;
              status = attendance >= program.minAttendance ? 'completed' : 'failed';
            }
            const sendingOrg =
              unit.kind === 'center'
                ? random.chance(0.6) ? `Chi bộ ${random.pick(VILLAGES)}, Đảng bộ ${randomCommune(unit.code, random.pick)}` : `Đảng bộ ${randomCommune(unit.code, random.pick)}`
                : random.pick(COMMITTEE_ORGS[unit.code] ?? [unit.name]);
            data.enrollments.push({
              id: enrollmentId, course_id: courseId, trainee_id: person.id, sending_org: sendingOrg,
              attendance, score, grade, status,
              withdraw_reason: withdrawn ? random.pick(WITHDRAW_REASONS) : null,
              withdrawn_at: withdrawn ? new Date(`${startDate}T08:00:00Z`) : null,
              import_batch_id: null, lock_version: 0,
              created_at: new Date(`${startDate}T01:00:00Z`), updated_at: new Date(`${endDate}T09:00:00Z`),
            });
            if (status === 'completed') {
              if (program.code === 'NTVD') person.didNtvd = true;
              if (program.credential) {
                pendingCertificates.push({ unit, enrollmentId, endDate });
                const years = completedByTrainee.get(person.id) ?? new Set<number>();
                years.add(year);
                completedByTrainee.set(person.id, years);
              }
            }
          }
        }
      }
    }
    // Numbers run per unit and year in the order the courses ended.
    pendingCertificates.sort((a, b) => (a.endDate < b.endDate ? -1 : a.endDate > b.endDate ? 1 : a.enrollmentId - b.enrollmentId));
    for (const { unit, enrollmentId, endDate } of pendingCertificates) {
      const seq = (counters.get(unit.id) ?? 0) + 1;
      counters.set(unit.id, seq);
      const issuedOn = iso(addDays(new Date(`${endDate}T00:00:00Z`), random.int(3, 10)));
      data.certificates.push({
        id: ++ids.certificate, enrollment_id: enrollmentId, unit_id: unit.id, year, seq,
        number: `${pad(seq, 4)}/${year}/GCN-${unit.symbol}`, issued_on: issuedOn,
        unit_name: unit.headerName, unit_parent_body: unit.parentBody,
        signer_name: unit.signerName, signer_title: unit.signerTitle, signer_authority: unit.signerAuthority,
        verify_code: verifyCode(random, verifyCodes), status: 'valid', replaces_id: null,
        revoke_reason: null, revoked_at: null, created_by: null, lock_version: 0,
        created_at: new Date(`${issuedOn}T02:00:00Z`), updated_at: new Date(`${issuedOn}T02:00:00Z`),
      });
    }
    for (const [unitId, lastSeq] of counters) {
      data.counters.push({ unit_id: unitId, year, last_seq: lastSeq, created_at: new Date(`${year}-12-31T00:00:00Z`), updated_at: new Date(`${year}-12-31T00:00:00Z`) });
    }
  }

  const unitById = new Map(units.map((u) => [u.id, u]));
  const featuredUnits = ['TTCTVL', 'TTCTVL', 'TTCTVG', 'TTCTKC'];
  for (const code of featuredUnits) {
    const person = data.trainees.find(
      (t) =>
        unitById.get(t.created_by_unit_id as number)?.code === code &&
        t.national_id !== null &&
        completedByTrainee.get(t.id as number)?.size === DEMO_YEARS.length &&
        !data.featuredTrainees.some((f) => f.traineeId === t.id),
    );
    if (person) data.featuredTrainees.push({ traineeId: person.id as number, unitCode: code, fullName: person.full_name as string });
  }
  return data;
}

const CODE_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
/** Lower-case letters and digits without look-alikes, so the code survives any collation and a phone call. */
function verifyCode(random: Random, taken: Set<string>): string {
  let code: string;
  do code = Array.from({ length: 16 }, () => CODE_ALPHABET[random.int(0, CODE_ALPHABET.length - 1)]).join('');
  while (taken.has(code));
  taken.add(code);
  return code;
}
