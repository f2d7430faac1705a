// The signed-in home page's counts, for the actor's scope, aggregated in the database.
import type { Sequelize } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { unitScopeSql } from '../auth/scope.js';

export interface Overview {
  year: number;
  units: number;
  programs: number;
  courses: number;
  enrollments: number;
  trainees: number;
  completed: number;
  coursesAll: number;
  enrollmentsAll: number;
}

export async function overview(sequelize: Sequelize, actor: Actor, year: number): Promise<Overview> {
  const scope = unitScopeSql(actor, 'c.unit_id');
  const [rows] = await sequelize.query(
    `SELECT
       COUNT(DISTINCT CASE WHEN c.start_date BETWEEN :from AND :to THEN c.id END) AS courses,
       SUM(CASE WHEN c.start_date BETWEEN :from AND :to AND e.id IS NOT NULL THEN 1 ELSE 0 END) AS enrollments,
       COUNT(DISTINCT CASE WHEN c.start_date BETWEEN :from AND :to THEN e.trainee_id END) AS trainees,
       SUM(CASE WHEN c.start_date BETWEEN :from AND :to AND e.status = 'completed' THEN 1 ELSE 0 END) AS completed,
       COUNT(DISTINCT c.id) AS coursesAll,
       COUNT(e.id) AS enrollmentsAll
     FROM courses c LEFT JOIN enrollments e ON e.course_id = c.id
     WHERE c.status <> 'cancelled'${scope.sql}`,
    { replacements: { from: `${year}-01-01`, to: `${year}-12-31`, ...scope.replacements } },
  );
  const [counts] = await sequelize.query(
    // The units that existed during the year: a centre dissolved in 2025 counts in 2024, not in 2026.
    `SELECT (SELECT COUNT(*) FROM units WHERE kind <> 'board' AND valid_from <= :to AND (valid_to IS NULL OR valid_to >= :from)) AS units,
            (SELECT COUNT(*) FROM programs WHERE active = :active) AS programs`,
    { replacements: { active: true, from: `${year}-01-01`, to: `${year}-12-31` } },
  );
  const r = (rows as Array<Record<string, unknown>>)[0] ?? {};
  const c = (counts as Array<Record<string, unknown>>)[0] ?? {};
  const n = (v: unknown) => Number(v ?? 0);
  return {
    year,
    units: actor.role === 'admin' ? n(c.units) : 1,
    programs: n(c.programs),
    courses: n(r.courses),
    enrollments: n(r.enrollments),
    trainees: n(r.trainees),
    completed: n(r.completed),
    coursesAll: n(r.coursesAll),
    enrollmentsAll: n(r.enrollmentsAll),
  };
}
