/**
 * The handout as a PDF, drawn on the server with pdfkit and its built-in standard fonts
 * (Helvetica: no font file to ship or fetch, and its WinAnsi encoding covers Spanish — á é í ó ú
 * ñ ü ¿ ¡). Same entries and wording as the print page and the text (./handout.ts); no links,
 * so nothing in it can call home.
 */
import PDFDocument from 'pdfkit';
import { handoutMessages } from '../i18n/messages/casework';
import { translator } from '../i18n/i18n';
import { type Handout, hoursLines, phoneText } from './handout';

const INK = '#1a1a1a';
const MUTED = '#555555';
const MARGIN = 50;

export function renderHandoutPdf(handout: Handout): Promise<Buffer> {
  const t = translator(handoutMessages, handout.locale);
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: MARGIN,
    lang: handout.locale,
    info: { Title: t('title'), Creator: handout.siteName, Producer: handout.siteName },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - MARGIN * 2;

  doc.font('Helvetica-Bold').fontSize(20).fillColor(INK).text(t('title'));
  doc.moveDown(0.2);
  doc.font('Helvetica').fontSize(10).fillColor(MUTED).text(t('intro'));
  doc.moveDown(0.8);

  const labelled = (label: string, value: string) => {
    doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text(`${label}: `, { continued: true });
    doc.font('Helvetica').text(value);
  };

  handout.entries.forEach((entry, index) => {
    // Keep an entry's heading with at least a few of its lines.
    if (doc.y > doc.page.height - MARGIN - 90) doc.addPage();
    doc
      .font('Helvetica-Bold')
      .fontSize(13)
      .fillColor(INK)
      .text(`${index + 1}. ${entry.name}`);
    doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(entry.organizationName);
    doc.moveDown(0.2);
    if (entry.phones.length) labelled(t('phone'), entry.phones.map(phoneText).join(', '));
    const hours = hoursLines(entry.days, handout.locale);
    labelled(t('hours'), hours.length ? hours.join('; ') : t('noHours'));
    if (entry.places.length) labelled(t('address'), entry.places.join(' / '));
    else if (entry.remoteOnly) doc.font('Helvetica').fontSize(10).fillColor(INK).text(t('byPhone'));
    if (entry.documents.length) labelled(t('bring'), entry.documents.join(', '));
    doc.moveDown(0.3);
    doc
      .moveTo(MARGIN, doc.y)
      .lineTo(MARGIN + width, doc.y)
      .lineWidth(0.5)
      .strokeColor('#bbbbbb')
      .stroke();
    doc.moveDown(0.6);
  });

  if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
  doc.font('Helvetica-Bold').fontSize(12).fillColor(INK).text(t('hotlineTitle'));
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(t('hotline', { phone: handout.hotline.phone, text: handout.hotline.text }));
  doc.text(t('emergency', { number: handout.hotline.emergency }));
  doc.moveDown(0.8);
  doc
    .fontSize(8)
    .fillColor(MUTED)
    .text(t('footer', { site: handout.siteName, date: handout.date }));
  doc.end();
  return done;
}
