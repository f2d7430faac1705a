export { FONT_FILES, MONO_BOLD_FONT_FILE, type FontStyle } from './fonts.js';
export { closing, documentTitle, partyHeader, recipientLines, type DocumentIssuer, type Signer } from './party-document.js';
export { LANDSCAPE_MARGINS, PORTRAIT_MARGINS, PdfWriter, mm, nfc, type Orientation, type PdfOptions } from './pdf-writer.js';
export { qrPng } from './qr.js';
export { drawTable, type BarCell, type CellValue, type Column, type RowKind, type TableRow } from './table.js';
export { documentNumber, placeDateLine, roman, upper } from './vietnamese.js';
