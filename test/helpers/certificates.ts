// Fixtures for certificates: units with a signer, finished courses with completed trainees, actors.
import type { Actor } from '../../server/auth/actor.js';
import type { Course, Enrollment, Unit, User } from '../../server/db/models.js';
import { loadActor } from '../../server/users/users.service.js';
import { makeCourse, makeEnrollment, makeTrainee, unitByCode } from './factories.js';

export const SIGNER = { signerName: 'Nguyễn Thị Hồng Nhung', signerTitle: 'GIÁM ĐỐC', signerAuthority: null } as const;

/** Gives a reference unit a certificate signer (reference data leaves the name empty). */
export async function withSigner(code: string, signer: Partial<Pick<Unit, 'signerName' | 'signerTitle' | 'signerAuthority'>> = SIGNER): Promise<Unit> {
  const unit = await unitByCode(code);
  await unit.update({ ...SIGNER, ...signer });
  return unit;
}

/** A moment in Vietnam on `day` (YYYY-MM-DD): tests issue in far years, whose counters no other test touches. */
export const onDay = (day: string) => ({ now: new Date(`${day}T09:00:00+07:00`) });

export interface CourseFixture {
  course: Course;
  completed: Enrollment[];
  others: Enrollment[];
}

/** A course of `unitCode` with `completed` completed trainees and one of each other status. */
export async function makeCourseWithResults(
  options: { unitCode: string; programCode?: string; completed: number; status?: Course['status']; names?: string[] },
): Promise<CourseFixture> {
  const course = await makeCourse({ unitCode: options.unitCode, programCode: options.programCode ?? 'NTVD', status: options.status ?? 'finished' });
  const completed: Enrollment[] = [];
  for (let i = 0; i < options.completed; i++) {
    const trainee = await makeTrainee({ fullName: options.names?.[i], unitCode: options.unitCode });
    completed.push(await makeEnrollment(course, trainee, { status: 'completed', score: 8.5, grade: 'good', attendance: 1 }));
  }
  const others = [
    await makeEnrollment(course, undefined, { status: 'failed', score: 4, grade: 'fail', attendance: 0.9 }),
    await makeEnrollment(course, undefined, { status: 'withdrawn' }),
    await makeEnrollment(course, undefined, { status: 'enrolled' }),
  ];
  return { course, completed, others };
}

export async function actorOf(user: User): Promise<Actor> {
  const actor = await loadActor(user.id);
  if (!actor) throw new Error(`No actor for user ${user.id}`);
  return actor;
}
