// The course list: the actor's scope and the filters, a page at a time (or all of them, for exports).
import { Op, type WhereOptions } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { unitScope } from '../auth/scope.js';
import { Course, Program, Unit } from '../db/models.js';
import { pageInfo, pageWindow, type PageInfo } from '../http/pagination.js';
import { todayInVietnam } from '../lib/format.js';
import { searchKey } from '../lib/text.js';
import type { CourseStatus } from './course.model.js';
import { emptyCounts } from './course-status.js';
import { courseCounts, courseRefs, summarize, type CourseSummary, type CourseWithRefs } from './course-view.js';

export const COURSES_PER_PAGE = 20;

export interface CourseFilter {
  year?: number;
  programCode?: string;
  status?: CourseStatus;
  /** The board only; ignored for a center. */
  unitCode?: string;
  /** Words of the name, accents and case ignored; each must start a word of the name. */
  q?: string;
  page: number;
}

/** The list's `where`: the actor's scope and the filters (planned/open by the start date, as the status is shown). */
async function courseWhere(actor: Actor, filter: Omit<CourseFilter, 'page'>, today: string): Promise<WhereOptions<Course>> {
  const where: Record<string | symbol, unknown> = { ...unitScope(actor) };
  const and: unknown[] = nameWords(filter.q);
  if (filter.year) where.startDate = { [Op.between]: [`${filter.year}-01-01`, `${filter.year}-12-31`] };
  if (filter.programCode) {
    const program = await Program.findOne({ where: { code: filter.programCode.toUpperCase() } });
    where.programId = program?.id ?? 0;
  }
  if (filter.unitCode && actor.role === 'admin') {
    const unit = await Unit.findOne({ where: { code: filter.unitCode.toUpperCase() } });
    where.unitId = unit?.id ?? 0;
  }
  if (filter.status === 'planned' || filter.status === 'open') {
    const dates = filter.status === 'planned' ? { [Op.gt]: today } : { [Op.lte]: today };
    and.push({ status: ['planned', 'open'] }, { startDate: dates });
  } else if (filter.status) {
    where.status = filter.status;
  }
  if (and.length) where[Op.and] = and;
  return where as WhereOptions<Course>;
}

/** "boi duong 2078" → each word must start a word of the folded name (as the trainee search does). */
function nameWords(q: string | undefined): unknown[] {
  if (!q) return [];
  const words = searchKey(q)
    .split(' ')
    .map((w) => w.replace(/[^a-z0-9]/g, ''))
    .filter(Boolean)
    .slice(0, 6);
  return words.map((w) => ({ [Op.or]: [{ searchName: { [Op.like]: `${w}%` } }, { searchName: { [Op.like]: `% ${w}%` } }] }));
}

export async function listCourses(actor: Actor, filter: CourseFilter): Promise<{ courses: CourseSummary[]; pager: PageInfo }> {
  const today = todayInVietnam();
  const where = await courseWhere(actor, filter, today);
  const { limit, offset } = pageWindow(filter.page, COURSES_PER_PAGE);
  const { rows, count } = await Course.findAndCountAll({
    where,
    include: courseRefs,
    order: [['startDate', 'DESC'], ['id', 'DESC']],
    limit,
    offset,
  });
  const counts = await courseCounts(rows.map((c) => c.id));
  const courses = (rows as CourseWithRefs[]).map((c) => summarize(c, c.unit!, c.program!, counts.get(c.id) ?? emptyCounts(), today));
  return { courses, pager: pageInfo(count, filter.page, COURSES_PER_PAGE) };
}

/** Every course of the list with these filters, in the list's order: for exports (a few thousand at most). */
export async function listAllCourses(actor: Actor, filter: Omit<CourseFilter, 'page'>): Promise<CourseSummary[]> {
  const today = todayInVietnam();
  const rows = (await Course.findAll({ where: await courseWhere(actor, filter, today), include: courseRefs, order: [['startDate', 'DESC'], ['id', 'DESC']] })) as CourseWithRefs[];
  const counts = await courseCounts(rows.map((c) => c.id));
  return rows.map((c) => summarize(c, c.unit!, c.program!, counts.get(c.id) ?? emptyCounts(), today));
}
