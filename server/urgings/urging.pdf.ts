// The urging dispatch (issue #13 item 1), a Party paper per Hướng dẫn 36-HD/VPTW: a Thông báo carries its
// type and subject centred; a Công văn has no title, its "V/v …" stands under the number at top left.
import { PdfWriter, closing, documentNumber, drawTable, partyHeader, type Column, type DocumentIssuer } from '../pdf/index.js';
import { formatDate, formatNumber, formatPercent } from '../lib/format.js';

export interface UrgedFigures {
  unitName: string;
  plannedTrainees: number | null;
  enrolled: number;
  fulfillment: number | null;
  pace: number | null;
}

export interface UrgingPaper {
  docType: 'TB' | 'CV';
  issuer: DocumentIssuer;
  number: number;
  date: string;
  year: number;
  asOf: string;
  deadline: string;
  /** "V/v đôn đốc thực hiện kế hoạch đào tạo, bồi dưỡng năm 2024". */
  subject: string;
  text: string | null;
  units: UrgedFigures[];
  recipients: string[];
  draft?: boolean;
  creationDate?: Date;
}

const pct = (v: number | null) => formatPercent(v, 'vi');
/** How far behind its pace, in percentage points ("25,0"); blank without a plan. */
export const lagPoints = (f: Pick<UrgedFigures, 'fulfillment' | 'pace'>) =>
  f.pace === null ? null : Math.max(0, (f.pace - (f.fulfillment ?? 0)) * 100);

const COLUMNS: Column[] = [
  { header: 'STT', width: 26, align: 'center' },
  { header: 'Đơn vị', width: 150, align: 'left' },
  { header: 'KH học viên', width: 52, align: 'right', fit: true },
  { header: 'TH (lượt)', width: 52, align: 'right', fit: true },
  { header: 'Tỷ lệ % TH/KH', width: 56, align: 'right', fit: true },
  { header: 'Mức cần đạt', width: 56, align: 'right', fit: true },
  { header: 'Chậm (điểm %)', width: 56, align: 'right', fit: true },
];

const body = (w: PdfWriter, text: string) => w.block(text, { size: 12, align: 'justify', indent: 28, lineGap: 2.5, gapAfter: 5 });

export async function renderUrgingPdf(p: UrgingPaper): Promise<Buffer> {
  const typeName = p.docType === 'TB' ? 'THÔNG BÁO' : 'CÔNG VĂN';
  const w = new PdfWriter({ title: `${typeName} ${p.subject}`, author: p.issuer.fullName, creationDate: p.creationDate, stamp: p.draft ? 'DỰ THẢO' : undefined });
  const top = w.y;
  partyHeader(w, {
    parentBody: p.issuer.parentBody,
    headerName: p.issuer.headerName,
    numberLine: documentNumber(String(p.number), p.docType, p.issuer.symbol),
    place: p.issuer.place,
    date: p.date,
  });
  if (p.docType === 'CV') {
    // The trích yếu of a Công văn: under the number, in the left column, small italic.
    const leftWidth = w.width * 0.45;
    const y = Math.max(w.y - 16, top + 60);
    const h = w.textAt(p.subject, { x: w.left, y, width: leftWidth, align: 'center', size: 10, style: 'italic' });
    w.y = y + h + 16;
    w.block(`Kính gửi: ${p.units.map((u) => u.unitName).join('; ')}.`, { align: 'center', size: 12, gapAfter: 10 });
  } else {
    w.block(typeName, { align: 'center', style: 'bold', size: 14, gapAfter: 2 });
    w.block(p.subject.replace(/^V\/v\s*/i, ''), { align: 'center', style: 'bold', size: 12, gapAfter: 1 });
    w.block('-----', { align: 'center', size: 11, gapAfter: 12 });
  }
  body(
    w,
    `Theo dõi tiến độ thực hiện kế hoạch đào tạo, bồi dưỡng năm ${p.year}, tính đến ngày ${formatDate(p.asOf)}, các đơn vị sau đây thực hiện chậm so với mức cần đạt theo kế hoạch năm:`,
  );
  drawTable(w, {
    columns: COLUMNS,
    size: 9.5,
    rows: p.units.map((u, i) => ({
      cells: [
        String(i + 1),
        u.unitName,
        u.plannedTrainees === null ? 'Chưa có KH' : formatNumber(u.plannedTrainees, 'vi'),
        formatNumber(u.enrolled, 'vi'),
        pct(u.fulfillment),
        pct(u.pace),
        (() => {
          const lag = lagPoints(u);
          return lag === null ? '' : formatNumber(lag, 'vi', 1);
        })(),
      ],
    })),
  });
  w.y += 6;
  if (p.text) for (const line of p.text.split('\n').filter((l) => l.trim() !== '')) body(w, line);
  body(
    w,
    `${p.issuer.fullName} đề nghị các đơn vị khẩn trương tổ chức thực hiện, hoàn thành kế hoạch đào tạo, bồi dưỡng năm ${p.year}; báo cáo kết quả về ${p.issuer.fullName} trước ngày ${formatDate(p.deadline)}.`,
  );
  closing(w, { recipients: p.recipients, signer: p.issuer.signer });
  return w.finish();
}
