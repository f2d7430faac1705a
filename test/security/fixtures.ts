// Two fresh units for the security suite: "owner" holds one object of every kind (course, enrollment, plan,
// certificate, trainee, correction request, urging, issued report, API token…); "outsider" is another center
// whose staff must see none of them. Years 2064–2070 belong to this suite alone.
import type { App } from '../../server/app.js';
import { createToken } from '../../server/auth/tokens.js';
import type { Course, Unit } from '../../server/db/models.js';
import { createRequest } from '../../server/portal/corrections.service.js';
import { issueUrging } from '../../server/urgings/issue-urging.service.js';
import { actorOf, makeCertificate } from '../helpers/certificates.js';
import { testDb } from '../helpers/db.js';
import { makeCourse, makeEnrollment, makeTrainee, makeUser } from '../helpers/factories.js';
import { postForm, signIn } from '../helpers/http.js';
import { makePlan } from '../helpers/plans.js';
import { makeTraineeUser } from '../helpers/portal.js';
import { boardActor, makeUnit } from '../helpers/units.js';
import { birthDateForms, rememberSecrets } from './support.js';

export const SECURITY_YEAR = 2065;

export interface World {
  owner: Unit;
  outsider: Unit;
  course: Course;
  /** Values for the route parameters, by "segment:param" (the path segment before it), else by name. */
  params: Record<string, string | number>;
  users: { admin: string; ownerStaff: string; outsiderStaff: string; trainee: string; otherTrainee: string };
  tokens: { admin: string; ownerStaff: string; outsiderStaff: string; trainee: string };
}

export async function makeWorld(app: App): Promise<World> {
  const owner = await makeUnit({ validFrom: '2064-01-01' });
  const outsider = await makeUnit({ validFrom: '2064-01-01' });
  const admin = await makeUser({ role: 'admin' });
  const ownerStaff = await makeUser({ role: 'center', unitCode: owner.code });
  const outsiderStaff = await makeUser({ role: 'center', unitCode: outsider.code });
  const course = await makeCourse({ unitCode: owner.code, startDate: `${SECURITY_YEAR}-03-02`, endDate: `${SECURITY_YEAR}-03-06`, status: 'finished' });
  const trainee = await makeTrainee({ unitCode: owner.code });
  const enrollment = await makeEnrollment(course, trainee, { status: 'completed', score: 8.4, grade: 'good', attendance: 0.95 });
  const certificate = await makeCertificate(enrollment);
  const traineeUser = await makeTraineeUser(trainee);
  // A trainee of the outsider's unit: signed in, they must not reach the owner's records either.
  const otherTrainee = await makeTrainee({ unitCode: outsider.code });
  const otherCourse = await makeCourse({ unitCode: outsider.code, startDate: `${SECURITY_YEAR}-04-06`, endDate: `${SECURITY_YEAR}-04-10`, status: 'finished' });
  await makeEnrollment(otherCourse, otherTrainee, { status: 'completed', score: 7, grade: 'fair', attendance: 1 });
  const otherTraineeUser = await makeTraineeUser(otherTrainee);
  const plan = await makePlan({ unitCode: owner.code, year: SECURITY_YEAR + 1, status: 'draft' });
  const correction = await createRequest(testDb().sequelize, await actorOf(traineeUser), { enrollmentId: enrollment.id, message: 'Sai năm sinh' });
  const { row: ownerToken, token: ownerTokenText } = await createToken(ownerStaff.id, 'security');
  const urging = await issueUrging(await boardActor(), {
    year: SECURITY_YEAR, asOf: `${SECURITY_YEAR}-06-30`, date: `${SECURITY_YEAR}-07-01`, deadline: `${SECURITY_YEAR}-08-01`,
    docType: 'CV', subject: `V/v đôn đốc kế hoạch năm ${SECURITY_YEAR}`, unitCodes: [owner.code],
  });
  // A report the owner unit issued, through its page as its staff would.
  const own = await signIn(app, ownerStaff.username);
  const issuing = await postForm(own, `/issued-reports/new/${owner.code}`, {
    year: String(SECURITY_YEAR), period: 'year', asOf: `${SECURITY_YEAR}-12-31`, view: 'as-was', intent: 'issue', number: '', date: `${SECURITY_YEAR + 2}-01-10`,
  });
  const issuedId = Number(/^\/issued-reports\/(\d+)$/.exec(issuing.headers.location ?? '')?.[1]);
  if (!issuedId) throw new Error(`issuing the owner's report answered ${issuing.status}`);
  rememberSecrets(trainee.nationalId, otherTrainee.nationalId, ...birthDateForms(trainee.birthDate), ownerTokenText);
  const tokenOf = async (user: { id: number }) => {
    const { token } = await createToken(user.id, 'security');
    rememberSecrets(token);
    return token;
  };
  return {
    owner,
    outsider,
    course,
    params: {
      'courses:id': course.id, 'enrollments:id': enrollment.id, 'plans:id': plan.id, 'certificates:id': certificate.id, 'trainees:id': trainee.id,
      'users:id': ownerStaff.id, 'units:id': owner.id, 'corrections:id': correction.id, 'tokens:id': ownerToken.id, 'urgings:id': urging.id,
      'issued-reports:id': issuedId, 'verify:code': certificate.verifyCode, 'units:code': owner.code, 'new:code': owner.code,
      courseId: course.id, traineeId: trainee.id, tokenId: ownerToken.id, programCode: 'NTVD', kind: 'roster', sha256: '0'.repeat(64), format: 'csv',
      // No object of these kinds is made here: an id that does not exist is refused the same way (404).
      'year-corrections:id': 2_000_000_001, 'year-closings:id': 2_000_000_002, 'surveys:id': 2_000_000_003, eventId: 2_000_000_004,
      'merges:id': 2_000_000_005,
    },
    users: { admin: admin.username, ownerStaff: ownerStaff.username, outsiderStaff: outsiderStaff.username, trainee: traineeUser.username, otherTrainee: otherTraineeUser.username },
    tokens: { admin: await tokenOf(admin), ownerStaff: ownerTokenText, outsiderStaff: await tokenOf(outsiderStaff), trainee: await tokenOf(otherTraineeUser) },
  };
}

/** The route with the world's ids in its parameters. */
export function concrete(path: string, params: Record<string, string | number>): string {
  return path.replace(/:(\w+)/g, (_m, name: string, offset: number) => {
    const segment = /\/([\w-]+)\/$/.exec(path.slice(0, offset))?.[1] ?? '';
    const value = params[`${segment}:${name}`] ?? params[name];
    if (value === undefined) throw new Error(`No value for :${name} in ${path}`);
    return String(value);
  });
}
