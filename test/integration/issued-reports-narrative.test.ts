// The board's text in the province report (issue #11, item 8), as the renderer sets it: the usual parts, each
// only when written and numbered as they stand; paragraphs justified with the body's first-line indent, run on
// over a page; and a report without text printed exactly as before.
import { expect } from 'chai';
import { loadProvinceReportSetup, renderProgressReportPdf, type ReportDocumentOptions } from '../../server/documents/index.js';
import { mm } from '../../server/pdf/index.js';
import { allText, makeProgressReport, pdfPages, type PdfPage } from '../helpers/documents.js';

const CREATED = new Date('2024-12-15T03:00:00Z');
const LEFT = mm(30);
const RIGHT = 595.28 - mm(15);

const WORDS = 'Công tác đào tạo, bồi dưỡng lý luận chính trị cho cán bộ, đảng viên được các cấp ủy quan tâm lãnh đạo, chỉ đạo sát sao'.split(' ');
const longParagraph = (words: number, tag: string) =>
  `${tag}-đầu ${Array.from({ length: words }, (_v, i) => WORDS[i % WORDS.length]).join(' ')} ${tag}-cuối.`;

/** The text lines of a page: items on one baseline, left to right. */
function lines(page: PdfPage): Array<{ y: number; x: number; end: number; text: string }> {
  const rows = new Map<number, PdfPage['items']>();
  for (const item of page.items) {
    const y = Math.round(item.y);
    rows.set(y, [...(rows.get(y) ?? []), item]);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([y, items]) => {
      const sorted = items.sort((a, b) => a.x - b.x);
      const last = sorted[sorted.length - 1]!;
      return { y, x: sorted[0]!.x, end: last.x + last.width, text: sorted.map((i) => i.str).join(' ') };
    });
}

describe('the province report’s own text', () => {
  let base: Omit<ReportDocumentOptions, 'narrative'>;

  before(async () => {
    base = { ...(await loadProvinceReportSetup('2024-12-15')), date: '2024-12-15', creationDate: CREATED };
  });

  it('when no text is written, then the paper is byte for byte the generated one, with no heading after I', async () => {
    const plain = await renderProgressReportPdf(makeProgressReport(), base);
    const empty = await renderProgressReportPdf(makeProgressReport(), { ...base, narrative: { strengths: '', proposals: null } });
    expect(empty.equals(plain)).to.equal(true);
    const text = allText(await pdfPages(plain));
    for (const heading of ['II.', 'ĐÁNH GIÁ', 'PHƯƠNG HƯỚNG', 'KIẾN NGHỊ', 'DỰ THẢO']) expect(text).not.to.contain(heading);
  });

  it('when only some parts are written, then only they print, numbered as they stand, and section III names the period that follows', async () => {
    const pdf = await renderProgressReportPdf(makeProgressReport({ period: 'h1', asOf: '2024-06-30' }), {
      ...base,
      narrative: { weaknesses: 'Một số đơn vị mở lớp chậm.', directions: 'Hoàn thành kế hoạch năm.' },
    });
    const text = allText(await pdfPages(pdf));
    expect(text).to.contain('II. ĐÁNH GIÁ 1. Hạn chế Một số đơn vị mở lớp chậm.');
    expect(text).to.contain('III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2024 Hoàn thành kế hoạch năm.');
    for (const absent of ['Ưu điểm', 'Nguyên nhân', 'KIẾN NGHỊ', 'IV.']) expect(text).not.to.contain(absent);
  });

  it('when a paragraph is longer than the room left on the page, then it runs on to the next, justified, with the first line indented and every line inside the margins', async () => {
    const pdf = await renderProgressReportPdf(makeProgressReport(), {
      ...base,
      narrative: { strengths: `${longParagraph(700, 'A')}\n${longParagraph(40, 'B')}` },
    });
    const pages = await pdfPages(pdf);
    const start = pages.findIndex((p) => p.text.includes('A-đầu'));
    const end = pages.findIndex((p) => p.text.includes('A-cuối'));
    expect(end, 'the paragraph spans a page break').to.equal(start + 1);
    // It starts on the page where "1. Ưu điểm" stands, right under it, not on a page of its own.
    expect(pages[start]!.text).to.contain('1. Ưu điểm');
    const body = [...lines(pages[start]!), ...lines(pages[end]!)].filter((l) => /Công tác|A-đầu|A-cuối|B-đầu/.test(l.text));
    const first = body.find((l) => l.text.startsWith('A-đầu'))!;
    expect(first.x).to.be.closeTo(LEFT + 28, 0.5);
    for (const line of body) {
      expect(line.x, line.text).to.be.at.least(LEFT - 0.5);
      expect(line.end, line.text).to.be.at.most(RIGHT + 0.5);
    }
    // Every line but the paragraph's last reaches the right margin.
    const inner = body.filter((l) => !l.text.includes('A-cuối') && !l.text.includes('B-'));
    expect(inner.length).to.be.greaterThan(20);
    for (const line of inner) expect(line.end, line.text).to.be.closeTo(RIGHT, 1.5);
    // The second paragraph starts on a line of its own, indented again.
    const second = lines(pages[end]!).find((l) => l.text.startsWith('B-đầu'))!;
    expect(second.x).to.be.closeTo(LEFT + 28, 0.5);
    // Nothing is lost or doubled across the break.
    const words = allText(pages).match(/Công tác/g)!.length;
    expect(words).to.equal(Math.ceil(700 / WORDS.length) + Math.ceil(40 / WORDS.length));
  });

  it('when a preview replaces an earlier report, then every page is stamped DỰ THẢO and the title says what it replaces', async () => {
    const pdf = await renderProgressReportPdf(makeProgressReport(), { ...base, draft: true, number: '5', replaces: { symbol: '3-BC/BTGTU', date: '2024-12-01' } });
    const pages = await pdfPages(pdf);
    expect(pages.length).to.be.greaterThan(2);
    for (const page of pages) expect(page.text).to.contain('DỰ THẢO');
    expect(pages[0]!.text).to.contain('Báo cáo này thay thế Báo cáo số 3-BC/BTGTU ngày 01/12/2024.');
    expect(pages[0]!.text).to.contain('Số 5-BC/BTGTU');
  });
});
