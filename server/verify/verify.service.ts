// Public certificate verification: what the certificate itself shows, and its status — nothing else. The
// result is built field by field so no other column of the trainee can leak into the page.
import { Certificate, Course, Enrollment, Program, Trainee } from '../db/models.js';
import type { CertificateStatus } from '../certificates/certificate.model.js';
import { cleanText } from '../lib/text.js';
import { issuerLines, type IssuerLines } from '../units/index.js';

export interface VerifiedCertificate {
  fullName: string;
  birthYear: number | null;
  programName: string;
  courseName: string;
  /** The issuing unit as named on the day of issue: "HUYỆN ỦY VĂN LÂM" over "TRUNG TÂM CHÍNH TRỊ". */
  unitParentBody: string;
  unitName: string;
  /** The same two lines, as the page shows them. */
  issuer: IssuerLines;
  issuedOn: string;
  number: string;
  status: CertificateStatus;
  /** For a replaced certificate, the number of the one that replaced it. */
  replacedBy: string | null;
}

type Found = Certificate & { enrollment: Enrollment & { trainee: Trainee; course: Course & { program: Program } } };

const include = [
  {
    model: Enrollment,
    as: 'enrollment',
    attributes: ['id'],
    include: [
      { model: Trainee, as: 'trainee', attributes: ['id', 'fullName', 'birthYear', 'birthDate'] },
      { model: Course, as: 'course', attributes: ['id', 'name'], include: [{ model: Program, as: 'program', attributes: ['id', 'name'] }] },
    ],
  },
];

const birthYearOf = (t: Trainee) => t.birthYear ?? (t.birthDate ? Number(String(t.birthDate).slice(0, 4)) : null);

/** A verification code is random and printed in the QR link; anything else is simply not found. */
export const isPlausibleCode = (code: string) => /^[A-Za-z0-9_-]{4,64}$/.test(code);

/**
 * Numbers are compared as printed, whatever case or spacing was typed, and with the sequence's leading zeros
 * put back: "125/2024/GCN-TTCTVL" is "0125/2024/GCN-TTCTVL" (the sequence is printed on at least 4 digits).
 */
export const normalizeNumber = (number: string) =>
  cleanText(number)
    .toUpperCase()
    .replace(/\s*\/\s*/g, '/')
    .replace(/^0*(\d{1,4})\//, (_all, seq: string) => `${seq.padStart(4, '0')}/`);

async function present(found: Found): Promise<VerifiedCertificate> {
  const replacement =
    found.status === 'replaced'
      ? await Certificate.findOne({ where: { replacesId: found.id }, attributes: ['number'], order: [['id', 'DESC']] })
      : null;
  const trainee = found.enrollment.trainee;
  return {
    fullName: trainee.fullName,
    birthYear: birthYearOf(trainee),
    programName: found.enrollment.course.program.name,
    courseName: found.enrollment.course.name,
    unitParentBody: found.unitParentBody,
    unitName: found.unitName,
    issuer: issuerLines(found.unitParentBody, found.unitName),
    issuedOn: found.issuedOn,
    number: found.number,
    status: found.status,
    replacedBy: replacement?.number ?? null,
  };
}

export async function verifyByCode(code: string): Promise<VerifiedCertificate | null> {
  if (!isPlausibleCode(code)) return null;
  const found = (await Certificate.findOne({ where: { verifyCode: code }, include })) as Found | null;
  return found ? present(found) : null;
}

/**
 * By number and birth year. "No such number" and "wrong birth year" both answer null after the same one
 * query, so the page and its timing cannot tell them apart.
 */
export async function verifyByNumber(number: string, birthYear: number): Promise<VerifiedCertificate | null> {
  const candidates = (await Certificate.findAll({ where: { number: normalizeNumber(number) }, include, limit: 5 })) as Found[];
  const match = candidates.find((c) => birthYearOf(c.enrollment.trainee) === birthYear);
  return match ? present(match) : null;
}
