// The trainees list page: the people the actor's unit works with (everyone for the board), filtered and sorted,
// a page at a time. Finding one person across the province is the search (trainee-search.service.ts).
import { Op, QueryTypes } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { Trainee, Unit } from '../db/models.js';
import { pageInfo, pageWindow, type PageInfo } from '../http/pagination.js';
import { maskNationalId, searchKey } from '../lib/text.js';
import type { Gender, PartyStatus } from './trainee.model.js';
import type { TraineeSort } from './trainees.schema.js';
import { traineeScopeSql } from './trainees.service.js';

export const FIND_PER_PAGE = 30;

export interface TraineeFilter {
  /** Words of the name (each starts a word of it, accents ignored), or a whole 12-digit citizen ID. */
  name?: string;
  /** The board only: people the unit entered or who studied in one of its courses. */
  unitCode?: string;
  birthYear?: number;
  gender?: Gender;
  partyStatus?: PartyStatus;
  sort: TraineeSort;
  dir: 'asc' | 'desc';
  page: number;
}

export interface FoundTrainee {
  id: number;
  fullName: string;
  birthYear: number | null;
  gender: Gender | null;
  nationalIdMasked: string | null;
  partyStatus: PartyStatus | null;
  workplace: string | null;
  lastCourseDate: string | null;
}

const ORDER: Record<TraineeSort, (dir: string) => string> = {
  newest: (dir) => `t.id ${dir}`,
  name: (dir) => `t.search_name ${dir}, t.id ${dir}`,
  // People without the value come last either way.
  birthYear: (dir) => `CASE WHEN t.birth_year IS NULL THEN 1 ELSE 0 END, t.birth_year ${dir}, t.search_name, t.id`,
  lastCourse: (dir) => `CASE WHEN last_course IS NULL THEN 1 ELSE 0 END, last_course ${dir}, t.search_name, t.id`,
};

async function filterSql(actor: Actor, filter: TraineeFilter): Promise<{ sql: string; replacements: Record<string, unknown> }> {
  const scope = traineeScopeSql(actor, 't');
  const parts = ['t.merged_into_id IS NULL'];
  const replacements: Record<string, unknown> = { ...scope.replacements };
  const compact = (filter.name ?? '').replace(/[\s.-]/g, '');
  if (/^\d{12}$/.test(compact)) {
    parts.push('t.national_id = :nationalId');
    replacements.nationalId = compact;
  } else if (filter.name) {
    const words = searchKey(filter.name).split(' ').map((w) => w.replace(/[^a-z0-9]/g, '')).filter(Boolean).slice(0, 6);
    words.forEach((w, i) => {
      parts.push(`(t.search_name LIKE :n${i}a OR t.search_name LIKE :n${i}b)`);
      Object.assign(replacements, { [`n${i}a`]: `${w}%`, [`n${i}b`]: `% ${w}%` });
    });
  }
  if (filter.unitCode && actor.role === 'admin') {
    const unit = await Unit.findOne({ attributes: ['id'], where: { code: filter.unitCode.toUpperCase() } });
    parts.push('(t.created_by_unit_id = :unitId OR EXISTS (SELECT 1 FROM enrollments ue JOIN courses uc ON uc.id = ue.course_id WHERE ue.trainee_id = t.id AND uc.unit_id = :unitId))');
    replacements.unitId = unit?.id ?? 0;
  }
  if (filter.birthYear) {
    parts.push('t.birth_year = :birthYear');
    replacements.birthYear = filter.birthYear;
  }
  if (filter.gender) {
    parts.push('t.gender = :gender');
    replacements.gender = filter.gender;
  }
  if (filter.partyStatus) {
    parts.push('t.party_status = :partyStatus');
    replacements.partyStatus = filter.partyStatus;
  }
  return { sql: parts.join(' AND ') + scope.sql, replacements };
}

export async function findTrainees(actor: Actor, filter: TraineeFilter): Promise<{ trainees: FoundTrainee[]; pager: PageInfo }> {
  const where = await filterSql(actor, filter);
  const sequelize = Trainee.sequelize!;
  const [countRow] = await sequelize.query<{ n: number }>(`SELECT COUNT(*) AS "n" FROM trainees t WHERE ${where.sql}`, {
    replacements: where.replacements,
    type: QueryTypes.SELECT,
  });
  const total = Number(countRow?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / FIND_PER_PAGE));
  const page = Math.min(filter.page, pages);
  const { limit, offset } = pageWindow(page, FIND_PER_PAGE);
  const dir = filter.dir === 'asc' ? 'ASC' : 'DESC';
  const rows = await sequelize.query<Record<string, unknown>>(
    `SELECT * FROM (
       SELECT t.id AS "id", t.full_name AS "fullName", t.birth_year AS "birthYear", t.gender AS "gender", t.national_id AS "nationalId",
              t.party_status AS "partyStatus", t.workplace AS "workplace", t.search_name, t.birth_year,
              (SELECT MAX(lc.start_date) FROM enrollments le JOIN courses lc ON lc.id = le.course_id WHERE le.trainee_id = t.id) AS last_course
         FROM trainees t WHERE ${where.sql}) t
      ORDER BY ${ORDER[filter.sort](dir)} LIMIT ${limit} OFFSET ${offset}`,
    { replacements: where.replacements, type: QueryTypes.SELECT },
  );
  return {
    trainees: rows.map((r) => ({
      id: Number(r.id),
      fullName: String(r.fullName),
      birthYear: r.birthYear === null ? null : Number(r.birthYear),
      gender: (r.gender as Gender | null) ?? null,
      nationalIdMasked: maskNationalId(r.nationalId as string | null),
      partyStatus: (r.partyStatus as PartyStatus | null) ?? null,
      workplace: (r.workplace as string | null) ?? null,
      lastCourseDate: r.last_course ? String(r.last_course).slice(0, 10) : null,
    })),
    pager: pageInfo(total, page, FIND_PER_PAGE),
  };
}

/** The units the board may filter the list by (a center's list is its own). */
export async function traineeListUnits(actor: Actor): Promise<Array<{ code: string; name: string }>> {
  if (actor.role !== 'admin') return [];
  const units = await Unit.findAll({ where: { kind: { [Op.ne]: 'board' } }, order: [['sortOrder', 'ASC']], attributes: ['code', 'name'] });
  return units.map((u) => ({ code: u.code, name: u.name }));
}
