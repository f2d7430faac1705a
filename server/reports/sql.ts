// Small helpers for the report's raw SQL: typed SELECTs and driver values made plain.
import { QueryTypes, type Sequelize } from 'sequelize';

export const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const nOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
export const isoDate = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

export async function select<T extends object>(sequelize: Sequelize, sql: string, replacements: Record<string, unknown>): Promise<T[]> {
  return sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });
}

/**
 * Counts of the joined enrollments (alias e) by grade, and how many have a score. A withdrawn enrollment
 * counts in no grade and no rate, whatever score or grade it still carries (DOMAIN.md, goodRate).
 */
export const RESULT_COUNTS = `COUNT(CASE WHEN e.grade = 'excellent' AND e.status <> 'withdrawn' THEN 1 END) AS excellent,
            COUNT(CASE WHEN e.grade = 'good' AND e.status <> 'withdrawn' THEN 1 END) AS good,
            COUNT(CASE WHEN e.grade = 'fair' AND e.status <> 'withdrawn' THEN 1 END) AS fair,
            COUNT(CASE WHEN e.grade = 'average' AND e.status <> 'withdrawn' THEN 1 END) AS average,
            COUNT(CASE WHEN e.grade = 'fail' AND e.status <> 'withdrawn' THEN 1 END) AS fail,
            COUNT(CASE WHEN e.score IS NOT NULL AND e.status <> 'withdrawn' THEN 1 END) AS scored`;
