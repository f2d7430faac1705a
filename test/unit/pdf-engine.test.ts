import { expect } from 'chai';
import { PdfWriter, drawTable, type Column } from '../../server/pdf/index.js';
import { pdfPages } from '../helpers/documents.js';

const columns: Column[] = [
  { header: 'STT', width: 8, align: 'center' },
  { header: 'Họ và tên', width: 40 },
  { header: 'KH', group: 'Số học viên', width: 12, align: 'right' },
  { header: 'TH', group: 'Số học viên', width: 12, align: 'right' },
  { header: 'Ngày', width: 8, align: 'center', fit: true },
];

async function table(rows: number, creationDate?: Date): Promise<Buffer> {
  const w = new PdfWriter({ title: 'Thử bảng', creationDate });
  w.block('Bảng thử nghiệm', { style: 'bold' });
  drawTable(w, {
    columns,
    rows: [
      ...Array.from({ length: rows }, (_, i) => ({ cells: [String(i + 1), `Nguyễn Văn Dũng ${i + 1}`, '1.200', '1.180', '27/12/2024'] })),
      { kind: 'total' as const, cells: ['', 'Tổng cộng', '12.000', '11.800', ''] },
    ],
  });
  return w.finish();
}

describe('the PDF layout engine', () => {
  it('when a table runs over pages, then every page repeats both header rows and is numbered Trang x/y', async () => {
    const pages = await pdfPages(await table(90));
    expect(pages.length).to.be.at.least(2);
    pages.forEach((page, i) => {
      expect(page.text).to.match(/^(Bảng thử nghiệm )?Số học viên STT Họ và tên KH TH Ngày /);
      expect(page.text).to.contain(`Trang ${i + 1}/${pages.length}`);
    });
    expect(pages[pages.length - 1]!.text).to.contain('Tổng cộng 12.000 11.800');
  });

  it('when a no-wrap cell is too narrow for its date, then the date is set smaller and stays whole inside the cell', async () => {
    const [page] = await pdfPages(await table(3));
    const dates = page!.items.filter((i) => i.str.includes('27/12'));
    expect(dates.map((d) => d.str)).to.deep.equal(['27/12/2024', '27/12/2024', '27/12/2024']);
    const right = page!.width - (15 * 72) / 25.4;
    for (const d of dates) expect(d.x + d.width).to.be.at.most(right);
  });

  it('when text arrives decomposed (NFD), then it is written composed (NFC)', async () => {
    const w = new PdfWriter({ title: 'NFD' });
    w.block('Nguyễn Thị Hằng, Văn Giang'.normalize('NFD'));
    const [page] = await pdfPages(await w.finish());
    expect(page!.text).to.contain('Nguyễn Thị Hằng, Văn Giang');
  });

  it('when the same content is written with the same creation date, then the bytes are identical', async () => {
    const date = new Date('2024-12-15T00:00:00Z');
    expect((await table(40, date)).equals(await table(40, date))).to.equal(true);
  });
});
