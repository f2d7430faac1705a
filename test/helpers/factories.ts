// Factories: each call makes new rows with unique values, so tests never depend on each other's data.
import { randomInt } from 'node:crypto';
import { hashPassword } from '../../server/auth/password.js';
import { createToken } from '../../server/auth/tokens.js';
import { Course, Enrollment, Program, Trainee, Unit, User } from '../../server/db/models.js';
import type { Role } from '../../server/users/user.model.js';
import { searchKey } from '../../server/lib/text.js';
import { TEST_PASSWORD } from './http.js';

let counter = 0;
export const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(++counter).toString(36)}`;

let hashed: Promise<string> | null = null;
const testHash = () => (hashed ??= hashPassword(TEST_PASSWORD, 10));

export async function unitByCode(code: string): Promise<Unit> {
  const unit = await Unit.findOne({ where: { code } });
  if (!unit) throw new Error(`No unit ${code}`);
  return unit;
}

export async function programByCode(code: string): Promise<Program> {
  const program = await Program.findOne({ where: { code } });
  if (!program) throw new Error(`No program ${code}`);
  return program;
}

export async function makeUser(options: { role: Role; unitCode?: string; traineeId?: number; disabled?: boolean; username?: string } = { role: 'center' }): Promise<User> {
  const unitCode = options.unitCode ?? (options.role === 'center' ? 'TTCTVL' : options.role === 'admin' ? 'BTGTU' : undefined);
  const unit = unitCode ? await unitByCode(unitCode) : null;
  return User.create({
    username: options.username ?? unique(`u${options.role}`),
    fullName: `Người dùng ${options.role}`,
    role: options.role,
    unitId: options.role === 'trainee' ? null : (unit?.id ?? null),
    traineeId: options.traineeId ?? null,
    passwordHash: await testHash(),
    disabledAt: options.disabled ? new Date() : null,
  });
}

export async function makeToken(user: User): Promise<string> {
  return (await createToken(user.id, 'test')).token;
}

const issuedIds = new Set<string>();
export function randomNationalId(): string {
  let id: string;
  do id = `0${String(randomInt(0, 1e11)).padStart(11, '0')}`;
  while (issuedIds.has(id));
  issuedIds.add(id);
  return id;
}

export async function makeTrainee(overrides: Partial<{ fullName: string; nationalId: string | null; birthDate: string | null; unitCode: string }> = {}): Promise<Trainee> {
  const fullName = overrides.fullName ?? `Nguyễn Văn ${unique('T')}`;
  const birthDate = overrides.birthDate === undefined ? '1990-05-17' : overrides.birthDate;
  const unit = await unitByCode(overrides.unitCode ?? 'TTCTVL');
  return Trainee.create({
    fullName,
    searchName: searchKey(fullName),
    birthDate,
    birthYear: birthDate ? Number(birthDate.slice(0, 4)) : null,
    gender: 'male',
    nationalId: overrides.nationalId === undefined ? randomNationalId() : overrides.nationalId,
    createdByUnitId: unit.id,
  });
}

export async function makeCourse(overrides: Partial<{ unitCode: string; programCode: string; startDate: string; endDate: string; status: Course['status']; capacity: number; name: string }> = {}): Promise<Course> {
  const unit = await unitByCode(overrides.unitCode ?? 'TTCTVL');
  const program = await programByCode(overrides.programCode ?? 'NTVD');
  return Course.create({
    unitId: unit.id,
    programId: program.id,
    name: overrides.name ?? `Lớp thử nghiệm ${unique('C')}`,
    startDate: overrides.startDate ?? '2025-03-03',
    endDate: overrides.endDate ?? '2025-03-07',
    place: 'Hội trường',
    capacity: overrides.capacity ?? 90,
    status: overrides.status ?? 'finished',
  });
}

export async function makeEnrollment(course: Course, trainee?: Trainee, overrides: Partial<{ status: Enrollment['status']; score: number | null; grade: Enrollment['grade']; attendance: number | null }> = {}): Promise<Enrollment> {
  const person = trainee ?? (await makeTrainee());
  return Enrollment.create({
    courseId: course.id,
    traineeId: person.id,
    status: overrides.status ?? 'enrolled',
    score: overrides.score ?? null,
    grade: overrides.grade ?? null,
    attendance: overrides.attendance ?? null,
  });
}
