// The soak's mixed traffic: each of N workers loops until the deadline, picking one request by weight — pages,
// API reads, API enrollments, roster imports, roster PDFs — and records its status and time. Writes reserve their
// seats first (courses of 500 seats, a new one opened through the API when the current one is nearly full), so a
// refusal is never expected: any answer other than the one each kind should give is an error.
import { seededRandom } from '../../server/lib/random.js';
import { rosterXlsx, XLSX_TYPE } from '../helpers/imports.js';
import { realisticRoster } from '../helpers/rosters.js';

export type Kind = 'page' | 'api-read' | 'api-write' | 'import' | 'pdf';
const MIX: Array<[Kind, number]> = [['page', 40], ['api-read', 32], ['api-write', 22], ['import', 3], ['pdf', 3]];
const IMPORT_ROWS = 20;
const SEATS = 500;
const FILL_TO = 480;

export interface Tally {
  count: Record<Kind, number>;
  ms: Record<Kind, number[]>;
  errors: string[];
  errorCount: number;
  /** Enrollments the app said it made (201 answers, and the `created` of each import). */
  enrolled: number;
  courses: number[];
}

interface Session {
  base: string;
  token: string;
  cookies: string[];
}

let nextId = 0;
/** Unique 12-digit citizen IDs in the soak's fresh database: province code 010, then a counter. */
const nationalId = () => `01${String(++nextId).padStart(10, '0')}`;

class Courses {
  private current: { id: number; reserved: number } | null = null;
  private opening: Promise<void> | null = null;
  private seq = 0;
  constructor(private readonly session: Session, private readonly tally: Tally) {}

  /** A course with `n` seats set aside for the caller. */
  async reserve(n: number): Promise<number> {
    for (;;) {
      if (this.current && this.current.reserved + n <= FILL_TO) {
        this.current.reserved += n;
        return this.current.id;
      }
      this.opening ??= this.open().finally(() => (this.opening = null));
      await this.opening;
    }
  }

  private async open(): Promise<void> {
    const year = 2074 + (this.seq++ % 4);
    const res = await fetch(`${this.session.base}/api/v1/courses`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.session.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ programCode: 'NTVD', startDate: `${year}-03-02`, endDate: `${year}-03-13`, capacity: SEATS, place: 'Hội trường' }),
    });
    const body = (await res.json()) as { course?: { id: number } };
    if (res.status !== 201 || !body.course) throw new Error(`opening a course answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    this.current = { id: body.course.id, reserved: 0 };
    this.tally.courses.push(body.course.id);
  }

  /** One of the courses opened so far (for reads). */
  any(r: ReturnType<typeof seededRandom>): number | undefined {
    return this.tally.courses.length ? r.pick(this.tally.courses) : undefined;
  }
}

function pickKind(r: ReturnType<typeof seededRandom>): Kind {
  return r.weighted(MIX);
}

async function request(tally: Tally, kind: Kind, label: string, expected: number, send: () => Promise<Response>): Promise<Response | null> {
  const started = performance.now();
  try {
    const res = await send();
    const body = Buffer.from(await res.arrayBuffer());
    tally.count[kind]++;
    tally.ms[kind].push(performance.now() - started);
    if (res.status !== expected) {
      tally.errorCount++;
      if (tally.errors.length < 10) tally.errors.push(`${label}: ${res.status} ${body.toString('utf8', 0, 200)}`);
      return null;
    }
    return new Response(body, { status: res.status, headers: res.headers });
  } catch (err) {
    tally.errorCount++;
    if (tally.errors.length < 10) tally.errors.push(`${label}: ${(err as Error).message}`);
    return null;
  }
}

async function oneRequest(session: Session, courses: Courses, tally: Tally, r: ReturnType<typeof seededRandom>): Promise<void> {
  const kind = pickKind(r);
  const api = { Authorization: `Bearer ${session.token}` };
  const cookie = { Cookie: r.pick(session.cookies) };
  const course = courses.any(r) ?? (await courses.reserve(0));
  switch (kind) {
    case 'page': {
      const path = r.pick(['/', '/courses', `/courses/${course}`, `/courses/${course}/enrollments/new`]);
      await request(tally, kind, `GET ${path}`, 200, () => fetch(`${session.base}${path}`, { headers: cookie, redirect: 'manual' }));
      return;
    }
    case 'api-read': {
      const path = r.pick([`/api/v1/courses/${course}/enrollments`, `/api/v1/courses/${course}`, '/api/v1/courses', '/api/v1/me']);
      await request(tally, kind, `GET ${path}`, 200, () => fetch(`${session.base}${path}`, { headers: api }));
      return;
    }
    case 'api-write': {
      const into = await courses.reserve(1);
      const trainee = { fullName: `Nguyễn Văn Bền ${nextId}`, birthYear: 1980 + (nextId % 20), nationalId: nationalId() };
      const res = await request(tally, kind, `POST /api/v1/courses/${into}/enrollments`, 201, () =>
        fetch(`${session.base}/api/v1/courses/${into}/enrollments`, { method: 'POST', headers: { ...api, 'Content-Type': 'application/json' }, body: JSON.stringify({ trainee }) }),
      );
      if (res) tally.enrolled++;
      return;
    }
    case 'import': {
      const into = await courses.reserve(IMPORT_ROWS);
      const rows = realisticRoster(IMPORT_ROWS, nextId).map((row) => ({ ...row, nationalId: nationalId(), email: null }));
      const form = new FormData();
      form.append('file', new Blob([await rosterXlsx(rows)], { type: XLSX_TYPE }), 'danh-sach.xlsx');
      const res = await request(tally, kind, `POST /api/v1/courses/${into}/enrollments/import`, 201, () =>
        fetch(`${session.base}/api/v1/courses/${into}/enrollments/import`, { method: 'POST', headers: api, body: form }),
      );
      if (res) tally.enrolled += ((await res.json()) as { created: number; matched: number }).created;
      return;
    }
    case 'pdf': {
      const res = await request(tally, kind, `GET /courses/${course}/roster.pdf`, 200, () => fetch(`${session.base}/courses/${course}/roster.pdf`, { headers: cookie }));
      if (res && (await res.clone().text()).slice(0, 5) !== '%PDF-') {
        tally.errorCount++;
        tally.errors.push(`GET /courses/${course}/roster.pdf: not a PDF`);
      }
      return;
    }
  }
}

export function emptyTally(): Tally {
  const zero = () => ({ page: 0, 'api-read': 0, 'api-write': 0, import: 0, pdf: 0 });
  return { count: zero(), ms: { page: [], 'api-read': [], 'api-write': [], import: [], pdf: [] }, errors: [], errorCount: 0, enrolled: 0, courses: [] };
}

/** Runs `connections` workers until `deadline` (ms since the epoch). */
export async function runTraffic(session: Session, connections: number, deadline: number, tally: Tally): Promise<void> {
  const courses = new Courses(session, tally);
  await courses.reserve(0);
  await Promise.all(
    Array.from({ length: connections }, async (_, w) => {
      const r = seededRandom(1000 + w);
      while (Date.now() < deadline) await oneRequest(session, courses, tally, r);
    }),
  );
}
