// Formula injection: a spreadsheet program treats a cell typed as =, +, - or @ as a formula (and a leading tab or
// CR can hide one), so an exported name like "=HYPERLINK(…)" could run when the file is opened or edited.
// - CSV: such text gets a leading apostrophe, which Excel reads as "this is text" (the OWASP advice);
// - .xlsx: text is stored as a string (never a formula) in a Text-formatted cell, so Excel shows it as written and
//   does not turn it into a formula even when someone edits the cell; the value itself is not altered.
// Only text is guarded: a negative number written as a number stays a number.
const FORMULA_START = /^[=+\-@\t\r]/;

export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

export function guardCsvText(text: string): string {
  return startsLikeFormula(text) ? `'${text}` : text;
}
