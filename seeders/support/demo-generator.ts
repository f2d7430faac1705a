// Builds the demo data set in memory, deterministically, one year at a time: approved plans, about 300
// courses and 26,000 enrollments a year, results and certificates. Some units run ahead of their plan and
// some behind, so the board's "lagging" list has something to show. 2023 and 2024 are the years of the ten
// centers (generateDemo); later years (demo-later-years.ts) run on the same generator, so the people of
// 2023–2024 come back to the units that took over from their centers.
import { seededRandom, type Random } from '../../server/lib/random.js';
import { searchKey } from '../../server/lib/text.js';
import {
  AGENCY_POSITIONS,
  ALL_COMMUNES,
  COMMITTEE_ORGS,
  COMMUNE_POSITIONS,
  COMMUNES,
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

/** One unit's year: who it is (as named all through `window`: certificates print it), how much it trains and for whom. */
export interface UnitYear {
  unit: UnitRef;
  /** Which column of BASE_COURSES: a center's programme or a committee's smaller one. */
  programme: 'center' | 'committee';
  size: number;
  /** How far it runs ahead of (>1) or behind (<1) the plan in force. */
  pace: number;
  quarterly: boolean;
  /** `commune`: trainees come from the communes' Party cells; `agency`: from member organisations. */
  style: 'commune' | 'agency';
  /** Workplaces, sending organisations and course places (commune style); hometowns (both). */
  communes: readonly string[];
  orgs: readonly string[];
  positions: readonly string[];
  femaleShare: number;
  /** A unit that trained for part of the year: its first and last day. Courses end, and certificates are issued, inside it. */
  window?: { from: string; to: string };
  /** When the plan was approved; the month before the year by default. */
  planDecidedOn?: string;
  /** The whole-year plan amended to the window's share (a second version) once the unit's end was decided. */
  amendment?: { decidedOn: string; note: string };
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

export const profileOf = (code: string) => PROFILE[code] ?? { size: 1, pace: [1, 1] as [number, number], quarterly: false };

const QUARTER_WEIGHTS: ReadonlyArray<readonly [number, number]> = [[0, 20], [1, 30], [2, 25], [3, 25]];
const QUARTER_SHARES = [0.2, 0.3, 0.25, 0.25];
const WITHDRAW_REASONS = ['Bận công tác đột xuất', 'Ốm đau, nằm viện', 'Chuyển công tác', 'Hoàn cảnh gia đình khó khăn'];
/** Results are entered in the week after a course ends; until then it stays open. */
const RESULTS_AFTER_DAYS = 7;
/** A planned course has its roster once it is this close. */
const ROSTER_BEFORE_DAYS = 21;
/** Days after a course's end by which its certificates are out (issued 3–10 days after). */
const CERTIFICATE_MARGIN = 10;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);
const shiftIso = (day: string, days: number) => iso(addDays(new Date(`${day}T00:00:00Z`), days));
const minIso = (...days: Array<string | undefined>) => days.filter((d): d is string => !!d).sort()[0]!;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round10 = (v: number) => Math.max(10, Math.round(v / 10) * 10);
const DAY = 86_400_000;

/** The share of each quarter's days inside a window. */
function quarterOverlap(year: number, window: { from: string; to: string }): number[] {
  const from = Date.parse(`${window.from}T00:00:00Z`);
  const to = Date.parse(`${window.to}T00:00:00Z`);
  return [0, 1, 2, 3].map((q) => {
    const first = Date.UTC(year, q * 3, 1);
    const last = Date.UTC(year, q * 3 + 3, 0);
    const days = Math.max(0, Math.min(last, to) - Math.max(first, from)) / DAY + (Math.min(last, to) >= Math.max(first, from) ? 1 : 0);
    return days / ((last - first) / DAY + 1);
  });
}

/** The usual mix of centers and committees in 2023–2024, from the unit's kind and code. */
export function historicalUnitYear(unit: UnitRef, yearIndex: number): UnitYear {
  const profile = profileOf(unit.code);
  const center = unit.kind === 'center';
  return {
    unit,
    programme: center ? 'center' : 'committee',
    size: profile.size,
    pace: profile.pace[yearIndex] ?? 1,
    quarterly: profile.quarterly,
    style: center ? 'commune' : 'agency',
    communes: center ? (COMMUNES[unit.code] ?? ALL_COMMUNES) : ALL_COMMUNES,
    orgs: COMMITTEE_ORGS[unit.code] ?? [unit.name],
    positions: center ? COMMUNE_POSITIONS : unit.code === 'DUQS' || unit.code === 'DUCA' ? FORCE_POSITIONS : AGENCY_POSITIONS,
    femaleShare: !center && unit.code !== 'DUKCCQ' ? 0.2 : 0.42,
  };
}

interface Person {
  id: number;
  row: Row;
  busyUntil: string;
  didNtvd: boolean;
  inDvm: boolean;
}

export interface DemoGenerator {
  data: DemoData;
  /** One year for these units. `today` (the demo's date): courses after it are planned, courses under way open. */
  runYear(year: number, units: UnitYear[], options?: { today?: string }): void;
  /** A unit that takes over others' work draws on their people too. */
  inheritPeople(code: string, fromCodes: string[]): void;
  /** Trainees up to an id whose record changed since the last call (a mass joining the Party before DVM). */
  changedTrainees(upToTraineeId: number): Row[];
  featured(units: UnitRef[]): DemoData['featuredTrainees'];
}

export function createDemoGenerator(programs: ProgramRef[], seed = 20240101): DemoGenerator {
  const random = seededRandom(seed);
  const data: DemoData = { plans: [], targets: [], courses: [], trainees: [], enrollments: [], certificates: [], counters: [], featuredTrainees: [] };
  const nationalIds = new Set<string>();
  const pools = new Map<string, Person[]>();
  const ids = { plan: 0, target: 0, course: 0, trainee: 0, enrollment: 0, certificate: 0 };
  const completedByTrainee = new Map<number, Set<number>>();
  const verifyCodes = new Set<string>();
  const changed = new Set<Person>();

  const newPerson = (entry: UnitYear, programCode: string, year: number, createdOn: string): Person => {
    const { unit } = entry;
    const female = random.chance(programCode === 'NTVD' ? 0.55 : entry.femaleShare);
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
    const commune = random.pick(entry.communes);
    const party = programCode === 'NTVD' ? 'masses' : programCode === 'DVM' ? 'probationary' : random.chance(0.85) ? 'official' : 'masses';
    const joined = party === 'masses' ? null : `${year - (party === 'probationary' ? 0 : random.int(2, 25))}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`;
    const workplace = entry.style === 'commune' ? `Ủy ban nhân dân ${commune}` : random.pick(entry.orgs).replace(/^(Đảng bộ|Chi bộ) /, '');
    const position = random.pick(entry.positions);
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
      created_at: new Date(`${createdOn}T00:00:00Z`),
      updated_at: new Date(`${createdOn}T00:00:00Z`),
    };
    data.trainees.push(row);
    const person: Person = { id, row, busyUntil: '', didNtvd: false, inDvm: false };
    const pool = pools.get(unit.code) ?? [];
    pool.push(person);
    pools.set(unit.code, pool);
    return person;
  };

  /** Picks who sits in a course: returning people where it makes sense (NTVD → DVM), new ones otherwise. */
  const choosePeople = (entry: UnitYear, programCode: string, year: number, size: number, start: string, createdOn: string): Person[] => {
    const pool = pools.get(entry.unit.code) ?? [];
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
    while (chosen.size < size) chosen.add(newPerson(entry, programCode, year, createdOn));
    for (const person of chosen) {
      if (programCode === 'DVM' && person.didNtvd && person.row.party_status === 'masses') {
        person.row.party_status = 'probationary';
        person.row.party_joined_on = `${year}-${start.slice(5, 7)}-01`;
        changed.add(person);
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

  const calendarDaysOf = (days: number) => (days <= 2 ? days - 1 : Math.ceil((days * 7) / 5) - 1);
  // No course starts on a weekend, nor in the weeks around Tết.
  const badStart = (start: Date) =>
    start.getUTCDay() === 0 || start.getUTCDay() === 6 || (start.getUTCMonth() === 0 && start.getUTCDate() > 12) || (start.getUTCMonth() === 1 && start.getUTCDate() < 20);

  /** The first and last possible start in a quarter, inside a window with room for the course and its certificates; null when none. */
  const startRange = (year: number, days: number, quarter: number, window?: { from: string; to: string }): [number, number] | null => {
    const first = Date.UTC(year, quarter * 3, 1);
    const last = Date.UTC(year, quarter * 3 + 3, 0) - 10 * DAY;
    if (!window) return [first, last];
    const from = Math.max(first, Date.parse(`${window.from}T00:00:00Z`));
    const to = Math.min(last, Date.parse(`${window.to}T00:00:00Z`) - (calendarDaysOf(days) + CERTIFICATE_MARGIN) * DAY);
    for (let d = from; d <= to; d += DAY) if (!badStart(new Date(d))) return [from, to];
    return null;
  };

  const courseDates = (year: number, days: number, quarter: number, window?: { from: string; to: string }): [string, string] => {
    const [first, last] = startRange(year, days, quarter, window)!;
    let start: Date;
    do start = new Date(first + random.int(0, Math.round((last - first) / DAY)) * DAY);
    while (badStart(start));
    let end = addDays(start, calendarDaysOf(days));
    if (end.getUTCFullYear() > year) end = new Date(Date.UTC(year, 11, 30));
    return [iso(start), iso(end)];
  };

  /** Quarter targets: the year's total split by the usual shares (of the quarters in the window), the rest in the largest. */
  const split = (total: number, shares: number[]) => {
    const parts = shares.map((s) => Math.floor(total * s));
    const largest = shares.indexOf(Math.max(...shares));
    parts[largest]! += total - parts.reduce((a, b) => a + b, 0);
    return parts;
  };

  const planRow = (unitId: number, year: number, version: number, amends: number | null, note: string | null, decidedOn: string): Row => {
    const decided = new Date(`${decidedOn}T02:00:00Z`);
    return {
      id: ++ids.plan, unit_id: unitId, year, version, status: 'approved', amends_plan_id: amends,
      note, return_reason: null,
      submitted_at: addDays(decided, -10), submitted_by: null,
      decided_at: decided, decided_by: null, created_by: null, lock_version: 2,
      created_at: addDays(decided, -19), updated_at: decided,
    };
  };
  const targetRow = (planId: number, programId: number, courses: number, trainees: number, q: Array<number | null>, qt: Array<number | null>, at: Date): Row => ({
    id: ++ids.target, plan_id: planId, program_id: programId,
    planned_courses: courses, planned_trainees: trainees,
    q1_courses: q[0], q2_courses: q[1], q3_courses: q[2], q4_courses: q[3],
    q1_trainees: qt[0], q2_trainees: qt[1], q3_trainees: qt[2], q4_trainees: qt[3],
    created_at: at, updated_at: at,
  });

  function runYear(year: number, entries: UnitYear[], options: { today?: string } = {}): void {
    const { today } = options;
    const counters = new Map<number, number>();
    const pendingCertificates: Array<{ unit: UnitRef; enrollmentId: number; endDate: string; lastDay: string | undefined }> = [];
    for (const entry of entries) {
      const { unit, window, amendment } = entry;
      const pace = entry.pace;
      const overlap = window ? quarterOverlap(year, window) : null;
      const windowShares = overlap ? QUARTER_SHARES.map((s, q) => s * overlap[q]!) : null;
      const share = windowShares ? windowShares.reduce((a, b) => a + b, 0) : 1;
      const plan = planRow(unit.id, year, 1, null, null, entry.planDecidedOn ?? `${year - 1}-12-20`);
      data.plans.push(plan);
      const amended = amendment ? planRow(unit.id, year, 2, plan.id as number, amendment.note, amendment.decidedOn) : null;
      if (amended) data.plans.push(amended);
      const courseNumbers = new Map<string, number>();
      for (const program of programs) {
        const base = BASE_COURSES[program.code]?.[entry.programme === 'center' ? 0 : 1] ?? 1;
        // A plan made for part of the year plans that part; an amended one first planned the whole year.
        const planShare = window && !amendment ? share : 1;
        const yearCourses = Math.max(0, Math.round(base * entry.size * planShare + random.normal(0, 0.4)));
        if (yearCourses === 0) continue;
        const meanSize = CLASS_SIZE[program.code] ?? 80;
        const yearTrainees = round10(yearCourses * meanSize);
        const quarterShares = windowShares && !amendment ? windowShares.map((s) => s / share) : QUARTER_SHARES;
        const quarterly = (total: number, shares: number[]) =>
          !entry.quarterly ? [null, null, null, null] : windowShares || shares !== QUARTER_SHARES ? split(total, shares) : splitUsual(total);
        data.targets.push(
          targetRow(plan.id as number, program.id, yearCourses, yearTrainees, quarterly(yearCourses, quarterShares), quarterly(yearTrainees, quarterShares), plan.created_at as Date),
        );
        let plannedCourses = yearCourses;
        let plannedTrainees = yearTrainees;
        if (amended) {
          plannedCourses = Math.round(yearCourses * share);
          plannedTrainees = plannedCourses === 0 ? 0 : round10(plannedCourses * meanSize);
          const shares = windowShares!.map((s) => s / share);
          data.targets.push(
            targetRow(amended.id as number, program.id, plannedCourses, plannedTrainees, quarterly(plannedCourses, shares), quarterly(plannedTrainees, shares), amended.created_at as Date),
          );
          if (plannedCourses === 0) continue;
        }

        const actualCourses = Math.max(1, Math.round(plannedCourses * pace * (0.92 + random.next() * 0.16)));
        const sizeFactor = (0.95 + random.next() * 0.1) * (plannedTrainees / (plannedCourses * meanSize));
        const weights = window
          ? QUARTER_WEIGHTS.filter(([q]) => overlap![q]! > 0 && startRange(year, program.usualDays, q, window)).map(([q, w]) => [q, w * overlap![q]!] as const)
          : QUARTER_WEIGHTS;
        if (weights.length === 0) continue;
        const schedule = Array.from({ length: actualCourses }, () => random.weighted(weights)).sort();
        for (const quarter of schedule) {
          const n = (courseNumbers.get(program.code) ?? 0) + 1;
          courseNumbers.set(program.code, n);
          const [startDate, endDate] = courseDates(year, program.usualDays, quarter, window);
          const phase = !today || endDate < shiftIso(today, -RESULTS_AFTER_DAYS) ? 'done' : startDate <= today ? 'running' : 'planned';
          const cancelled = random.chance(0.012);
          const drawnSize = cancelled ? 0 : Math.round(clamp(random.normal(meanSize * sizeFactor, meanSize * 0.15), 30, 140));
          const size = phase === 'planned' && startDate > shiftIso(today!, ROSTER_BEFORE_DAYS) ? 0 : drawnSize;
          const courseId = ++ids.course;
          const place =
            entry.style === 'commune'
              ? random.chance(0.8) ? `Hội trường ${unit.name}` : `Hội trường Ủy ban nhân dân ${random.pick(entry.communes)}`
              : `Hội trường ${unit.name}`;
          // Courses of the demo's own year were entered two weeks ahead, never after its "today".
          const createdOn = today ? minIso(shiftIso(startDate, -14), today) : startDate;
          data.courses.push({
            id: courseId, unit_id: unit.id, program_id: program.id,
            name: (COURSE_NAMES[program.code] ?? '{n}/{y}').replace('{n}', String(n)).replace('{y}', String(year)),
            start_date: startDate, end_date: endDate, place,
            capacity: cancelled ? meanSize : Math.min(150, Math.ceil((drawnSize + 5) / 10) * 10),
            status: cancelled ? 'cancelled' : phase === 'done' ? 'finished' : phase === 'running' ? 'open' : 'planned',
            cancel_reason: cancelled ? 'Trùng lịch hội nghị của cấp ủy, chuyển sang khóa sau' : null,
            note: null, created_by: null, lock_version: 0,
            created_at: new Date(`${createdOn}T01:00:00Z`),
            updated_at: new Date(phase === 'done' ? `${endDate}T09:00:00Z` : `${createdOn}T01:00:00Z`),
          });
          if (cancelled) continue;
          const unitShift = Math.round((pace - 1) * 20);
          const enrolledOn = today ? minIso(startDate, today) : startDate;
          for (const person of choosePeople(entry, program.code, year, size, startDate, window?.from ?? `${year}-01-02`)) {
            person.busyUntil = endDate;
            const enrollmentId = ++ids.enrollment;
            const withdrawn = phase !== 'planned' && random.chance(0.012);
            let attendance: number | null = null;
            let score: number | null = null;
            let grade: string | null = null;
            let status = 'enrolled';
            if (withdrawn) {
              attendance = Math.round(random.next() * 40) / 100;
              status = 'withdrawn';
            } else if (phase !== 'done') {
              // Under way or ahead: no result yet.
            } else if (program.completionRule === 'score') {
              // A scored program also needs its minimum attendance (0.8 as seeded; issue #11): every scored
              // demo trainee attended 85–100 %, so the grade alone decides the status below.
              attendance = Math.round((0.85 + random.next() * 0.15) * 100) / 100;
              score = scoreFor(unitShift);
              grade = gradeOf(score);
              status = grade === 'fail' ? 'failed' : 'completed';
            } else {
              attendance = random.chance(0.94) ? Math.round((0.8 + random.next() * 0.2) * 100) / 100 : Math.round((0.4 + random.next() * 0.39) * 100) / 100;
              status = attendance >= program.minAttendance ? 'completed' : 'failed';
            }
            const sendingOrg =
              entry.style === 'commune'
                ? random.chance(0.6) ? `Chi bộ ${random.pick(VILLAGES)}, Đảng bộ ${random.pick(entry.communes)}` : `Đảng bộ ${random.pick(entry.communes)}`
                : random.pick(entry.orgs);
            data.enrollments.push({
              id: enrollmentId, course_id: courseId, trainee_id: person.id, sending_org: sendingOrg,
              attendance, score, grade, status,
              withdraw_reason: withdrawn ? random.pick(WITHDRAW_REASONS) : null,
              withdrawn_at: withdrawn ? new Date(`${startDate}T08:00:00Z`) : null,
              import_batch_id: null, lock_version: 0,
              created_at: new Date(`${enrolledOn}T01:00:00Z`),
              updated_at: new Date(phase === 'done' ? `${endDate}T09:00:00Z` : `${enrolledOn}T01:00:00Z`),
            });
            if (status === 'completed') {
              if (program.code === 'NTVD') person.didNtvd = true;
              if (program.credential) {
                pendingCertificates.push({ unit, enrollmentId, endDate, lastDay: window?.to });
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
    for (const { unit, enrollmentId, endDate, lastDay } of pendingCertificates) {
      const seq = (counters.get(unit.id) ?? 0) + 1;
      counters.set(unit.id, seq);
      // Numbered by the year of issue, as the service numbers them: a course ending on 30 December is certified by the 31st.
      const issuedOn = minIso(iso(addDays(new Date(`${endDate}T00:00:00Z`), random.int(3, 10))), lastDay, today, `${year}-12-31`);
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
    const closedOn = minIso(`${year}-12-31`, today);
    for (const [unitId, lastSeq] of counters) {
      data.counters.push({ unit_id: unitId, year, last_seq: lastSeq, created_at: new Date(`${closedOn}T00:00:00Z`), updated_at: new Date(`${closedOn}T00:00:00Z`) });
    }
  }

  return {
    data,
    runYear,
    inheritPeople(code, fromCodes) {
      pools.set(code, [...(pools.get(code) ?? []), ...fromCodes.flatMap((c) => pools.get(c) ?? [])]);
    },
    changedTrainees(upToTraineeId) {
      const rows = [...changed].filter((p) => p.id <= upToTraineeId).map((p) => p.row);
      changed.clear();
      return rows;
    },
    featured(units) {
      const unitById = new Map(units.map((u) => [u.id, u]));
      const featured: DemoData['featuredTrainees'] = [];
      for (const code of ['TTCTVL', 'TTCTVL', 'TTCTVG', 'TTCTKC']) {
        const person = data.trainees.find(
          (t) =>
            unitById.get(t.created_by_unit_id as number)?.code === code &&
            t.national_id !== null &&
            completedByTrainee.get(t.id as number)?.size === DEMO_YEARS.length &&
            !featured.some((f) => f.traineeId === t.id),
        );
        if (person) featured.push({ traineeId: person.id as number, unitCode: code, fullName: person.full_name as string });
      }
      return featured;
    },
  };
}

/** The 2023–2024 split of a year's target: 20/30/25/25 by quarter, the rounding left in the second. */
function splitUsual(total: number): number[] {
  const parts = QUARTER_SHARES.map((s) => Math.floor(total * s));
  parts[1]! += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

/** The centers' years, 2023 and 2024, for every unit but the board. */
export function runHistoricalYears(generator: DemoGenerator, units: UnitRef[]): void {
  for (const [yearIndex, year] of DEMO_YEARS.entries()) {
    generator.runYear(year, units.filter((u) => u.kind !== 'board').map((u) => historicalUnitYear(u, yearIndex)));
  }
}

export function generateDemo(units: UnitRef[], programs: ProgramRef[], seed = 20240101): DemoData {
  const generator = createDemoGenerator(programs, seed);
  runHistoricalYears(generator, units);
  generator.data.featuredTrainees = generator.featured(units);
  return generator.data;
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
