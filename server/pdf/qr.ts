// QR codes as PNG images: the same text always gives the same bytes, and a test can take the image back out
// of the PDF and decode it. Eight pixels a module print sharp at the size a certificate uses.
import QRCode from 'qrcode';

export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 8, color: { dark: '#000000', light: '#ffffff' } });
}
