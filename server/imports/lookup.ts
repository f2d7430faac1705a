// The database side of the previews: who already exists (by citizen ID) and who is already in a course.
// Matching by citizen ID ignores unit scope on purpose — one citizen ID is one person nationwide, and a center
// must be able to enroll someone first entered by another unit — but only what matching needs is read, and the
// preview shows no more than "matches an existing person". Reading a course's roster is for a course the caller
// has already checked is in the actor's scope.
import type { Transaction } from 'sequelize';
import { Enrollment, Trainee } from '../db/models.js';
import type { ExistingPerson } from './roster-preview.js';
import type { RosterEntry } from './results-preview.js';

const CHUNK = 500;

export async function findTraineesByNationalIds(ids: readonly string[], transaction?: Transaction): Promise<Map<string, ExistingPerson>> {
  const unique = [...new Set(ids)];
  const found = new Map<string, ExistingPerson>();
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await Trainee.findAll({
      where: { nationalId: unique.slice(i, i + CHUNK) },
      attributes: ['id', 'nationalId', 'searchName', 'birthDate', 'birthYear'],
      raw: true,
      transaction,
    });
    for (const t of rows) {
      found.set(t.nationalId!, { traineeId: t.id, nationalId: t.nationalId, searchName: t.searchName, birthDate: t.birthDate, birthYear: t.birthYear });
    }
  }
  return found;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Everyone enrolled in the course, with their current results (numbers as numbers). */
export async function courseRoster(courseId: number, transaction?: Transaction): Promise<RosterEntry[]> {
  const rows = await Enrollment.findAll({
    where: { courseId },
    attributes: ['id', 'traineeId', 'score', 'attendance', 'status', 'grade'],
    include: [{ model: Trainee, as: 'trainee', attributes: ['nationalId', 'searchName', 'birthDate', 'birthYear'] }],
    order: [['id', 'ASC']],
    transaction,
  });
  return rows.map((e) => {
    const t = (e as Enrollment & { trainee: Trainee }).trainee;
    return {
      enrollmentId: e.id,
      traineeId: e.traineeId,
      nationalId: t.nationalId,
      searchName: t.searchName,
      birthDate: t.birthDate,
      birthYear: t.birthYear,
      score: num(e.score),
      attendance: num(e.attendance),
      status: e.status,
      grade: e.grade,
    };
  });
}

/** The roster as the roster preview wants it: who is already in the course. */
export const enrolledPeople = (roster: readonly RosterEntry[]): ExistingPerson[] =>
  roster.map((e) => ({ traineeId: e.traineeId, nationalId: e.nationalId, searchName: e.searchName, birthDate: e.birthDate, birthYear: e.birthYear }));
