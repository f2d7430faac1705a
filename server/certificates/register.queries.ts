// A unit's certificate register (sổ cấp giấy chứng nhận) for a year: every certificate it issued that year, in
// number order, whatever its status, optionally for one program. A center reads its own unit's (and those of
// the units whose records it took over); the board names the unit. Another unit's code is simply not found.
import type { Actor } from '../auth/actor.js';
import { assertInScope } from '../auth/scope.js';
import { Certificate, Course, Enrollment, Program, Trainee, Unit } from '../db/models.js';
import { AppError } from '../http/errors.js';
import type { CertificateStatus } from './certificate.model.js';

export interface RegisterFilter {
  year: number;
  /** The issuing unit; a center's own when omitted. */
  unitCode?: string;
  programCode?: string;
}

export interface RegisterRow {
  id: number;
  number: string;
  issuedOn: string;
  decisionNumber: string | null;
  status: CertificateStatus;
  traineeName: string;
  courseId: number;
  courseName: string;
  programCode: string;
  programName: string;
}

export interface RegisterUnit {
  id: number;
  code: string;
  name: string;
}

/** The issuing unit the register is read for: null when the board has not chosen one yet. */
export async function registerUnit(actor: Actor, unitCode: string | undefined): Promise<RegisterUnit | null> {
  if (!unitCode) {
    if (actor.role === 'center' && actor.unitId !== null) {
      const own = await Unit.findByPk(actor.unitId, { attributes: ['id', 'code', 'name'] });
      return own && { id: own.id, code: own.code, name: own.name };
    }
    if (actor.role === 'admin') return null;
    throw new AppError('not_found', 'common.errors.notFound');
  }
  const unit = await Unit.findOne({ where: { code: unitCode.toUpperCase() }, attributes: ['id', 'code', 'name', 'kind'] });
  if (!unit || unit.kind === 'board') throw new AppError('not_found', 'common.errors.notFound');
  assertInScope(actor, unit.id);
  return { id: unit.id, code: unit.code, name: unit.name };
}

type Joined = Certificate & { enrollment: Enrollment & { trainee: Trainee; course: Course & { program: Program } } };

/** The joins to the trainee, course and program; for one program, the course join is narrowed to it. */
function joins(programId: number | null, withAttributes: boolean) {
  return [
    {
      model: Enrollment,
      as: 'enrollment',
      attributes: withAttributes ? ['id'] : [],
      required: true,
      include: [
        ...(withAttributes ? [{ model: Trainee, as: 'trainee', attributes: ['id', 'fullName'] }] : []),
        {
          model: Course,
          as: 'course',
          attributes: withAttributes ? ['id', 'name'] : [],
          required: true,
          ...(programId === null ? {} : { where: { programId } }),
          include: withAttributes ? [{ model: Program, as: 'program', attributes: ['id', 'code', 'name'] }] : [],
        },
      ],
    },
  ];
}

/** Certificates a bulk PDF holds at most: beyond that the file is too large to open on an office machine. */
export const REGISTER_PDF_MAX = 500;

/** One page of the register (or all of it without `page`), its total and how many are still valid. */
export async function certificateRegister(
  actor: Actor,
  filter: RegisterFilter,
  page?: { limit: number; offset: number },
): Promise<{ unit: RegisterUnit | null; rows: RegisterRow[]; total: number; valid: number }> {
  const unit = await registerUnit(actor, filter.unitCode);
  if (!unit) return { unit, rows: [], total: 0, valid: 0 };
  const program = filter.programCode ? await Program.findOne({ where: { code: filter.programCode.toUpperCase() }, attributes: ['id'] }) : null;
  const programId = filter.programCode ? (program?.id ?? -1) : null;
  const where = { unitId: unit.id, year: filter.year };
  const [found, total, valid] = await Promise.all([
    Certificate.findAll({ where, include: joins(programId, true), order: [['seq', 'ASC'], ['id', 'ASC']], ...(page ?? {}) }) as Promise<Joined[]>,
    Certificate.count({ where, include: joins(programId, false) }),
    Certificate.count({ where: { ...where, status: 'valid' }, include: joins(programId, false) }),
  ]);
  const rows = found.map((c) => ({
    id: c.id,
    number: c.number,
    issuedOn: c.issuedOn,
    decisionNumber: c.decisionNumber ?? null,
    status: c.status,
    traineeName: c.enrollment.trainee.fullName,
    courseId: c.enrollment.course.id,
    courseName: c.enrollment.course.name,
    programCode: c.enrollment.course.program.code,
    programName: c.enrollment.course.program.name,
  }));
  return { unit, rows, total, valid };
}
