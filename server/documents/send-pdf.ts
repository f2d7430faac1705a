import type { Response } from 'express';

/**
 * Sends a PDF to open in the browser (and print from there), under an ASCII file name. Documents carry
 * personal data: no shared cache may keep them.
 */
export function sendPdf(res: Response, pdf: Buffer, filename: string): void {
  res
    .status(200)
    .type('application/pdf')
    .set('Content-Disposition', `inline; filename="${filename.replace(/[^\w.-]/g, '-')}"`)
    .set('Cache-Control', 'private, no-store')
    .set('Content-Length', String(pdf.length))
    .end(pdf);
}
