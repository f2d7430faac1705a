// Fixtures for certificates: units with a signer, finished courses with completed trainees, actors.
import type { Actor } from '../../server/auth/actor.js';
import { certificateNumber, newVerifyCode } from '../../server/certificates/certificate-number.js';
import { Certificate, Course, Unit, UnitName, type Enrollment, type User } from '../../server/db/models.js';
import { loadActor } from '../../server/users/users.service.js';
import { makeCourse, makeEnrollment, makeTrainee, unitByCode } from './factories.js';

export const SIGNER = { signerName: 'Nguyễn Thị Hồng Nhung', signerTitle: 'GIÁM ĐỐC', signerAuthority: null } as const;

/** Gives a reference unit a certificate signer (reference data leaves the name empty). */
export async function withSigner(code: string, signer: Partial<Pick<Unit, 'signerName' | 'signerTitle' | 'signerAuthority'>> = SIGNER): Promise<Unit> {
  const unit = await unitByCode(code);
  await unit.update({ ...SIGNER, ...signer });
  // Papers read the signer of the day from the unit's name rows, as the unit settings keep them.
  await UnitName.update({ ...SIGNER, ...signer }, { where: { unitId: unit.id } });
  return unit;
}

/** A moment in Vietnam on `day` (YYYY-MM-DD): tests issue in far years, whose counters no other test touches. */
// Far from the small sequence numbers the issuing tests reach, and apart per run, so rows never collide.
let certificateSeq = 50_000 + Math.floor(Math.random() * 1_000) * 100;

/** A certificate row for an enrollment, with the unit's name and signer as snapshots, like the issuing service. */
export async function makeCertificate(
  enrollment: Enrollment,
  overrides: Partial<Pick<Certificate, 'number' | 'issuedOn' | 'unitName' | 'unitParentBody' | 'signerName' | 'signerTitle' | 'signerAuthority' | 'status' | 'replacesId' | 'revokedAt' | 'verifyCode'>> = {},
): Promise<Certificate> {
  const course = (await Course.findByPk(enrollment.courseId))!;
  const unit = (await Unit.findByPk(course.unitId))!;
  const seq = ++certificateSeq;
  const issuedOn = overrides.issuedOn ?? course.endDate;
  const year = Number(issuedOn.slice(0, 4));
  return Certificate.create({
    enrollmentId: enrollment.id,
    unitId: unit.id,
    year,
    seq,
    number: overrides.number ?? certificateNumber(seq, year, unit.symbol),
    issuedOn,
    unitName: overrides.unitName ?? unit.headerName,
    unitParentBody: overrides.unitParentBody ?? unit.parentBody,
    signerName: overrides.signerName ?? unit.signerName ?? SIGNER.signerName,
    signerTitle: overrides.signerTitle ?? unit.signerTitle ?? SIGNER.signerTitle,
    signerAuthority: overrides.signerAuthority === undefined ? unit.signerAuthority : overrides.signerAuthority,
    verifyCode: overrides.verifyCode ?? newVerifyCode(),
    status: overrides.status ?? 'valid',
    replacesId: overrides.replacesId ?? null,
    revokedAt: overrides.revokedAt ?? null,
  });
}

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
