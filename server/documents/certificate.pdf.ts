// Certificates (issue #5 part 4d): A4 landscape, one a page, the issuing unit and signer as printed on the
// day of issue, and a QR code to the public verification address. A certificate that is no longer valid
// prints only for the issuing unit and the board, crossed by "ĐÃ THU HỒI" / "ĐÃ CẤP LẠI".
import { PdfWriter, closing, mm, partyHeader, qrPng, upper } from '../pdf/index.js';
import { placeDateLine } from '../pdf/index.js';
import type { CertificateDoc } from './certificates.data.js';
import { common, date, say } from './words.js';

export interface CertificatePdfOptions {
  /** The app's public base URL (config.publicUrl): the QR code leads to `${publicUrl}/verify/<code>`. */
  publicUrl: string;
  creationDate?: Date;
  title?: string;
}

const MARGINS = { top: mm(24), right: mm(26), bottom: mm(22), left: mm(26) };
const RED = '#9b111e';
const QR_SIZE = 78;

export const verifyUrl = (publicUrl: string, code: string) => `${publicUrl.replace(/\/+$/, '')}/verify/${code}`;
/** The address without its scheme, short enough to type from paper. */
export const shortAddress = (url: string) => url.replace(/^https?:\/\//, '');

function frame(w: PdfWriter): void {
  const d = w.doc;
  const outer = mm(11);
  const inner = mm(13.5);
  d.save().lineWidth(2.4).strokeColor(RED).rect(outer, outer, w.pageWidth - 2 * outer, w.pageHeight - 2 * outer).stroke().restore();
  d.save().lineWidth(0.7).strokeColor(RED).rect(inner, inner, w.pageWidth - 2 * inner, w.pageHeight - 2 * inner).stroke().restore();
}

function watermark(w: PdfWriter, text: string): void {
  const d = w.doc;
  const cx = w.pageWidth / 2;
  const cy = w.pageHeight / 2;
  d.save();
  d.rotate(-24, { origin: [cx, cy] });
  d.fillOpacity(0.2);
  w.textAt(text, { x: 0, y: cy - 45, width: w.pageWidth, align: 'center', size: 86, style: 'bold', color: RED });
  d.restore();
}

function statusNote(c: CertificateDoc): string | null {
  if (c.status === 'revoked') return say('certificate.revokedNote', { when: c.revokedOn ? say('certificate.revokedOn', { date: date(c.revokedOn) }) : '' });
  if (c.status === 'replaced') return c.replacedBy ? say('certificate.replacedNote', { number: c.replacedBy }) : say('certificate.replacedNoteNoNumber');
  return null;
}

async function page(w: PdfWriter, c: CertificateDoc, options: CertificatePdfOptions): Promise<void> {
  frame(w);
  partyHeader(w, { parentBody: c.unitParentBody, headerName: c.unitName, place: c.place, date: null, leftShare: 0.42, size: 11.5 });

  const isDiploma = !/^giấy chứng nhận/i.test(c.credential.normalize('NFC'));
  w.y += 4;
  w.block(upper(c.credential), { align: 'center', style: 'bold', size: isDiploma ? 24 : 30, color: RED, gapAfter: 6 });
  const note = statusNote(c);
  if (note) w.block(note, { align: 'center', style: 'bold', size: 10.5, color: RED, gapAfter: 4 });
  w.y += 10;

  const x = w.left + 70;
  const width = w.width - 140;
  // One size a line: PDFKit lines up mixed sizes by their tops, not their baselines.
  const line = (parts: Array<[string, ('regular' | 'bold' | 'italic')?]>, size = 13) => {
    w.y += w.runs(parts, { x, y: w.y, width, size, lineGap: 1 }) + 7;
  };
  line([[say(isDiploma ? 'certificate.award' : 'certificate.certify')], [c.traineeName, 'bold']], 14.5);
  if (c.birthDate) line([[say('certificate.born', { date: date(c.birthDate) })]]);
  else if (c.birthYear) line([[say('certificate.bornYear', { year: c.birthYear })]]);
  if (c.sendingOrg) line([[say('certificate.sendingOrg', { org: c.sendingOrg })]]);
  line([[say('certificate.completed')], [c.programName, 'bold']]);
  line([[say('certificate.course', { name: c.courseName })]]);
  line([[say('certificate.dates', { from: date(c.startDate), to: date(c.endDate) })]]);
  if (c.scored && c.grade) line([[say('certificate.grade')], [common(`grades.${c.grade}`), 'bold']]);
  if (c.decisionNumber) line([[say('certificate.decision', { number: c.decisionNumber }), 'italic']], 12);

  // The foot: number and QR code on the left, date and signature on the right, on the same line.
  const footTop = Math.max(w.y + 6, w.bottom - 150);
  const url = verifyUrl(options.publicUrl, c.verifyCode);
  let y = footTop;
  y += w.textAt(say('certificate.number', { number: c.number }), { x: w.left, y, width: 230, size: 11, style: 'bold' }) + 6;
  w.doc.image(await qrPng(url), w.left, y, { width: QR_SIZE, height: QR_SIZE });
  y += QR_SIZE + 3;
  w.textAt(say('certificate.verify', { address: shortAddress(url) }), { x: w.left, y, width: 260, size: 7.5 });

  w.y = footTop;
  closing(w, {
    recipients: [],
    signer: { authority: c.signerAuthority, title: c.signerTitle, name: c.signerName },
    placeDate: placeDateLine(c.place, c.issuedOn),
    signSpace: 58,
    size: 11.5,
  });

  if (c.status !== 'valid') watermark(w, say(c.status === 'revoked' ? 'certificate.revoked' : 'certificate.replaced'));
}

/** One certificate a page, in the order given. */
export async function renderCertificatesPdf(certificates: CertificateDoc[], options: CertificatePdfOptions): Promise<Buffer> {
  const first = certificates[0];
  const w = new PdfWriter({
    title: options.title ?? (first ? say('certificate.fileTitle', { number: first.number }) : ''),
    orientation: 'landscape',
    margins: { landscape: MARGINS },
    creationDate: options.creationDate,
    pageNumbers: false,
  });
  for (const [index, c] of certificates.entries()) {
    if (index > 0) w.addPage('landscape');
    await page(w, c, options);
  }
  return w.finish();
}

export const renderCertificatePdf = (certificate: CertificateDoc, options: CertificatePdfOptions) => renderCertificatesPdf([certificate], options);
