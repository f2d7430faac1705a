// What the course form offers: the suggested name, the programs and (for the board) the units.
import { Op, type Transaction } from 'sequelize';
import type { Actor } from '../auth/actor.js';
import { Course, Program, Unit } from '../db/models.js';
import { t } from '../i18n/index.js';
import { todayInVietnam } from '../lib/format.js';
import { lowerFirst } from './course-status.js';

/** "Lớp bồi dưỡng nhận thức về Đảng khóa 3 năm 2025": the unit's next number for that program and year. */
export async function suggestCourseName(unitId: number, programId: number, year: number, transaction?: Transaction): Promise<string> {
  const program = await Program.findByPk(programId, { transaction });
  if (!program) return '';
  const count = await Course.count({
    where: { unitId, programId, startDate: { [Op.between]: [`${year}-01-01`, `${year}-12-31`] } },
    transaction,
  });
  // A course name is data written in Vietnamese whatever the reader's language.
  return t('vi', 'courses.nameSuggestion', { prefix: `${t('vi', 'courses.namePrefix')} ${lowerFirst(program.name)}`, number: count + 1, year });
}

export interface CourseFormOptions {
  programs: Array<{ id: number; code: string; name: string }>;
  /** Only for the board, which picks the organising unit. */
  units: Array<{ id: number; code: string; name: string }>;
}

export async function courseFormOptions(actor: Actor): Promise<CourseFormOptions> {
  const programs = await Program.findAll({ where: { active: true }, order: [['sortOrder', 'ASC']], attributes: ['id', 'code', 'name'] });
  const units =
    actor.role === 'admin'
      ? await Unit.findAll({
          // A unit that has ceased takes no new course: it is not offered.
          where: { kind: { [Op.ne]: 'board' }, [Op.or]: [{ validTo: null }, { validTo: { [Op.gte]: todayInVietnam() } }] },
          order: [['sortOrder', 'ASC']],
          attributes: ['id', 'code', 'name'],
        })
      : [];
  return {
    programs: programs.map((p) => ({ id: p.id, code: p.code, name: p.name })),
    units: units.map((u) => ({ id: u.id, code: u.code, name: u.name })),
  };
}
