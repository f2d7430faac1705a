// The names an audit page shows instead of bare ids: accounts by their person's name and username, courses,
// trainees and programs by name, enrollments by person and course, certificates by number, units by their name
// as of the entry's day. Collected over a whole page of entries first, then looked up with one query per kind
// of record (never one per entry).
import { Op } from 'sequelize';
import { Certificate, Course, Enrollment, Program, Trainee, User } from '../db/models.js';
import { unitNamer } from '../units/index.js';

export type RefKind = 'user' | 'course' | 'trainee' | 'unit' | 'program' | 'enrollment' | 'certificate';

export interface NameRequests {
  ids: Record<RefKind, Set<number>>;
  programCodes: Set<string>;
}

export const nameRequests = (): NameRequests => ({
  ids: { user: new Set(), course: new Set(), trainee: new Set(), unit: new Set(), program: new Set(), enrollment: new Set(), certificate: new Set() },
  programCodes: new Set(),
});

export interface Names {
  /** A record's name, or null when it is not (or no longer) in the database. `day` dates a unit's name. */
  of(kind: RefKind, id: number, day: string): string | null;
  programByCode(code: string): string | null;
}

const byId = <T extends { id: number }>(rows: T[], name: (row: T) => string) => new Map(rows.map((r) => [r.id, name(r)]));
const list = (set: Set<number>) => [...set];

/** One query per kind that was asked for; nothing for a kind nobody asked for. */
export async function lookUpNames(requests: NameRequests): Promise<Names> {
  const { ids } = requests;
  const none = Promise.resolve([]);
  const [users, courses, trainees, programs, enrollments, certificates, unitOn] = await Promise.all([
    ids.user.size ? User.findAll({ where: { id: list(ids.user) }, attributes: ['id', 'username', 'fullName'] }) : none,
    ids.course.size ? Course.findAll({ where: { id: list(ids.course) }, attributes: ['id', 'name'] }) : none,
    ids.trainee.size ? Trainee.findAll({ where: { id: list(ids.trainee) }, attributes: ['id', 'fullName'] }) : none,
    ids.program.size || requests.programCodes.size
      ? Program.findAll({ where: { [Op.or]: [{ id: list(ids.program) }, { code: [...requests.programCodes] }] }, attributes: ['id', 'code', 'name'] })
      : none,
    ids.enrollment.size
      ? Enrollment.findAll({
          where: { id: list(ids.enrollment) },
          attributes: ['id'],
          include: [
            { model: Trainee, as: 'trainee', attributes: ['fullName'] },
            { model: Course, as: 'course', attributes: ['name'] },
          ],
        })
      : none,
    ids.certificate.size ? Certificate.findAll({ where: { id: list(ids.certificate) }, attributes: ['id', 'number'] }) : none,
    ids.unit.size ? unitNamer(list(ids.unit)) : Promise.resolve(() => undefined),
  ]);
  const maps: Record<Exclude<RefKind, 'unit'>, Map<number, string>> = {
    user: byId(users as User[], (u) => (u.fullName ? `${u.fullName} (${u.username})` : u.username)),
    course: byId(courses as Course[], (c) => c.name),
    trainee: byId(trainees as Trainee[], (t) => t.fullName),
    program: byId(programs as Program[], (p) => p.name),
    enrollment: byId(enrollments as Enrollment[], (e) => {
      const row = e as Enrollment & { trainee?: Trainee; course?: Course };
      return [row.trainee?.fullName, row.course?.name].filter(Boolean).join(' – ');
    }),
    certificate: byId(certificates as Certificate[], (c) => c.number),
  };
  const programNames = new Map((programs as Program[]).map((p) => [p.code, p.name]));
  return {
    of: (kind, id, day) => (kind === 'unit' ? (unitOn(id, day)?.name ?? null) : (maps[kind].get(id) ?? null) || null),
    programByCode: (code) => programNames.get(code) ?? null,
  };
}
