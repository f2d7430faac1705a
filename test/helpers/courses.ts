// Helpers for the course, trainee and enrollment tests: dated courses relative to today, signed-in center staff,
// API calls with a token.
import supertest from 'supertest';
import type { App } from '../../server/app.js';
import type { Course } from '../../server/db/models.js';
import { todayInVietnam } from '../../server/lib/format.js';
import { makeCourse, makeToken, makeUser } from './factories.js';
import { csrfFrom, signIn, type Agent } from './http.js';

/** Today in Vietnam, moved by whole days, as YYYY-MM-DD. */
export function daysFromToday(days: number): string {
  const d = new Date(`${todayInVietnam()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

type CourseOptions = { unitCode?: string; programCode?: string; capacity?: number; name?: string };

/** In progress: started two days ago, ends in two days. */
export const makeOpenCourse = (o: CourseOptions = {}): Promise<Course> =>
  makeCourse({ ...o, startDate: daysFromToday(-2), endDate: daysFromToday(2), status: 'open' });

/** Ended yesterday, not yet finished. */
export const makeEndedCourse = (o: CourseOptions = {}): Promise<Course> =>
  makeCourse({ ...o, startDate: daysFromToday(-6), endDate: daysFromToday(-1), status: 'open' });

/** Starts in a month. */
export const makePlannedCourse = (o: CourseOptions = {}): Promise<Course> =>
  makeCourse({ ...o, startDate: daysFromToday(30), endDate: daysFromToday(34), status: 'planned' });

/** A signed-in staff member of a unit (Văn Lâm by default), or the board. */
export async function staffAgent(app: App, unitCode = 'TTCTVL'): Promise<Agent> {
  const user = unitCode === 'BTGTU' ? await makeUser({ role: 'admin' }) : await makeUser({ role: 'center', unitCode });
  return signIn(app, user.username);
}

/** A bearer token for staff of a unit (or the board). */
export async function staffToken(unitCode = 'TTCTVL'): Promise<string> {
  const user = unitCode === 'BTGTU' ? await makeUser({ role: 'admin' }) : await makeUser({ role: 'center', unitCode });
  return makeToken(user);
}

/** JSON calls with a bearer token. */
export function apiClient(app: App, token: string) {
  const auth = { Authorization: `Bearer ${token}` };
  return {
    get: (path: string) => supertest(app).get(`/api/v1${path}`).set(auth),
    post: (path: string, body: unknown) => supertest(app).post(`/api/v1${path}`).set(auth).send(body as object),
    patch: (path: string, body: unknown) => supertest(app).patch(`/api/v1${path}`).set(auth).send(body as object),
  };
}

/** POSTs a form with the CSRF token of the page it lives on (so the form is also checked to render). */
export async function submitFrom(agent: Agent, page: string, path: string, body: Record<string, unknown>) {
  const res = await agent.get(page);
  if (res.status !== 200) throw new Error(`GET ${page} answered ${res.status}`);
  return agent.post(path).type('form').send({ ...body, _csrf: csrfFrom(res.text) });
}
