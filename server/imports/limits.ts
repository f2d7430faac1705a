// What an uploaded roster or results file may weigh. The byte limit is the upload limit of server/http/body.ts;
// the others bound what a small file can expand into, so that no upload can exhaust memory or time.
import { MAX_UPLOAD_BYTES } from '../http/body.js';

export const LIMITS = {
  /** Bytes of the uploaded file (multer refuses larger uploads before they reach the engine). */
  maxBytes: MAX_UPLOAD_BYTES,
  /** Trainee rows per file, after the header row; empty rows are not counted. */
  maxDataRows: 10_000,
  /** Title and note rows tolerated around the data (a header may sit under a title block). */
  maxExtraRows: 100,
  /** The header is looked for in this many first non-empty rows. */
  headerScanRows: 20,
  /** Cells right of this column are ignored: no roster has that many columns, and it bounds memory. */
  maxColumns: 200,
  /** Non-empty cells in the sheet: 10,000 rows of 50 filled columns. */
  maxCells: 500_000,
  /** .xlsx: entries in the zip (a roster workbook has 10 to 30). */
  maxZipEntries: 1_000,
  /** .xlsx: total uncompressed size of all entries, as declared and then as actually inflated. */
  maxUncompressedBytes: 50 * 1024 * 1024,
  /** .xlsx: spreadsheet XML compresses 3 to 20 times; past this ratio an entry is a decompression bomb. */
  maxCompressionRatio: 200,
  /** The ratio is judged only for entries larger than this, where it can matter. */
  ratioMinBytes: 1024 * 1024,
} as const;
