// A thin layer over PDFKit that every document uses: A4 pages in either orientation, DejaVu Sans, NFC text,
// a cursor that moves down the page, page breaks decided here (PDFKit never breaks on its own: its margins
// are zero), and "Trang x/y" on every page once the page count is known.
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { FONT_FILES, type FontStyle } from './fonts.js';

export type Orientation = 'portrait' | 'landscape';
export type Align = 'left' | 'center' | 'right' | 'justify';

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Millimetres to PDF points. */
export const mm = (value: number) => (value * 72) / 25.4;

/** Hướng dẫn 36-HD/VPTW: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
export const PORTRAIT_MARGINS: Margins = { top: mm(20), right: mm(15), bottom: mm(20), left: mm(30) };
/** Landscape pages carry wide tables: the binding edge is the top, so the sides can be narrower. */
export const LANDSCAPE_MARGINS: Margins = { top: mm(20), right: mm(15), bottom: mm(18), left: mm(15) };

export interface PdfOptions {
  title: string;
  orientation?: Orientation;
  margins?: Partial<Record<Orientation, Margins>>;
  /** Fixes CreationDate and ModDate — and with them the file ID — so the same data gives the same bytes. */
  creationDate?: Date;
  author?: string;
  /** "Trang x/y" at the foot of every page (default true). */
  pageNumbers?: boolean;
  /** A word set in the top right corner of every page, e.g. "DỰ THẢO" on a preview that is not the issued paper. */
  stamp?: string;
}

export interface TextOptions {
  x?: number;
  y?: number;
  width?: number;
  align?: Align;
  style?: FontStyle;
  size?: number;
  underline?: boolean;
  lineGap?: number;
  color?: string;
  indent?: number;
}

export const nfc = (value: string | null | undefined): string => (value ?? '').normalize('NFC');

