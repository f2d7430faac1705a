// Factories and helpers for trainee accounts, the trainee's own pages and public verification.
import path from 'node:path';
import { hashPassword } from '../../server/auth/password.js';
import { User, type Trainee } from '../../server/db/models.js';
import { projectRoot } from '../../server/paths.js';
import { makeCertificate } from './certificates.js';
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
