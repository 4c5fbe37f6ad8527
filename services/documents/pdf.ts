/**
 * The paper forms of the seeds as PDF (R-VISIT-6, R-VISIT-7, R-SETTLE-1..3): bilingual labels, Chinese
 * text drawn with Noto Sans SC from its npm package (pdfkit embeds only the glyphs used), so no
 * system font is assumed. Each form builds on these few layout helpers.
 */
import PDFDocument from 'pdfkit';

const FONT_DIR = '@expo-google-fonts/noto-sans-sc';
const REGULAR = require.resolve(`${FONT_DIR}/400Regular/NotoSansSC_400Regular.ttf`);
const BOLD = require.resolve(`${FONT_DIR}/700Bold/NotoSansSC_700Bold.ttf`);
const MARGIN = 48;

export type Doc = PDFKit.PDFDocument;
export type Row = [label: string, value: string | null | undefined];

export function newDocument(title: string, requestNo: string): Doc {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `${title} ${requestNo}` } });
  doc.registerFont('regular', REGULAR).registerFont('bold', BOLD);
  doc.font('bold').fontSize(18).text(title, { align: 'center' });
  doc.font('regular').fontSize(10).fillColor('#555').text(requestNo, { align: 'center' }).fillColor('#000');
  doc.moveDown(1);
  return doc;
}

export function heading(doc: Doc, text: string): void {
  doc.moveDown(0.6).font('bold').fontSize(12).text(text).font('regular').fontSize(10).moveDown(0.2);
}

/** Label–value pairs, one per line; a missing value prints as a dash, never as "undefined". */
export function fields(doc: Doc, rows: Row[]): void {
  for (const [label, value] of rows) {
    doc
      .font('bold')
      .text(`${label}: `, { continued: true })
      .font('regular')
      .text(value?.trim() || '–');
  }
}

/** A simple table: the first row is the header; widths are shares of the page width. */
export function table(doc: Doc, rows: string[][], widths: number[]): void {
  const width = doc.page.width - 2 * MARGIN;
  const cols = widths.map((w) => (w / widths.reduce((a, b) => a + b, 0)) * width);
  rows.forEach((row, i) => {
    if (doc.y > doc.page.height - MARGIN - 40) doc.addPage();
    const top = doc.y;
    let x = MARGIN;
    let bottom = top;
    row.forEach((cell, c) => {
      doc.font(i === 0 ? 'bold' : 'regular').text(cell, x + 2, top, { width: cols[c] - 4 });
      bottom = Math.max(bottom, doc.y);
      x += cols[c];
    });
    doc
      .moveTo(MARGIN, bottom + 2)
      .lineTo(MARGIN + width, bottom + 2)
      .strokeColor('#bbb')
      .stroke();
    doc.x = MARGIN;
    doc.y = bottom + 5;
  });
}

/** The signature line: who signed and when, with the drawn image when there is one. */
export function signatureBlock(doc: Doc, label: string, who: string | null, at: string | null, png?: Buffer): void {
  doc.moveDown(1);
  if (doc.y > doc.page.height - MARGIN - 120) doc.addPage();
  doc.font('bold').text(`${label}:`);
  if (png) {
    doc.image(png, { fit: [220, 80] });
    doc.moveDown(0.3);
  } else {
    doc.moveDown(1.5);
  }
  doc.font('regular').text(`${who ?? '________________'}    ${at ? formatTime(at) : ''}`);
}

/** ISO time as "YYYY-MM-DD HH:mm UTC": a form is read by people in any time zone. */
export const formatTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
export const money = (minor: number, currency: string) => `${currency} ${(minor / 100).toFixed(2)}`;

export function toBuffer(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.end();
  return done;
}
