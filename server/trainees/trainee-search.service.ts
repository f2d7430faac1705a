// Finding a person across the province (to reuse them rather than enter them twice): an exact citizen ID, or
// the words of a name, accents ignored, with an optional birth year. A merged record is never found.
import { QueryTypes } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { Trainee, Unit } from '../db/models.js';
import { maskNationalId, searchKey } from '../lib/text.js';
import { unitLabeller } from '../units/index.js';
import type { Gender } from './trainee.model.js';
import { traineeScopeSql } from './trainee-scope.js';

export const SEARCH_LIMIT = 20;

const sequelize = () => Trainee.sequelize!;

export interface TraineeHit {
  id: number;
  fullName: string;
  birthYear: number | null;
  gender: Gender | null;
  /** Always masked. */
  nationalIdMasked: string | null;
  /** Full for the board and for a unit that has the person; masked otherwise. */
  nationalId: string | null;
  lastUnitCode: string | null;
  lastUnitName: string | null;
  /** The sending organisation of the person's latest enrollment, for units that have the person. */
  lastSendingOrg: string | null;
  inScope: boolean;
  /** The person belongs to the unit the search prefers (the enroll page's course unit); false otherwise. */
  ownUnit: boolean;
}

export interface SearchResult {
  mode: 'nationalId' | 'name' | 'none';
  /** Why nothing was searched: the query was too short or an ID incomplete. */
  hint: 'needMore' | 'idIncomplete' | null;
  hits: TraineeHit[];
  /** More matches than shown. */
  more: boolean;
}

export interface ParsedQuery {
  nationalId?: string;
  words: string[];
  birthYear?: number;
  hint: SearchResult['hint'];
}

