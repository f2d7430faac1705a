// Which people an actor may see: the board everyone; a unit the people it entered or enrolled in one of its courses.
import { QueryTypes, type Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { unitScopeSql } from '../auth/scope.js';
import { Trainee } from '../db/models.js';
import { AppError } from '../http/errors.js';

const sequelize = () => Trainee.sequelize!;
const notFound = () => new AppError('not_found', 'common.errors.notFound');

/**
 * " AND (<the unit created the person> OR <the person is in one of the unit's courses>)" for a center, ""
 * for the board; built on the one scoping helper so a trainee account or a unit-less user sees nothing.
 */
export function traineeScopeSql(actor: Actor, alias: string): { sql: string; replacements: Record<string, number | number[]> } {
  const units = unitScopeSql(actor, 'sc.unit_id');
  if (!units.sql) return units;
  const created = unitScopeSql(actor, `${alias}.created_by_unit_id`).sql.replace(/^ AND /, '');
  return {
    sql:
      ` AND (${created} OR EXISTS (SELECT 1 FROM enrollments se JOIN courses sc ON sc.id = se.course_id` +
      ` WHERE se.trainee_id = ${alias}.id${units.sql}))`,
    replacements: units.replacements,
  };
}

export async function isTraineeInScope(actor: Actor, traineeId: number, transaction?: Transaction): Promise<boolean> {
  const scope = traineeScopeSql(actor, 't');
  const rows = await sequelize().query<{ id: number }>(`SELECT t.id FROM trainees t WHERE t.id = :traineeId${scope.sql}`, {
    replacements: { traineeId, ...scope.replacements },
    type: QueryTypes.SELECT,
    transaction,
  });
  return rows.length > 0;
}

export async function assertTraineeInScope(actor: Actor, traineeId: number, transaction?: Transaction): Promise<void> {
  if (!(await isTraineeInScope(actor, traineeId, transaction))) throw notFound();
}
