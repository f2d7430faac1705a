// The to-do list of the home page (issue #13 item 2): what waits for the signed-in person, each item with the
// page where it is done. Counts come from todo.queries.ts; the board's lagging units and units without an
// approved plan come from the progress report itself (reports' own lagging rule), on the home page only.
import type { Sequelize } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { todayInVietnam } from '../lib/format.js';
import { progressReport } from '../reports/index.js';
import { countTodo, courseLinks, type CourseLink, type TodoCounts } from './todo.queries.js';

export interface TodoItem {
  key: string;
  count: number;
  href: string;
  /** Named records behind the count (units, courses), each with its own link. */
  links?: Array<{ href: string; label: string }>;
}

export interface TodoList {
  items: TodoItem[];
  /** What the menu badge shows: the sum of the counted items (todo.queries.ts). */
  total: number;
  year: number;
  /** Whether any item has something waiting (the board's lagging lines are not in the badge's total). */
  any: boolean;
}

/** The menu badge's number: one statement, for every HTML page a signed-in person opens. */
export function badgeTotal(counts: TodoCounts): number {
  const { role: _role, ...values } = counts;
  return Object.values(values).reduce((sum, n) => sum + n, 0);
}

export function todoCounts(sequelize: Sequelize, actor: Actor, now: Date = new Date()): Promise<TodoCounts> {
  return countTodo(sequelize, actor, todayInVietnam(now), now);
}

const courseItems = (links: CourseLink[]) => links.map((c) => ({ href: `/courses/${c.id}`, label: c.name }));

/**
 * The full list for the home page. `year` and `asOf` choose the plan year the board's lagging check reads
 * (default: this year, as of today); `counts` may be passed when the request already computed them.
 */
export async function todoList(
  sequelize: Sequelize,
  actor: Actor,
  options: { year?: number; asOf?: string; counts?: TodoCounts; now?: Date } = {},
): Promise<TodoList> {
  const list = await itemsFor(sequelize, actor, options);
  return { ...list, any: list.items.some((i) => i.count > 0) };
}

async function itemsFor(
  sequelize: Sequelize,
  actor: Actor,
  options: { year?: number; asOf?: string; counts?: TodoCounts; now?: Date },
): Promise<Omit<TodoList, 'any'>> {
  const today = todayInVietnam(options.now);
  const year = options.year ?? Number(today.slice(0, 4));
  const counts = options.counts ?? (await todoCounts(sequelize, actor, options.now));
  const total = badgeTotal(counts);
  if (counts.role === 'trainee') {
    return {
      year,
      total,
      items: [
        { key: 'certificates', count: counts.certificates, href: '/me#certificates' },
        { key: 'answers', count: counts.answers, href: '/me#requests' },
      ],
    };
  }
  if (counts.role === 'center') {
    const courses = await courseLinks(sequelize, actor, today);
    return {
      year,
      total,
      items: [
        { key: 'returnedPlans', count: counts.returnedPlans, href: '/plans' },
        { key: 'urgings', count: counts.urgings, href: '/urgings' },
        { key: 'corrections', count: counts.corrections, href: '/corrections?status=open' },
        { key: 'coursesWithoutResults', count: counts.coursesWithoutResults, href: '/courses', links: courseItems(courses.withoutResults) },
        { key: 'coursesWithoutCertificates', count: counts.coursesWithoutCertificates, href: '/courses', links: courseItems(courses.withoutCertificates) },
        { key: 'traineesWithoutAccounts', count: counts.traineesWithoutAccounts, href: '/accounts' },
      ],
    };
  }
  const report = await progressReport(actor, { year, ...(options.asOf ? { asOf: options.asOf } : {}) });
  const lagging = report.units.filter((u) => u.lagging);
  const unplanned = report.unplanned?.units ?? [];
  return {
    year,
    total,
    items: [
      { key: 'submittedPlans', count: counts.submittedPlans, href: `/plans?year=${year}` },
      { key: 'lagging', count: lagging.length, href: `/reports?year=${year}`, links: lagging.map((u) => ({ href: `/reports/units/${encodeURIComponent(u.unitCode)}?year=${year}`, label: u.unitName })) },
      { key: 'unplanned', count: unplanned.length, href: `/plans?year=${year}`, links: unplanned.map((u) => ({ href: `/plans?year=${year}`, label: u.unitName })) },
      { key: 'urgingsUnacknowledged', count: counts.urgingsUnacknowledged, href: '/urgings' },
      { key: 'yearCorrections', count: counts.yearCorrections, href: '/year-corrections?status=pending' },
      { key: 'corrections', count: counts.corrections, href: '/corrections?status=open' },
    ],
  };
}