/** "034190001234" → an exact citizen ID; "Nguyễn thi hang 1985" → the words nguyen, thi, hang and a birth year. */
export function parseSearch(q: string): ParsedQuery {
  const compact = q.replace(/[\s.-]/g, '');
  if (/^\d+$/.test(compact) && compact.length >= 6) {
    return compact.length === 12 ? { nationalId: compact, words: [], hint: null } : { words: [], hint: 'idIncomplete' };
  }
  const tokens = searchKey(q)
    .split(' ')
    .map((w) => w.replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  let birthYear: number | undefined;
  const words: string[] = [];
  for (const token of tokens) {
    if (/^(19|20)\d{2}$/.test(token) && birthYear === undefined) birthYear = Number(token);
    else if (!/^\d+$/.test(token)) words.push(token);
  }
  if (words.join('').length < 2) return { words: [], hint: 'needMore' };
  return { words: words.slice(0, 6), birthYear, hint: null };
}

/**
 * Finds people by exact citizen ID, or by name — each word matching the start of a word of the name, with
 * accents and case ignored — and optionally a birth year. Searches the whole province, so a person is found
 * and reused rather than entered twice; a hit outside the actor's scope carries only a masked ID.
 */
export async function searchTrainees(actor: Actor, q: string, limit = SEARCH_LIMIT): Promise<SearchResult> {
  return runSearch(actor, q, limit, null);
}

/**
 * The enroll page's search: as searchTrainees, but the people of the course's unit (entered by it, or who studied
 * in one of its courses) come first, then the rest of the province; each hit says which.
 */
export async function searchTraineesForUnit(actor: Actor, q: string, unitId: number, limit = SEARCH_LIMIT): Promise<SearchResult> {
  return runSearch(actor, q, limit, unitId);
}

async function runSearch(actor: Actor, q: string, limit: number, preferUnitId: number | null): Promise<SearchResult> {
  const parsed = parseSearch(q);
  if (parsed.hint || (!parsed.nationalId && parsed.words.length === 0)) {
    return { mode: 'none', hint: parsed.hint ?? 'needMore', hits: [], more: false };
  }
  const conditions: string[] = ['t.merged_into_id IS NULL'];
  const wholeWords: string[] = [];
  const replacements: Record<string, string | number> = {};
  if (parsed.nationalId) {
    conditions.push('t.national_id = :nationalId');
    replacements.nationalId = parsed.nationalId;
  } else {
    // The name typed in full, accents or not, comes before everyone who merely shares its words.
    replacements.wholeName = parsed.words.join(' ');
    parsed.words.forEach((word, i) => {
      // Every word must start a word of the name ("hang" finds Hằng, "thi" finds Thị and Thịnh) …
      conditions.push(`(t.search_name LIKE :w${i}a OR t.search_name LIKE :w${i}b)`);
      // … and names where it is a whole word come first (Thị before Thịnh), so the 20 shown are the likeliest.
      wholeWords.push(`CASE WHEN t.search_name = :w${i} OR t.search_name LIKE :w${i}c OR t.search_name LIKE :w${i}d OR t.search_name LIKE :w${i}e THEN 1 ELSE 0 END`);
      Object.assign(replacements, { [`w${i}`]: word, [`w${i}a`]: `${word}%`, [`w${i}b`]: `% ${word}%`, [`w${i}c`]: `${word} %`, [`w${i}d`]: `% ${word}`, [`w${i}e`]: `% ${word} %` });
    });
    if (parsed.birthYear) {
      conditions.push('t.birth_year = :birthYear');
      replacements.birthYear = parsed.birthYear;
    }
  }
  const scope = traineeScopeSql(actor, 't');
  const ownSql =
    preferUnitId === null
      ? '0'
      : 'CASE WHEN t.created_by_unit_id = :preferUnitId OR EXISTS (SELECT 1 FROM enrollments oe JOIN courses oc ON oc.id = oe.course_id WHERE oe.trainee_id = t.id AND oc.unit_id = :preferUnitId) THEN 1 ELSE 0 END';
  if (preferUnitId !== null) replacements.preferUnitId = preferUnitId;
  const inScopeSql = scope.sql ? `CASE WHEN 1 = 1${scope.sql} THEN 1 ELSE 0 END` : '1';
  const latest = (column: string) =>
    `(SELECT ${column} FROM enrollments le JOIN courses lc ON lc.id = le.course_id WHERE le.trainee_id = t.id ORDER BY lc.start_date DESC, le.id DESC LIMIT 1)`;
  const rows = await sequelize().query<Record<string, unknown>>(
    `SELECT t.id AS "id", t.full_name AS "fullName", t.birth_year AS "birthYear", t.gender AS "gender", t.national_id AS "nationalId",
            t.created_by_unit_id AS "createdByUnitId", ${latest('lc.unit_id')} AS "lastUnitId", ${latest('lc.start_date')} AS "lastStartDate", ${latest('le.sending_org')} AS "lastSendingOrg",
            ${inScopeSql} AS "inScope", ${ownSql} AS "ownUnit"
       FROM trainees t
      WHERE ${conditions.join(' AND ')}
      ORDER BY ${preferUnitId === null ? '' : `${ownSql} DESC, `}${wholeWords.length ? `CASE WHEN t.search_name = :wholeName THEN 1 ELSE 0 END DESC, ${wholeWords.join(' + ')} DESC, ` : ''}t.search_name, t.birth_year, t.id
      LIMIT ${Math.max(1, Math.min(limit, 100)) + 1}`,
    { replacements: { ...replacements, ...scope.replacements }, type: QueryTypes.SELECT },
  );
  const shown = rows.slice(0, limit);
  const unitIdOf = (r: Record<string, unknown>) => Number(r.lastUnitId ?? r.createdByUnitId);
  const units = new Map((await Unit.findAll({ attributes: ['id', 'code'], where: { id: shown.map(unitIdOf) } })).map((u) => [u.id, u]));
  // The center by its own name as of the person's latest course, not the district's short name.
  const unitName = await unitLabeller(shown.map(unitIdOf));
  const hits = shown.map((r): TraineeHit => {
    const inScope = Number(r.inScope) === 1;
    const unit = units.get(unitIdOf(r));
    const nationalId = (r.nationalId as string | null) ?? null;
    return {
      id: Number(r.id),
      fullName: String(r.fullName),
      birthYear: r.birthYear === null ? null : Number(r.birthYear),
      gender: (r.gender as Gender | null) ?? null,
      nationalIdMasked: maskNationalId(nationalId),
      nationalId: inScope ? nationalId : maskNationalId(nationalId),
      lastUnitCode: unit?.code ?? null,
      lastUnitName: unit ? unitName(unit.id, r.lastStartDate ? String(r.lastStartDate).slice(0, 10) : null) : null,
      lastSendingOrg: inScope ? ((r.lastSendingOrg as string | null) ?? null) : null,
      inScope,
      ownUnit: Number(r.ownUnit) === 1,
    };
  });
  return { mode: parsed.nationalId ? 'nationalId' : 'name', hint: null, hits, more: rows.length > limit };
}
