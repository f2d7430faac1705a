// The trainee fields of DOMAIN.md ("Trainee data"). Pages take the birth as one field — a date or a year —
// while the API takes dateOfBirth (YYYY-MM-DD) or birthYear. Both become a TraineeInput.
import { z } from 'zod';
import { integer, isIsoDate, optionalDate, optionalText, requiredText, toIsoDate } from '../http/fields.js';
import { todayInVietnam } from '../lib/format.js';
import { GENDERS, PARTY_STATUSES, type Gender, type PartyStatus } from './trainee.model.js';

export interface TraineeInput {
  fullName: string;
  birthDate: string | null;
  birthYear: number | null;
  gender: Gender | null;
  ethnicity: string | null;
  religion: string | null;
  nationalId: string | null;
  hometown: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  educationLevel: string | null;
  professionalLevel: string | null;
  theoryLevel: string | null;
  position: string | null;
  workplace: string | null;
  partyStatus: PartyStatus | null;
  partyJoinedOn: string | null;
  partyOfficialOn: string | null;
}

const blank = (v: unknown) => v === null || (typeof v === 'string' && v.trim() === '');

/** 12 digits; spaces and dots typed between groups are dropped. */
export const nationalIdField = () =>
  z.preprocess(
    (v) => (blank(v) ? undefined : typeof v === 'string' ? v.replace(/[\s.-]/g, '') : v),
    z.string().regex(/^\d{12}$/, 'trainees.errors.nationalIdFormat').optional(),
  );

const phoneField = () =>
  optionalText(20).refine((v) => v === undefined || (/^[0-9 +().-]+$/.test(v) && v.replace(/\D/g, '').length >= 8), 'trainees.errors.phoneFormat');

const emailField = () => optionalText(150).pipe(z.email().optional());

const enumField = <T extends readonly [string, ...string[]]>(values: T) => z.preprocess((v) => (blank(v) ? undefined : v), z.enum(values).optional());

const minBirth = '1900-01-01';

/** "17/05/1990", "1990-05-17" or "1990" → { birthDate, birthYear }; null when it is neither. */
export function parseBirth(value: string, today = todayInVietnam()): { birthDate: string | null; birthYear: number } | null {
  const v = value.trim();
  if (/^\d{4}$/.test(v)) {
    const year = Number(v);
    return year >= 1900 && year <= Number(today.slice(0, 4)) ? { birthDate: null, birthYear: year } : null;
  }
  const iso = toIsoDate(v);
  if (typeof iso !== 'string' || !isIsoDate(iso) || iso < minBirth || iso > today) return null;
  return { birthDate: iso, birthYear: Number(iso.slice(0, 4)) };
}

const shape = {
  fullName: requiredText(150),
  gender: enumField(GENDERS),
  ethnicity: optionalText(50),
  religion: optionalText(50),
  nationalId: nationalIdField(),
  hometown: optionalText(255),
  address: optionalText(255),
  phone: phoneField(),
  email: emailField(),
  educationLevel: optionalText(50),
  professionalLevel: optionalText(100),
  theoryLevel: optionalText(50),
  position: optionalText(150),
  workplace: optionalText(255),
  partyStatus: enumField(PARTY_STATUSES),
  partyJoinedOn: optionalDate(),
  partyOfficialOn: optionalDate(),
};

type PartyFields = { partyStatus?: PartyStatus; partyJoinedOn?: string; partyOfficialOn?: string };

function checkParty(v: PartyFields, ctx: z.RefinementCtx): void {
  if ((v.partyStatus === undefined || v.partyStatus === 'masses') && (v.partyJoinedOn || v.partyOfficialOn)) {
    ctx.addIssue({ code: 'custom', path: [v.partyJoinedOn ? 'partyJoinedOn' : 'partyOfficialOn'], message: 'trainees.errors.partyDatesForMasses' });
  }
  if (v.partyStatus === 'probationary' && v.partyOfficialOn) {
    ctx.addIssue({ code: 'custom', path: ['partyOfficialOn'], message: 'trainees.errors.officialDateForProbationary' });
  }
  if (v.partyJoinedOn && v.partyOfficialOn && v.partyOfficialOn < v.partyJoinedOn) {
    ctx.addIssue({ code: 'custom', path: ['partyOfficialOn'], message: 'trainees.errors.officialBeforeJoined' });
  }
}

