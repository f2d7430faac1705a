// The board's own words in the province report (issue #11, item 8): the usual parts of a Party report around
// the generated figures — an opening for "I. KẾT QUẢ THỰC HIỆN", then "II. ĐÁNH GIÁ" (ưu điểm, hạn chế,
// nguyên nhân), "III. PHƯƠNG HƯỚNG, NHIỆM VỤ …" and "IV. KIẾN NGHỊ, ĐỀ XUẤT". A part prints only when it has
// text, and the parts are numbered as they stand, so a report with no text prints exactly as generated.
import { nfc, roman, type PdfWriter } from '../pdf/index.js';
import type { Period } from '../reports/report.types.js';
import { BODY_SIZE, INDENT, heading, type ReportDocumentOptions } from './report-document.js';
import { date, say } from './words.js';

/** Each part as the board typed it; a line break starts a new paragraph. */
export interface ReportNarrative {
  /** Opening of "I. KẾT QUẢ THỰC HIỆN", before the generated results. */
  results?: string | null;
  strengths?: string | null;
  weaknesses?: string | null;
  causes?: string | null;
  directions?: string | null;
  proposals?: string | null;
}

export const NARRATIVE_PARTS = ['results', 'strengths', 'weaknesses', 'causes', 'directions', 'proposals'] as const;
export type NarrativePart = (typeof NARRATIVE_PARTS)[number];

const LINE_GAP = 2.5;
const PARAGRAPH_GAP = 5;

/** The paragraphs of a part: one per line, blank lines and surrounding spaces dropped. */
export function paragraphsOf(text: string | null | undefined): string[] {
  return nfc(text)
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
}

export const hasText = (text: string | null | undefined) => paragraphsOf(text).length > 0;

/** The stamp of a preview ("DỰ THẢO"), for the PdfWriter; none on an issued or plain paper. */
export const draftStamp = (options: Pick<ReportDocumentOptions, 'draft'>) => (options.draft ? say('narrative.draft') : undefined);

/** Under the title of a report that replaces another: "Báo cáo này thay thế Báo cáo số 12-BC/BTGTU ngày 15/12/2024." */
export function replacesNote(w: PdfWriter, options: Pick<ReportDocumentOptions, 'replaces'>): void {
  if (!options.replaces) return;
  w.block(say('narrative.replaces', { symbol: options.replaces.symbol, date: date(options.replaces.date) }), {
    align: 'center',
    style: 'italic',
    size: BODY_SIZE,
    gapAfter: 8,
  });
}

/** The board's opening of section I, right under its heading. */
export function resultsIntro(w: PdfWriter, options: Pick<ReportDocumentOptions, 'narrative'>): void {
  for (const p of paragraphsOf(options.narrative?.results)) narrativeParagraph(w, p);
}

/** Sections II–IV after the generated results, each only when it has text, numbered from II in order. */
export function narrativeSections(w: PdfWriter, report: { year: number; period: Period }, options: Pick<ReportDocumentOptions, 'narrative'>): void {
  const n = options.narrative;
  if (!n) return;
  const titles: Array<[title: string, paragraphs: () => void]> = [];
  const assessment = (['strengths', 'weaknesses', 'causes'] as const).filter((part) => hasText(n[part]));
  if (assessment.length > 0) {
    titles.push([
      say('narrative.assessment'),
      () =>
        assessment.forEach((part, i) => {
          heading(w, `${i + 1}. ${say(`narrative.${part}`)}`);
          for (const p of paragraphsOf(n[part])) narrativeParagraph(w, p);
        }),
    ]);
  }
  const text = (part: 'directions' | 'proposals') => () => paragraphsOf(n[part]).forEach((p) => narrativeParagraph(w, p));
  const next = say(`narrative.next.${report.period}`, { year: report.year, nextYear: report.year + 1 });
  if (hasText(n.directions)) titles.push([say('narrative.directions', { next }), text('directions')]);
  if (hasText(n.proposals)) titles.push([say('narrative.proposals'), text('proposals')]);
  // Section I is the generated results: the board's sections follow from II.
  titles.forEach(([title, body], i) => {
    heading(w, `${roman(i + 2)}. ${title}`);
    body();
  });
}

interface Line {
  text: string;
  /** Set flush to both margins; the last line of a paragraph is not. */
  justified: boolean;
}

/** Greedy line breaking at spaces, the first line narrower by the indent; a word wider than a line is cut. */
function breakLines(w: PdfWriter, text: string, width: number): Line[] {
  const widthOf = (s: string) => w.doc.widthOfString(s);
  const lines: Line[] = [];
  let current = '';
  const room = () => (lines.length === 0 ? width - INDENT : width);
  const push = (line: string) => lines.push({ text: line, justified: true });
  for (const word of text.split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (widthOf(candidate) <= room()) {
      current = candidate;
      continue;
    }
    if (current) push(current);
    current = word;
    // A word longer than a whole line (a web address): cut it where the line ends.
    while (widthOf(current) > room()) {
      let cut = current.length - 1;
      while (cut > 1 && widthOf(current.slice(0, cut)) > room()) cut--;
      lines.push({ text: current.slice(0, cut), justified: false });
      current = current.slice(cut);
    }
  }
  if (current) lines.push({ text: current, justified: false });
  return lines;
}

/**
 * One paragraph as the body text sets it (justified, first line indented), laid out line by line so that a
 * long paragraph runs on over the page instead of jumping whole to the next one; never one line alone at the
 * foot of a page or at its head.
 */
export function narrativeParagraph(w: PdfWriter, text: string): void {
  w.font('regular', BODY_SIZE);
  const doc = w.doc;
  const lineHeight = doc.currentLineHeight(true) + LINE_GAP;
  const lines = breakLines(w, nfc(text), w.width);
  // A short paragraph stays whole; a longer one starts only where two of its lines fit.
  w.ensureSpace(lineHeight * (lines.length <= 3 ? lines.length : 2));
  lines.forEach((line, i) => {
    const rest = lines.length - i;
    // A break before the last line would leave it alone at the head of the next page: break one line earlier.
    const needed = rest === 2 && i > 0 ? 2 * lineHeight : lineHeight;
    if (w.y + needed > w.bottom && w.y > w.margins.top) w.addPage();
    w.font('regular', BODY_SIZE);
    const indent = i === 0 ? INDENT : 0;
    const x = w.left + indent;
    const words = line.text.split(' ');
    let wordSpacing = 0;
    if (line.justified && words.length > 1) {
      const bare = doc.widthOfString(words.join(''));
      wordSpacing = Math.max(0, (w.width - indent - bare) / (words.length - 1) - doc.widthOfString(' '));
    }
    doc.fillColor('black').text(line.text, x, w.y, { lineBreak: false, wordSpacing });
    w.y += lineHeight;
  });
  w.y += PARAGRAPH_GAP;
}
