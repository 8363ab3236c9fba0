import path from 'node:path';
import PDFDocument from 'pdfkit';
import { projectRoot } from '../../config.js';
import type { Locale } from '../../web/i18n.js';
import { dateText, hoursText, whenText } from './format.js';
import type { PersonRegistration } from './queries.js';
import type { Certificate } from './tables.js';

// The certificate of attendance and a person's training record as A4 PDFs, made the way the
// municipality report is (stats/report/pdf.ts): pdfkit with DejaVu Sans embedded, so č š ž ć đ
// show and the text can be read back out.

const fontDir = path.join(projectRoot, 'node_modules', 'dejavu-fonts-ttf', 'ttf');
const margin = 56;
const ink = '#1d2733';
const muted = '#55606b';

export interface PdfText {
  t: (key: string, values?: Record<string, string | number>) => string;
  locale: Locale;
}

function newDoc(title: string): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({ size: 'A4', margin, info: { Title: title, Author: 'Mreža' } });
  doc.registerFont('regular', path.join(fontDir, 'DejaVuSans.ttf'));
  doc.registerFont('bold', path.join(fontDir, 'DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/** A certificate of attendance in the reader's language, with its verification code and the address that checks it. */
export async function renderCertificatePdf(ctx: PdfText, certificate: Certificate, publicUrl: string): Promise<Buffer> {
  const { t, locale } = ctx;
  const { doc, done } = newDoc(t('training.pdf.certificateTitle'));
  const width = doc.page.width - 2 * margin;
  doc.moveDown(4);
  doc.font('bold').fontSize(24).fillColor(ink).text(t('training.pdf.certificateTitle'), { width, align: 'center' });
  doc.moveDown(1.5);
  doc.font('regular').fontSize(12).text(t('training.pdf.certifies'), { width, align: 'center' });
  doc.moveDown(0.6);
  doc.font('bold').fontSize(18).text(certificate.user_name, { width, align: 'center' });
  doc.moveDown(0.6);
  doc.font('regular').fontSize(12).text(t(certificate.attendance === 'full' ? 'training.pdf.attendedFull' : 'training.pdf.attendedPartial'), { width, align: 'center' });
  doc.moveDown(0.6);
  doc.font('bold').fontSize(16).text(certificate.course_title, { width, align: 'center' });
  doc.moveDown(1);
  doc.font('regular').fontSize(12);
  doc.text(`${t('training.field.date')}: ${dateText(certificate.session_date, locale)}`, { width, align: 'center' });
  doc.text(`${t('training.field.hours')}: ${hoursText(certificate.hours, locale)}`, { width, align: 'center' });
  doc.text(`${t('training.field.organiser')}: ${t(`training.organiser.${certificate.organiser}`)}`, { width, align: 'center' });
  doc.moveDown(3);
  doc.fontSize(10).fillColor(muted);
  doc.text(`${t('training.verify.code')}: ${certificate.code}`, { width, align: 'center' });
  doc.text(t('training.pdf.verifyAt', { url: `${publicUrl}/training/verify?code=${certificate.code}` }), { width, align: 'center' });
  doc.text(`${t('training.pdf.issued')}: ${dateText(certificate.issued_at.slice(0, 10), locale)}`, { width, align: 'center' });
  doc.end();
  return done;
}

/** A person's training record for a year: each session, attendance and hours, and the total. */
export async function renderRecordPdf(ctx: PdfText, person: { name: string }, year: number, items: PersonRegistration[]): Promise<Buffer> {
  const { t, locale } = ctx;
  const title = t('training.pdf.recordTitle', { name: person.name, year: String(year) });
  const { doc, done } = newDoc(title);
  const width = doc.page.width - 2 * margin;
  doc.font('bold').fontSize(16).fillColor(ink).text(title, { width });
  doc.moveDown(0.8);
  const attended = items.filter((r) => r.attendance === 'full' || r.attendance === 'partial');
  if (attended.length === 0) doc.font('regular').fontSize(11).text(t('training.pdf.recordEmpty'), { width });
  for (const r of attended) {
    doc.font('bold').fontSize(11).fillColor(ink).text(r.title, { width });
    doc.font('regular').fontSize(10).fillColor(muted);
    doc.text(`${whenText(r.starts_at, locale)} · ${t(`training.organiser.${r.organiser}`)} · ${t(`training.attendance.${r.attendance!}`)} · ${t('training.hours', { hours: hoursText(r.attended_hours ?? 0, locale) })}${r.code ? ` · ${t('training.verify.code')}: ${r.code}` : ''}`, { width });
    doc.moveDown(0.5);
  }
  const total = attended.reduce((s, r) => s + (r.attended_hours ?? 0), 0);
  doc.moveDown(0.5);
  doc.font('bold').fontSize(12).fillColor(ink).text(t('training.pdf.recordTotal', { hours: hoursText(total, locale) }), { width });
  doc.end();
  return done;
}