type Parsed = z.output<z.ZodObject<typeof shape>>;

function toInput(v: Parsed, birth: { birthDate: string | null; birthYear: number | null }): TraineeInput {
  return {
    fullName: v.fullName,
    birthDate: birth.birthDate,
    birthYear: birth.birthYear,
    gender: v.gender ?? null,
    ethnicity: v.ethnicity ?? null,
    religion: v.religion ?? null,
    nationalId: v.nationalId ?? null,
    hometown: v.hometown ?? null,
    address: v.address ?? null,
    phone: v.phone ?? null,
    email: v.email ?? null,
    educationLevel: v.educationLevel ?? null,
    professionalLevel: v.professionalLevel ?? null,
    theoryLevel: v.theoryLevel ?? null,
    position: v.position ?? null,
    workplace: v.workplace ?? null,
    partyStatus: v.partyStatus ?? null,
    partyJoinedOn: v.partyJoinedOn ?? null,
    partyOfficialOn: v.partyOfficialOn ?? null,
  };
}

/** The page form: `birth` is "dd/mm/yyyy" or "yyyy". */
export const traineePageFields = z
  .object({
    ...shape,
    birth: z.preprocess((v) => (blank(v) ? undefined : v), z.string().max(20).refine((v) => parseBirth(v) !== null, 'trainees.errors.birthFormat').optional()),
  })
  .superRefine(checkParty)
  .transform((v) => toInput(v, v.birth ? parseBirth(v.birth)! : { birthDate: null, birthYear: null }));

export const traineeEditInput = z.object({ lockVersion: integer(0) }).and(traineePageFields);

/** The API: dateOfBirth (YYYY-MM-DD) or birthYear. */
export const traineeApiFields = z
  .object({
    ...shape,
    dateOfBirth: optionalDate()
      .refine((v) => v === undefined || (v >= minBirth && v <= todayInVietnam()), 'trainees.errors.birthRange')
      .describe('YYYY-MM-DD'),
    birthYear: z
      .number()
      .int()
      .min(1900)
      .max(2100)
      .refine((y) => y <= Number(todayInVietnam().slice(0, 4)), 'trainees.errors.birthRange')
      .optional()
      .describe('When only the year is known'),
  })
  .superRefine((v, ctx) => {
    checkParty(v, ctx);
    if (v.dateOfBirth && v.birthYear !== undefined) ctx.addIssue({ code: 'custom', path: ['birthYear'], message: 'trainees.errors.birthYearOrDate' });
  })
  .transform((v) =>
    toInput(v, v.dateOfBirth ? { birthDate: v.dateOfBirth, birthYear: Number(v.dateOfBirth.slice(0, 4)) } : { birthDate: null, birthYear: v.birthYear ?? null }),
  );

export const searchQuery = z.object({
  q: z.preprocess((v) => (typeof v === 'string' ? v : undefined), z.string().max(100).optional()),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export const TRAINEE_SORTS = ['newest', 'name', 'birthYear', 'lastCourse'] as const;
export type TraineeSort = (typeof TRAINEE_SORTS)[number];
const optionalCode = z.string().regex(/^[A-Za-z0-9]{1,20}$/).optional().catch(undefined);

/** The trainees list page: the province search (q) or the list's filters and sort; a bad value is ignored. */
export const traineeListQuery = searchQuery.extend({
  name: z.preprocess((v) => (typeof v === 'string' && v.trim() ? v.trim() : undefined), z.string().max(100).optional()).catch(undefined),
  unit: optionalCode,
  birthYear: z.coerce.number().int().min(1900).max(2100).optional().catch(undefined),
  gender: z.enum(GENDERS).optional().catch(undefined),
  party: z.enum(PARTY_STATUSES).optional().catch(undefined),
  sort: z.enum(TRAINEE_SORTS).catch('newest').default('newest'),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
});

/** The board's merge of two records: the record kept and the duplicate, by id. */
export const mergeInput = z.object({ keptId: integer(1, 2_000_000_000), duplicateId: integer(1, 2_000_000_000) });
export const mergePreviewQuery = z.object({
  keptId: z.coerce.number().int().positive().optional().catch(undefined),
  duplicateId: z.coerce.number().int().positive().optional().catch(undefined),
});
