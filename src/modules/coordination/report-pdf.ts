import path from 'node:path';
import PDFDocument from 'pdfkit';
import { projectRoot } from '../../config.js';
import { markdownToText } from '../../services/text/index.js';
import { costLabel, euros, percentText, taskLabel, whole } from './format.js';
import type { AnnualReport } from './report.js';
import { costKinds } from './tables.js';

// The OOK's annual report as an A4 PDF for the library council, made the way the statistics module
// makes the municipality report: pdfkit with DejaVu Sans embedded (č š ž show and can be extracted),
// tables with a shaded header that repeat it on a new page, page numbers in every footer.

const fontDir = path.join(projectRoot, 'node_modules', 'dejavu-fonts-ttf', 'ttf');
const margin = 40;
const footer = 24;
const ink = '#1d2733';
const muted = '#55606b';
const size = 8;
const pad = 2.5;

type Doc = PDFKit.PDFDocument;
interface Column {
  label: string;
  width: number;
  align?: 'left' | 'right';
}

export interface PdfContext {
  t: (key: string, values?: Record<string, string | number>) => string;
  locale: string;
}

const bottomOf = (doc: Doc) => doc.page.height - margin - footer;

function text(doc: Doc, value: string, options: { bold?: boolean; size?: number; colour?: string } = {}): void {
  const width = doc.page.width - 2 * margin;
  doc.font(options.bold ? 'bold' : 'regular').fontSize(options.size ?? size);
  if (doc.y + doc.heightOfString(value, { width }) > bottomOf(doc)) doc.addPage();
  doc.fillColor(options.colour ?? ink).text(value, margin, doc.y, { width });
  doc.moveDown(0.3);
}

function table(doc: Doc, columns: Column[], rows: string[][]): void {
  const rowHeight = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(size);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: columns[i]!.width - 2 * pad }))) + 2 * pad;
  };
  const width = columns.reduce((s, c) => s + c.width, 0);
  const draw = (cells: string[], header: boolean) => {
    const height = rowHeight(cells, header);
    if (doc.y + height > bottomOf(doc)) {
      doc.addPage();
      if (!header) draw(columns.map((c) => c.label), true);
    }
    const y = doc.y;
    if (header) doc.rect(margin, y, width, height).fill('#eef1f4');
    doc.font(header ? 'bold' : 'regular').fontSize(size);
    let x = margin;
    cells.forEach((c, i) => {
      doc.fillColor(ink).text(c, x + pad, y + pad, { width: columns[i]!.width - 2 * pad, align: columns[i]!.align ?? 'left' });
      x += columns[i]!.width;
    });
    doc
      .moveTo(margin, y + height)
      .lineTo(margin + width, y + height)
      .lineWidth(0.4)
      .strokeColor('#c5ccd3')
      .stroke();
    doc.x = margin;
    doc.y = y + height;
  };
  draw(
    columns.map((c) => c.label),
    true,
  );
  for (const row of rows) draw(row, false);
  doc.moveDown(0.5);
}

/** The annual report of one OOK as PDF bytes. */
export function renderAnnualReportPdf(ctx: PdfContext, report: AnnualReport, regionName: string): Promise<Buffer> {
  const { t, locale } = ctx;
  const p = report.programme;
  const title = t('coordination.report.pageTitle', { ook: regionName, year: String(p.year) });
  const doc = new PDFDocument({ size: 'A4', margin, bufferPages: true, info: { Title: title, Author: 'Mreža', Subject: `${p.region_id} ${p.year} ${locale}` } });
  doc.registerFont('regular', path.join(fontDir, 'DejaVuSans.ttf'));
  doc.registerFont('bold', path.join(fontDir, 'DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * margin;

  text(doc, title, { bold: true, size: 14 });
  if (p.is_demo) text(doc, t('coordination.report.demoNote'), { colour: '#8a4b00' });
  text(doc, `${t('coordination.programme.statusLabel')}: ${t(`coordination.programme.status.${p.status}`)}`, { colour: muted });
  text(doc, t('coordination.report.ownText'), { bold: true, size: 10.5 });
  text(doc, markdownToText(p.report_text) || '–');
  if (report.failedSources.length) text(doc, t('coordination.report.failedSources', { sources: report.failedSources.join(', ') }), { colour: '#8a4b00' });

  const targetColumns: Column[] = [
    { label: t('coordination.target.activity'), width: width * 0.3 },
    { label: t('coordination.target.indicator'), width: width * 0.16 },
    { label: t('coordination.target.target'), width: width * 0.1, align: 'right' },
    ...[1, 2, 3, 4].map((n) => ({ label: t('coordination.target.quarter', { n }), width: width * 0.07, align: 'right' as const })),
    { label: t('coordination.target.achieved'), width: width * 0.16, align: 'right' },
  ];
  for (const part of report.parts) {
    text(doc, taskLabel(t, part.task), { bold: true, size: 10.5 });
    if (part.targets.length) {
      table(
        doc,
        targetColumns,
        part.targets.map((tp) => [
          tp.target.activity + (tp.libraries.length ? ` (${tp.libraries.join(', ')})` : ''),
          tp.target.indicator,
          whole(tp.target.target, locale),
          ...tp.quarters.map((v) => (v === null ? '–' : whole(v, locale))),
          `${whole(tp.achieved, locale)} (${percentText(tp.share, locale)})`,
        ]),
      );
    } else text(doc, t('coordination.report.noTargets'), { colour: muted });
    if (part.figures.length) {
      table(
        doc,
        [
          { label: t('coordination.report.figure'), width: width * 0.75 },
          { label: t('coordination.report.value'), width: width * 0.25, align: 'right' },
        ],
        part.figures.map((f) => [`${t(f.labelKey)}${f.demo ? ` (${t('demo.badge')})` : ''}`, f.unit === 'eur' ? euros(f.value * 100, locale) : whole(f.value, locale)]),
      );
    }
  }

  text(doc, t('coordination.report.financial'), { bold: true, size: 10.5 });
  const money: Column[] = [
    { label: t('coordination.budget.kind'), width: width * 0.5 },
    { label: t('coordination.budget.planned'), width: width * 0.25, align: 'right' },
    { label: t('coordination.budget.spent'), width: width * 0.25, align: 'right' },
  ];
  table(doc, money, [
    ...costKinds.map((k) => [costLabel(t, k), euros(report.totals[k].planned, locale), euros(report.totals[k].spent, locale)]),
    [t('coordination.budget.total'), euros(report.totals.all.planned, locale), euros(report.totals.all.spent, locale)],
  ]);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(7)
      .fillColor(muted)
      .text(`${title} · ${t('coordination.report.page', { page: i + 1, pages: range.count })}`, margin, doc.page.height - margin - footer + 8, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
