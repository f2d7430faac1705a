// The fixed parts of a Party document (Hướng dẫn 36-HD/VPTW, 2018): the header with the issuing body and
// "ĐẢNG CỘNG SẢN VIỆT NAM", the document type and subject, "Nơi nhận:" and the signature block.
import { type PdfWriter } from './pdf-writer.js';
import { placeDateLine } from './vietnamese.js';

/** Who issues a document and who signs it. */
export interface DocumentIssuer {
  /** First header line, the body above the issuer: "TỈNH ỦY HƯNG YÊN", "HUYỆN ỦY VĂN LÂM". */
  parentBody: string;
  /** Second header line, the issuer: "BAN TUYÊN GIÁO", "TRUNG TÂM CHÍNH TRỊ". */
  headerName: string;
  /** The issuer in running text: "Ban Tuyên giáo Tỉnh ủy Hưng Yên". */
  fullName: string;
  /** In document numbers: "BTGTU". */
  symbol: string;
  /** In the date line: "Hưng Yên". */
  place: string;
  signer: Signer;
}

export interface Signer {
  /** "K/T TRƯỞNG BAN", "T/M ĐẢNG ỦY"; null when the head signs in their own name. */
  authority: string | null;
  title: string | null;
  name: string | null;
}

export interface HeaderOptions {
  parentBody: string;
  headerName: string;
  /** "Số 123-BC/BTGTU"; omitted on lists that carry no number. */
  numberLine?: string | null;
  /** The italic date line; omitted when null. */
  place: string;
  date: string | null;
  /** Width share of the left column (default 0.45). */
  leftShare?: number;
  size?: number;
}

const PARTY = 'ĐẢNG CỘNG SẢN VIỆT NAM';
const HANG = 7;

/** Draws the header at the top of the current page and moves the cursor below it. */
export function partyHeader(w: PdfWriter, options: HeaderOptions): void {
  const size = options.size ?? 11;
  const top = w.y;
  const leftWidth = w.width * (options.leftShare ?? 0.45);
  const rightX = w.left + leftWidth + 10;
  const rightWidth = w.right - rightX;

  let y = top;
  y += w.textAt(options.parentBody, { x: w.left, y, width: leftWidth, align: 'center', size });
  // A long issuer ("ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH") is set a little smaller to stay on one line, as a clerk would.
  const natural = w.widthOf(options.headerName, 'bold', size);
  const nameSize = natural > leftWidth - 2 ? Math.max(size - 2, (size * (leftWidth - 2)) / natural) : size;
  y += w.textAt(options.headerName, { x: w.left, y, width: leftWidth, align: 'center', size: nameSize, style: 'bold' });
  y += w.textAt('*', { x: w.left, y, width: leftWidth, align: 'center', size });
  if (options.numberLine) y += 2 + w.textAt(options.numberLine, { x: w.left, y: y + 2, width: leftWidth, align: 'center', size });

  let ry = top;
  const partySize = size + 0.5;
  const partyHeight = w.textAt(PARTY, { x: rightX, y: ry, width: rightWidth, align: 'center', size: partySize, style: 'bold' });
  const partyWidth = w.widthOf(PARTY, 'bold', partySize);
  const underlineY = ry + partyHeight + 1.5;
  const centre = rightX + rightWidth / 2;
  w.line(centre - partyWidth / 2, underlineY, centre + partyWidth / 2, underlineY, 0.7);
  ry = underlineY + 10;
  if (options.date) ry += w.textAt(placeDateLine(options.place, options.date), { x: rightX, y: ry, width: rightWidth, align: 'center', size, style: 'italic' });

  w.y = Math.max(y, ry) + 22;
}

/** "BÁO CÁO" and its subject under it, centred, with the short rule that closes the title. */
export function documentTitle(w: PdfWriter, type: string, subject: string | string[], options: { size?: number } = {}): void {
  const size = options.size ?? 14;
  w.block(type, { align: 'center', style: 'bold', size, gapAfter: 2 });
  for (const line of Array.isArray(subject) ? subject : [subject]) {
    w.block(line, { align: 'center', style: 'bold', size: size - 2.5, gapAfter: 1 });
  }
  w.block('-----', { align: 'center', size: size - 3, gapAfter: 12 });
}

export interface ClosingOptions {
  recipients: string[];
  signer: Signer;
  /** Date line above the signature (certificates, lists); reports carry it in the header instead. */
  placeDate?: string | null;
  /** Space left to sign, in points. */
  signSpace?: number;
  size?: number;
}

/** Items end with a comma, the last with a full stop, as a clerk writes them. */
export function recipientLines(recipients: string[]): string[] {
  return recipients.map((r, i) => `- ${r.replace(/[.,;]+$/, '')}${i === recipients.length - 1 ? '.' : ','}`);
}

function signerHeight(w: PdfWriter, options: ClosingOptions, width: number): number {
  const size = options.size ?? 11;
  let h = 0;
  if (options.placeDate) h += w.heightOf(options.placeDate, { width, size, style: 'italic' }) + 4;
  for (const line of [options.signer.authority, options.signer.title]) if (line) h += w.heightOf(line, { width, size, style: 'bold' });
  h += options.signSpace ?? 70;
  h += w.heightOf(options.signer.name ?? ' ', { width, size, style: 'bold' });
  return h;
}

/** "Nơi nhận:" bottom left and the signature block bottom right, kept together on one page. */
export function closing(w: PdfWriter, options: ClosingOptions): void {
  const size = options.size ?? 11;
  const leftWidth = w.width * 0.48;
  const rightX = w.left + w.width * 0.45;
  const rightWidth = w.right - rightX;
  const lines = recipientLines(options.recipients);
  const recipientSize = size - 1.5;
  const leftHeight = options.recipients.length
    ? w.heightOf('Nơi nhận:', { width: leftWidth, size }) +
      lines.reduce((sum, line) => sum + w.heightOf(line.slice(2), { width: leftWidth - HANG, size: recipientSize }), 0)
    : 0;
  const rightHeight = signerHeight(w, options, rightWidth);
  w.y += 8;
  w.ensureSpace(Math.max(leftHeight, rightHeight));
  const top = w.y;

  let y = top;
  if (options.recipients.length) {
    y += w.textAt('Nơi nhận:', { x: w.left, y, width: leftWidth, size, underline: true });
    for (const line of lines) {
      // "- " hangs in the margin of its item, so a wrapped item lines up under its own first word.
      w.textAt('-', { x: w.left, y, width: HANG, size: recipientSize });
      y += w.textAt(line.slice(2), { x: w.left + HANG, y, width: leftWidth - HANG, size: recipientSize });
    }
  }

  let ry = top;
  if (options.placeDate) ry += 4 + w.textAt(options.placeDate, { x: rightX, y: ry, width: rightWidth, align: 'center', size, style: 'italic' });
  for (const line of [options.signer.authority, options.signer.title]) {
    if (line) ry += w.textAt(line, { x: rightX, y: ry, width: rightWidth, align: 'center', size, style: 'bold' });
  }
  ry += options.signSpace ?? 70;
  if (options.signer.name) ry += w.textAt(options.signer.name, { x: rightX, y: ry, width: rightWidth, align: 'center', size, style: 'bold' });
  w.y = Math.max(y, ry) + 10;
}