let fontData: Record<FontStyle, Buffer> | null = null;
function fonts(): Record<FontStyle, Buffer> {
  fontData ??= {
    regular: readFileSync(FONT_FILES.regular),
    bold: readFileSync(FONT_FILES.bold),
    italic: readFileSync(FONT_FILES.italic),
    boldItalic: readFileSync(FONT_FILES.boldItalic),
  };
  return fontData;
}

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  /** The cursor: where the next block starts. */
  y: number;
  orientation: Orientation;
  private readonly marginsFor: Record<Orientation, Margins>;
  private readonly numbered: boolean;
  private readonly stamp: string | null;
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<Buffer>;

  constructor(options: PdfOptions) {
    this.orientation = options.orientation ?? 'portrait';
    this.marginsFor = {
      portrait: options.margins?.portrait ?? PORTRAIT_MARGINS,
      landscape: options.margins?.landscape ?? LANDSCAPE_MARGINS,
    };
    this.numbered = options.pageNumbers ?? true;
    this.stamp = options.stamp ? nfc(options.stamp) : null;
    const date = options.creationDate;
    this.doc = new PDFDocument({
      size: 'A4',
      layout: this.orientation,
      margin: 0,
      bufferPages: true,
      autoFirstPage: true,
      lang: 'vi-VN',
      displayTitle: true,
      info: {
        Title: nfc(options.title),
        ...(options.author ? { Author: nfc(options.author) } : {}),
        ...(date ? { CreationDate: date, ModDate: date } : {}),
      },
    });
    for (const [style, data] of Object.entries(fonts())) this.doc.registerFont(style, data);
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.ended = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.font('regular', 11);
    this.y = this.margins.top;
  }

  get margins(): Margins {
    return this.marginsFor[this.orientation];
  }
  get pageWidth(): number {
    return this.doc.page.width;
  }
  get pageHeight(): number {
    return this.doc.page.height;
  }
  get left(): number {
    return this.margins.left;
  }
  get right(): number {
    return this.pageWidth - this.margins.right;
  }
  get width(): number {
    return this.right - this.left;
  }
  /** The lowest y a block may reach. */
  get bottom(): number {
    return this.pageHeight - this.margins.bottom;
  }
  get remaining(): number {
    return this.bottom - this.y;
  }

  addPage(orientation: Orientation = this.orientation): void {
    this.orientation = orientation;
    this.doc.addPage({ size: 'A4', layout: orientation, margin: 0 });
    this.y = this.margins.top;
  }

  /** Starts a new page unless `height` still fits below the cursor. */
  ensureSpace(height: number): void {
    if (this.y + height > this.bottom && this.y > this.margins.top) this.addPage();
  }

  font(style: FontStyle, size: number): this {
    this.doc.font(style).fontSize(size);
    return this;
  }

  heightOf(text: string, options: TextOptions & { width: number }): number {
    this.font(options.style ?? 'regular', options.size ?? 11);
    return this.doc.heightOfString(nfc(text), {
      width: options.width,
      align: options.align,
      lineGap: options.lineGap ?? 0,
      indent: options.indent,
    });
  }

  widthOf(text: string, style: FontStyle = 'regular', size = 11): number {
    this.font(style, size);
    return this.doc.widthOfString(nfc(text));
  }

  /** Draws text at a position (the cursor when none is given) and returns its height; the cursor does not move. */
  textAt(text: string, options: TextOptions = {}): number {
    const width = options.width ?? this.width;
    const x = options.x ?? this.left;
    const y = options.y ?? this.y;
    const value = nfc(text);
    this.font(options.style ?? 'regular', options.size ?? 11);
    this.doc.fillColor(options.color ?? 'black');
    const height = this.doc.heightOfString(value, { width, align: options.align, lineGap: options.lineGap ?? 0, indent: options.indent });
    this.doc.text(value, x, y, {
      width,
      align: options.align ?? 'left',
      lineGap: options.lineGap ?? 0,
      underline: options.underline ?? false,
      indent: options.indent,
    });
    this.doc.fillColor('black');
    return height;
  }

  /** A block of text in the flow: moves to a new page first when it does not fit, then advances the cursor. */
  block(text: string, options: TextOptions & { gapAfter?: number } = {}): number {
    const width = options.width ?? this.width;
    const height = this.heightOf(text, { ...options, width });
    this.ensureSpace(height);
    this.textAt(text, { ...options, width, x: options.x ?? this.left, y: this.y });
    this.y += height + (options.gapAfter ?? 0);
    return height;
  }

  /**
   * Text whose parts change style in mid-line, e.g. a label then a bold name: [['Chứng nhận đồng chí: '],
   * ['Nguyễn Thị Hằng', 'bold', 15]]. Returns the height it took.
   */
  runs(parts: Array<[text: string, style?: FontStyle, size?: number]>, options: TextOptions & { width?: number } = {}): number {
    const width = options.width ?? this.width;
    const x = options.x ?? this.left;
    const y = options.y ?? this.y;
    const startY = y;
    this.doc.fillColor(options.color ?? 'black');
    parts.forEach(([text, style, size], index) => {
      this.font(style ?? 'regular', size ?? options.size ?? 11);
      const continued = index < parts.length - 1;
      if (index === 0) this.doc.text(nfc(text), x, y, { width, align: options.align ?? 'left', lineGap: options.lineGap ?? 0, continued });
      else this.doc.text(nfc(text), { continued });
    });
    this.doc.fillColor('black');
    return this.doc.y - startY;
  }

  /** The stamp in a red frame in the top margin, right: it never covers the header or the text. */
  private drawStamp(pageWidth: number): void {
    const size = 10;
    this.font('bold', size);
    const textWidth = this.doc.widthOfString(this.stamp!);
    const x = pageWidth - mm(15) - textWidth - 8;
    const y = mm(7);
    this.doc.save().lineWidth(0.8).strokeColor('#b00000').rect(x, y, textWidth + 8, size + 6).stroke().restore();
    this.doc.fillColor('#b00000').text(this.stamp!, x + 4, y + 3.5, { lineBreak: false });
    this.doc.fillColor('black');
  }

  line(x1: number, y1: number, x2: number, y2: number, width = 0.6, color = 'black'): void {
    this.doc.save().lineWidth(width).strokeColor(color).moveTo(x1, y1).lineTo(x2, y2).stroke().restore();
  }

  /** Writes the page numbers (and the stamp), ends the document and resolves with its bytes. */
  async finish(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    const total = range.count;
    for (let i = 0; (this.numbered || this.stamp) && i < total; i++) {
      this.doc.switchToPage(range.start + i);
      const { width, height } = this.doc.page;
      if (this.numbered) {
        this.font('regular', 8.5);
        this.doc.fillColor('black').text(`Trang ${i + 1}/${total}`, 0, height - mm(11), { width, align: 'center', lineBreak: false });
      }
      if (this.stamp) this.drawStamp(width);
    }
    this.doc.end();
    return this.ended;
  }
}
