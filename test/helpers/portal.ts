// Factories and helpers for trainee accounts, the trainee's own pages and public verification.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Express } from 'express';
import { hashPassword } from '../../server/auth/password.js';
import { Certificate, Course, Enrollment, Unit, User, type Trainee } from '../../server/db/models.js';
import { projectRoot } from '../../server/paths.js';
import { makeCourse, makeEnrollment, makeTrainee, unique } from './factories.js';
import { TEST_PASSWORD } from './http.js';

let hashed: Promise<string> | null = null;
const testHash = () => (hashed ??= hashPassword(TEST_PASSWORD, 10));

/** An activated trainee account for a trainee record, signing in with TEST_PASSWORD. */
export async function makeTraineeUser(trainee: Trainee, options: { username?: string } = {}): Promise<User> {
  return User.create({
    username: options.username ?? unique('hv'),
    fullName: trainee.fullName,
    role: 'trainee',
    unitId: null,
    traineeId: trainee.id,
    passwordHash: await testHash(),
  });
}

// Far from the small sequence numbers other factories use, so rows from several suites never collide.
let certificateSeq = 50_000 + Math.floor(Math.random() * 1_000) * 100;

/** A certificate row for an enrollment, numbered like the real ones; the issuing unit is the course's. */
export async function makeCertificate(
  enrollment: Enrollment,
  overrides: Partial<{ status: Certificate['status']; number: string; verifyCode: string; replacesId: number | null; issuedOn: string; unitName: string; unitParentBody: string }> = {},
): Promise<Certificate> {
  const course = (await Course.findByPk(enrollment.courseId, { include: [{ model: Unit, as: 'unit' }] })) as Course & { unit: Unit };
  const seq = ++certificateSeq;
  const issuedOn = overrides.issuedOn ?? course.endDate;
  const year = Number(issuedOn.slice(0, 4));
  return Certificate.create({
    enrollmentId: enrollment.id,
    unitId: course.unitId,
    year,
    seq,
    number: overrides.number ?? `${String(seq).padStart(4, '0')}/${year}/GCN-${course.unit.symbol}`,
    issuedOn,
    unitName: overrides.unitName ?? course.unit.headerName,
    unitParentBody: overrides.unitParentBody ?? course.unit.parentBody,
    signerName: 'Nguyễn Văn Tuấn',
    signerTitle: 'GIÁM ĐỐC',
    signerAuthority: null,
    verifyCode: overrides.verifyCode ?? randomBytes(12).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x'),
    status: overrides.status ?? 'valid',
    replacesId: overrides.replacesId ?? null,
  });
}

/** A trainee who finished a course of the given unit, with a valid certificate. */
export async function makeCertifiedTrainee(options: { unitCode?: string; nationalId?: string | null; birthDate?: string | null } = {}) {
  const trainee = await makeTrainee({ unitCode: options.unitCode, nationalId: options.nationalId, birthDate: options.birthDate });
  const course = await makeCourse({ unitCode: options.unitCode ?? 'TTCTVL' });
  const enrollment = await makeEnrollment(course, trainee, { status: 'completed', score: 8.4, grade: 'good', attendance: 0.95 });
  const certificate = await makeCertificate(enrollment);
  return { trainee, course, enrollment, certificate };
}

/** The activation codes shown on an issuing response, in page order. */
export function codesFrom(html: string): string[] {
  return [...html.matchAll(/<code[^>]*data-code[^>]*>([A-Z0-9-]+)<\/code>/g)].map((m) => m[1]!);
}

interface LayerLike {
  match(path: string): { path: string } | false;
  route?: { methods: Record<string, boolean> };
  handle: { stack?: LayerLike[] };
}

/** Whether the app has a route for this method and path, whoever registered it (for tests of routes that land later). */
export function hasRoute(app: Express, method: string, path: string): boolean {
  const walk = (stack: LayerLike[], rest: string): boolean =>
    stack.some((layer) => {
      const matched = layer.match(rest);
      if (!matched) return false;
      if (layer.route) return Boolean(layer.route.methods[method.toLowerCase()] || layer.route.methods._all);
      if (layer.handle.stack) return walk(layer.handle.stack, rest.slice(matched.path.length) || '/');
      return false;
    });
  return walk((app as unknown as { router: { stack: LayerLike[] } }).router.stack, path);
}

type JsQr = (data: Uint8ClampedArray, width: number, height: number, options?: { inversionAttempts: 'dontInvert' }) => { data: string } | null;
interface Context2d {
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
}

/**
 * The text of the first QR code drawn on a PDF page: the page is rendered (pdfjs with its Node canvas) and
 * scanned whole, then in overlapping tiles, since jsQR reads one code per image.
 */
export async function qrFromPdf(pdfBytes: Buffer, pageNumber = 1, scale = 2): Promise<string | null> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // jsqr is CommonJS: its function is module.exports (or its .default, depending on the loader).
  const jsqr = (await import('jsqr')) as unknown as { default: JsQr & { default?: JsQr } };
  const jsQR = jsqr.default.default ?? jsqr.default;
  const standardFontDataUrl = path.join(projectRoot, 'node_modules/pdfjs-dist/standard_fonts/');
  const pdf = await getDocument({ data: new Uint8Array(pdfBytes), standardFontDataUrl }).promise;
  const page = await pdf.getPage(pageNumber);
  const viewport = page.getViewport({ scale });
  const factory = (pdf as unknown as { canvasFactory: { create(w: number, h: number): { canvas: unknown; context: Context2d } } }).canvasFactory;
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  const { canvas, context } = factory.create(width, height);
  await page.render({ canvasContext: context, viewport, canvas } as never).promise;
  const scan = (x: number, y: number, w: number, h: number) => {
    const image = context.getImageData(x, y, w, h);
    return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), w, h, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
  const whole = scan(0, 0, width, height);
  if (whole) return whole;
  // Several codes on one page (or none found whole): horizontal bands, then a grid, each overlapping.
  for (const [cols, rows] of [[1, 4], [2, 2], [3, 3]] as const) {
    const w = Math.min(width, Math.ceil((width / cols) * (cols > 1 ? 1.4 : 1)));
    const h = Math.min(height, Math.ceil((height / rows) * 1.4));
    for (let j = 0; j < rows; j++) {
      for (let i = 0; i < cols; i++) {
        const x = Math.max(0, Math.min(Math.floor((i * width) / cols), width - w));
        const y = Math.max(0, Math.min(Math.floor((j * height) / rows), height - h));
        const found = scan(x, y, w, h);
        if (found) return found;
      }
    }
  }
  return null;
}
