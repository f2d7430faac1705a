// Printable activation slips: four to an A4 page, cut along the dashed lines and handed to each trainee.
// DejaVu fonts (Vietnamese extracts exactly) and NFC text, as everywhere in the app's PDFs.
import PDFDocument from 'pdfkit';
import { formatDate } from '../lib/format.js';
import { FONT_FILES, MONO_BOLD_FONT_FILE, nfc, qrPng } from '../pdf/index.js';
import type { Slip } from './issue.service.js';

const PAGE = { width: 595.28, height: 841.89, margin: 28 };
const PER_PAGE = 4;
const PAD = 14;
const QR_SIZE = 92;

export interface SlipOptions {
  publicUrl: string;
  /** The issuing unit, printed at the top of each slip. */
  issuer: string;
}

export async function renderSlips(slips: Slip[], options: SlipOptions): Promise<Buffer> {
  const activateUrl = `${options.publicUrl}/activate`;
  const loginUrl = `${options.publicUrl}/login`;
  // The QR leads to the activation page only: the code itself never goes into a URL.
  const qr = await qrPng(activateUrl);

  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    autoFirstPage: false,
    info: { Title: nfc('Phiếu kích hoạt tài khoản học viên'), Author: nfc(options.issuer) },
  });
  doc.registerFont('regular', FONT_FILES.regular);
  doc.registerFont('bold', FONT_FILES.bold);
  doc.registerFont('mono', MONO_BOLD_FONT_FILE);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const slipHeight = (PAGE.height - 2 * PAGE.margin) / PER_PAGE;
  const slipWidth = PAGE.width - 2 * PAGE.margin;
  const textWidth = slipWidth - 2 * PAD - QR_SIZE - PAD;

  slips.forEach((slip, index) => {
    const position = index % PER_PAGE;
    if (position === 0) doc.addPage();
    const top = PAGE.margin + position * slipHeight;
    const left = PAGE.margin;

    doc.save().lineWidth(0.6).dash(4, { space: 3 }).strokeColor('#888888').rect(left, top + 2, slipWidth, slipHeight - 4).stroke().restore();

    const x = left + PAD;
    let y = top + PAD;
    doc.font('regular').fontSize(8).fillColor('#555555').text(nfc(options.issuer.toUpperCase()), x, y, { width: textWidth });
    y = doc.y + 2;
    doc.font('bold').fontSize(12).fillColor('#000000').text(nfc('PHIẾU KÍCH HOẠT TÀI KHOẢN HỌC VIÊN'), x, y, { width: textWidth });
    y = doc.y + 4;
    doc.font('regular').fontSize(10).text(nfc('Họ và tên: '), x, y, { continued: true }).font('bold').text(nfc(slip.fullName));
    doc.font('regular').fontSize(9.5).text(nfc(`Số CCCD: ${slip.maskedNationalId ?? ''}    Tên đăng nhập: ${slip.username} (hoặc số CCCD)`), x, doc.y + 1, { width: textWidth });
    y = doc.y + 5;
    doc.font('regular').fontSize(9.5).text(nfc('Mã kích hoạt:'), x, y + 5, { continued: false });
    doc.font('mono').fontSize(20).text(slip.code, x + 78, y, { lineBreak: false });
    y += 27;
    doc.font('regular').fontSize(8.5).fillColor('#333333')
      .text(nfc(`Dùng một lần, đến hết ngày ${formatDate(slip.expiresAt)}. Giữ kín mã này, không đưa cho người khác.`), x, y, { width: textWidth });
    const steps = [
      'Cách kích hoạt:',
      `1. Mở trang ${activateUrl} (hoặc quét mã QR bên cạnh).`,
      '2. Nhập số CCCD của bạn, mã kích hoạt ở trên và tự đặt mật khẩu (ít nhất 8 ký tự).',
      `3. Lần sau, đăng nhập tại ${loginUrl} bằng số CCCD và mật khẩu đó để xem kết quả học tập và tải giấy chứng nhận.`,
    ];
    doc.moveDown(0.2);
    for (const step of steps) doc.text(nfc(step), x, doc.y, { width: textWidth });

    const qrX = left + slipWidth - PAD - QR_SIZE;
    const qrY = top + PAD + 6;
    doc.image(qr, qrX, qrY, { width: QR_SIZE, height: QR_SIZE });
    doc.font('regular').fontSize(7).fillColor('#555555').text(nfc('Quét để mở trang kích hoạt'), qrX - 6, qrY + QR_SIZE + 3, { width: QR_SIZE + 12, align: 'center' });
    doc.fillColor('#000000');
  });

  doc.end();
  return done;
}
