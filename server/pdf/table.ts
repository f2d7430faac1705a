// Ruled tables as the board prints them: a one- or two-level header (columns under a group such as
// "Số học viên"), cells that wrap inside their width, numbers aligned right, bold subtotal and total rows,
// a fulfillment bar inside a cell, and the header drawn again at the top of every page the table reaches.
import type { PdfWriter } from './pdf-writer.js';

export interface Column {
  header: string;
  /** Columns side by side with the same group share a header cell above theirs. */
  group?: string;
  /** Relative width; the table fills the width it is given. */
  width: number;
  align?: 'left' | 'center' | 'right';
  /** Never wrap (dates, numbers, certificate numbers): type that does not fit is set smaller instead. */
  fit?: boolean;
}

export interface BarCell {
  text: string;
  /** A fraction; the bar fills the cell's width at 1 (100%) and stops there. */
  bar: number | null;
  /** A tick on the bar, e.g. where the unit should be by now. */
  mark?: number | null;
}

export type CellValue = string | BarCell;
export type RowKind = 'normal' | 'group' | 'subtotal' | 'total';

export interface TableRow {
  cells: CellValue[];
  kind?: RowKind;
}

export interface TableOptions {
  columns: Column[];
  rows: TableRow[];
  size?: number;
  headerSize?: number;
  padding?: number;
  /** A row of column numbers (1), (2)… under the header, as statistical tables carry. */
  numberRow?: boolean;
}

const BAR_HEIGHT = 4;
const BAR_GAP = 2;
const FILL: Partial<Record<RowKind, string>> = { total: '#e6e6e6', subtotal: '#f2f2f2' };

interface Span {
  label: string;
  from: number;
  to: number;
}

const isBar = (cell: CellValue): cell is BarCell => typeof cell === 'object' && cell !== null;
const textOf = (cell: CellValue | undefined) => (cell === undefined ? '' : isBar(cell) ? cell.text : cell);

export function drawTable(w: PdfWriter, options: TableOptions): void {
  const size = options.size ?? 9;
  const headerSize = options.headerSize ?? size;
  const pad = options.padding ?? 3;
  const totalWeight = options.columns.reduce((s, c) => s + c.width, 0);
  const widths = options.columns.map((c) => (c.width / totalWeight) * w.width);
  const xs = widths.reduce<number[]>((acc, width, i) => [...acc, acc[i]! + width], [w.left]);

  const spans: Span[] = [];
  options.columns.forEach((c, i) => {
    const last = spans[spans.length - 1];
    if (c.group && last && last.label === c.group && last.to === i - 1) last.to = i;
    else if (c.group) spans.push({ label: c.group, from: i, to: i });
  });
  const grouped = spans.length > 0;
  const spanWidth = (s: Span) => xs[s.to + 1]! - xs[s.from]!;
  const textHeight = (text: string, width: number, bold: boolean, fontSize: number) =>
    w.heightOf(text, { width: Math.max(1, width - 2 * pad), size: fontSize, style: bold ? 'bold' : 'regular' });

  const topHeight = grouped ? Math.max(...spans.map((s) => textHeight(s.label, spanWidth(s), true, headerSize))) + 2 * pad : 0;
  let lowHeight = Math.max(
    0,
    ...options.columns.map((c, i) => (c.group || !grouped ? textHeight(c.header, widths[i]!, true, headerSize) + 2 * pad : 0)),
  );
  const fullHeight = Math.max(...options.columns.map((c, i) => (c.group ? 0 : textHeight(c.header, widths[i]!, true, headerSize) + 2 * pad)));
  if (fullHeight > topHeight + lowHeight) lowHeight = fullHeight - topHeight;
  const numberHeight = options.numberRow ? textHeight('(1)', 30, false, size - 1) + 2 * pad - 2 : 0;
  const headerHeight = topHeight + lowHeight + numberHeight;

  const cellText = (text: string, x: number, y: number, width: number, height: number, align: Column['align'], bold: boolean, fontSize: number) => {
    const inner = width - 2 * pad;
    const h = textHeight(text, width, bold, fontSize);
    w.textAt(text, { x: x + pad, y: y + (height - h) / 2, width: inner, align, size: fontSize, style: bold ? 'bold' : 'regular' });
  };
  const box = (x: number, y: number, width: number, height: number, fill?: string) => {
    const d = w.doc.save().lineWidth(0.5).strokeColor('black');
    if (fill) d.rect(x, y, width, height).fillAndStroke(fill, 'black');
    else d.rect(x, y, width, height).stroke();
    d.restore();
  };

  const drawHeader = () => {
    const y = w.y;
    for (const s of spans) {
      box(xs[s.from]!, y, spanWidth(s), topHeight);
      cellText(s.label, xs[s.from]!, y, spanWidth(s), topHeight, 'center', true, headerSize);
    }
    options.columns.forEach((c, i) => {
      const cy = c.group ? y + topHeight : y;
      const ch = c.group ? lowHeight : topHeight + lowHeight;
      box(xs[i]!, cy, widths[i]!, ch);
      cellText(c.header, xs[i]!, cy, widths[i]!, ch, 'center', true, headerSize);
    });
    if (options.numberRow) {
      options.columns.forEach((_c, i) => {
        box(xs[i]!, y + topHeight + lowHeight, widths[i]!, numberHeight);
        cellText(`(${i + 1})`, xs[i]!, y + topHeight + lowHeight, widths[i]!, numberHeight, 'center', false, size - 1);
      });
    }
    w.y = y + headerHeight;
  };

  /** The type size a cell is set in: smaller than the table's when a no-wrap cell would not fit. */
  const sizeFor = (column: Column, width: number, text: string, bold: boolean) => {
    if (!column.fit || text === '' || text.includes('\n')) return size;
    const natural = w.widthOf(text, bold ? 'bold' : 'regular', size);
    const inner = width - 2 * pad - 0.5;
    return natural <= inner ? size : Math.max(5, (size * inner) / natural);
  };

  const rowHeight = (row: TableRow) => {
    const bold = row.kind !== undefined && row.kind !== 'normal';
    return Math.max(
      ...options.columns.map((_c, i) => {
        const cell = row.cells[i];
        const extra = cell !== undefined && isBar(cell) ? BAR_HEIGHT + BAR_GAP : 0;
        const text = textOf(cell);
        return textHeight(text, widths[i]!, bold, sizeFor(options.columns[i]!, widths[i]!, text, bold)) + extra + 2 * pad;
      }),
    );
  };

  const drawRow = (row: TableRow, height: number) => {
    const bold = row.kind !== undefined && row.kind !== 'normal';
    const y = w.y;
    options.columns.forEach((c, i) => {
      const cell = row.cells[i];
      box(xs[i]!, y, widths[i]!, height, row.kind ? FILL[row.kind] : undefined);
      if (cell === undefined) return;
      if (!isBar(cell)) return cellText(cell, xs[i]!, y, widths[i]!, height, c.align, bold, sizeFor(c, widths[i]!, cell, bold));
      const fitted = sizeFor(c, widths[i]!, cell.text, bold);
      const th = textHeight(cell.text, widths[i]!, bold, fitted);
      const block = th + BAR_GAP + BAR_HEIGHT;
      const top = y + (height - block) / 2;
      w.textAt(cell.text, { x: xs[i]! + pad, y: top, width: widths[i]! - 2 * pad, align: c.align, size: fitted, style: bold ? 'bold' : 'regular' });
      drawBar(w, xs[i]! + pad, top + th + BAR_GAP, widths[i]! - 2 * pad, cell);
    });
    w.y = y + height;
  };

  const heights = options.rows.map(rowHeight);
  w.ensureSpace(headerHeight + (heights[0] ?? 0));
  drawHeader();
  options.rows.forEach((row, index) => {
    const height = heights[index]!;
    // A group heading stays with the first row under it.
    const needed = row.kind === 'group' && index + 1 < heights.length ? height + heights[index + 1]! : height;
    if (w.y + needed > w.bottom) {
      w.addPage();
      drawHeader();
    }
    drawRow(row, height);
  });
}

function drawBar(w: PdfWriter, x: number, y: number, width: number, cell: BarCell): void {
  const d = w.doc.save();
  d.rect(x, y, width, BAR_HEIGHT).fill('#dddddd');
  if (cell.bar !== null && cell.bar > 0) d.rect(x, y, width * Math.min(1, cell.bar), BAR_HEIGHT).fill(cell.bar >= 1 ? '#1f5f2e' : '#3a3a3a');
  if (cell.mark !== null && cell.mark !== undefined && cell.mark > 0) {
    const mx = x + width * Math.min(1, cell.mark);
    d.lineWidth(1).strokeColor('#b00000').moveTo(mx, y - 1.5).lineTo(mx, y + BAR_HEIGHT + 1.5).stroke();
  }
  d.restore();
}
