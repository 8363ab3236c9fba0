import path from 'node:path';
import PDFDocument from 'pdfkit';
import { projectRoot } from '../../../config.js';
import { niceMax, scale } from '../charts/scale.js';
import { euro, fmt, gapText, local, percent, profileTitle, requiredText, statusLabel, type TextContext } from '../compliance/format.js';
import { measureLabel, reportIndexBars, type ReportTextContext } from './text.js';
import type { MunicipalityReport } from './service.js';

// The municipality report as an A4 PDF: DejaVu Sans embedded (so č š ž ć đ show and can be
// extracted), tables, one vector bar chart drawn from the same numbers as the page's SVG, page numbers.

const fontDir = path.join(projectRoot, 'node_modules', 'dejavu-fonts-ttf', 'ttf');
const margin = 50;
const ink = '#1d2733';
const muted = '#55606b';

type Doc = PDFKit.PDFDocument;

interface Column {
  label: string;
  width: number;
  align?: 'left' | 'right';
}

function ensureSpace(doc: Doc, needed: number): void {
  if (doc.y + needed > doc.page.height - margin - 30) doc.addPage();
}

function heading(doc: Doc, text: string): void {
  ensureSpace(doc, 60);
  doc.moveDown(0.8).font('bold').fontSize(13).fillColor(ink).text(text, margin, doc.y, { width: doc.page.width - 2 * margin });
  doc.moveDown(0.3);
}

function paragraph(doc: Doc, text: string, colour = ink): void {
  ensureSpace(doc, 30);
  doc.font('regular').fontSize(9.5).fillColor(colour).text(text, margin, doc.y, { width: doc.page.width - 2 * margin });
  doc.moveDown(0.4);
}

function table(doc: Doc, columns: Column[], rows: string[][]): void {
  const size = 8.5;
  const pad = 3;
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(size);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: columns[i]!.width - 2 * pad }))) + 2 * pad;
    ensureSpace(doc, height + 2);
    const y = doc.y;
    let x = margin;
    cells.forEach((c, i) => {
      const col = columns[i]!;
      doc.fillColor(ink).text(c, x + pad, y + pad, { width: col.width - 2 * pad, align: col.align ?? 'left' });
      x += col.width;
    });
    const width = columns.reduce((s, c) => s + c.width, 0);
    doc
      .moveTo(margin, y + height)
      .lineTo(margin + width, y + height)
      .lineWidth(bold ? 1 : 0.4)
      .strokeColor(bold ? ink : '#c5ccd3')
      .stroke();
    doc.x = margin;
    doc.y = y + height;
  };
  drawRow(
    columns.map((c) => c.label),
    true,
  );
  for (const row of rows) drawRow(row, false);
  doc.moveDown(0.6);
}

/** Horizontal bars of an index (country = 100) with the reference line, as on the page. */
function indexChart(doc: Doc, ctx: ReportTextContext, report: MunicipalityReport): void {
  const bars = reportIndexBars(ctx, report);
  if (bars.length === 0) return;
  const row = 15;
  const labelWidth = 200;
  const plot = doc.page.width - 2 * margin - labelWidth - 40;
  const height = bars.length * row + 24;
  ensureSpace(doc, height + 10);
  const top = doc.y;
  const max = niceMax(Math.max(100, ...bars.map((b) => b.value ?? 0)));
  doc.font('regular').fontSize(8);
  bars.forEach((b, i) => {
    const y = top + i * row;
    doc.fillColor(ink).text(b.label, margin, y + 3, { width: labelWidth - 6, align: 'right', lineBreak: false, ellipsis: true });
    if (b.value !== null) {
      const w = Math.max(1, scale(b.value, max, plot));
      doc.rect(margin + labelWidth, y + 2, w, row - 4).fill(b.highlight ? '#a34a00' : '#2b6a99');
      doc.fillColor(ink).text(fmt(ctx, b.value), margin + labelWidth + w + 3, y + 3, { lineBreak: false });
    }
  });
  const refX = margin + labelWidth + scale(100, max, plot);
  doc
    .moveTo(refX, top - 2)
    .lineTo(refX, top + bars.length * row + 2)
    .dash(4, { space: 2 })
    .lineWidth(1.2)
    .strokeColor('#b3122e')
    .stroke()
    .undash();
  doc.fillColor('#b3122e').text(ctx.t('report.chart.countryLine'), refX + 3, top + bars.length * row + 4, { lineBreak: false });
  doc.x = margin;
  doc.y = top + height;
  doc.fillColor(ink);
}

/** Renders the report; resolves with the PDF bytes. */
export function renderReportPdf(ctx: TextContext, report: MunicipalityReport, generatedAt = new Date()): Promise<Buffer> {
  // A saved PDF records the standard version it was measured with, in its text and in its metadata.
  const version = report.profile ? `${report.profile.profile.id}@${report.profile.version}` : 'none';
  const doc = new PDFDocument({
    size: 'A4',
    margin,
    bufferPages: true,
    info: { Title: ctx.t('report.title', { name: report.municipality.name, year: report.year }), Author: 'Mreža', Subject: `${report.municipality.id} ${report.year} ${ctx.locale}`, Keywords: `standards:${version}` },
  });
  doc.registerFont('regular', path.join(fontDir, 'DejaVuSans.ttf'));
  doc.registerFont('bold', path.join(fontDir, 'DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * margin;
  const { t } = ctx;
  const r = report;

  doc.font('bold').fontSize(18).fillColor(ink).text(t('report.title', { name: r.municipality.name, year: r.year }), { width });
  doc.moveDown(0.3);
  paragraph(doc, t('report.lead', { library: r.library.name, population: fmt(ctx, r.municipality.population), base: fmt(ctx, r.library.population), share: percent(ctx, r.populationShare) }));
  if (r.coServed.length > 0) paragraph(doc, t('report.coServed', { names: r.coServed.map((m) => m.name).join(', ') }), muted);
  if (r.row.isDemo) paragraph(doc, `${t('demo.badge')}: ${t('compliance.demoNote')}`, '#a34a00');
  if (r.row.status !== 'published') paragraph(doc, t('report.unpublished', { status: r.row.status }), '#a34a00');

  heading(doc, t('report.service.title'));
  table(
    doc,
    [
      { label: t('report.col.measure'), width: width * 0.4 },
      { label: r.library.shortName, width: width * 0.2, align: 'right' },
      { label: t('report.col.region'), width: width * 0.2, align: 'right' },
      { label: t('compliance.country.name'), width: width * 0.2, align: 'right' },
    ],
    r.measures.map((m) => [measureLabel(ctx, m.id), fmt(ctx, m.library), fmt(ctx, m.region), fmt(ctx, m.country)]),
  );
  paragraph(doc, t('report.chart.title'), muted);
  indexChart(doc, ctx, r);

  heading(doc, t('report.standards.title'));
  if (!r.profile || r.costs.length === 0) paragraph(doc, t('report.standards.none'));
  else {
    paragraph(doc, t('report.standards.profile', { profile: profileTitle(ctx, r.profile) }), muted);
    table(
      doc,
      [
        { label: t('compliance.col.indicator'), width: width * 0.32 },
        { label: t('compliance.col.value'), width: width * 0.12, align: 'right' },
        { label: t('compliance.col.required'), width: width * 0.13, align: 'right' },
        { label: t('compliance.col.status'), width: width * 0.15 },
        { label: t('compliance.col.gap'), width: width * 0.28 },
      ],
      r.costs.map((c) => {
        const indicator = r.profile!.profile.indicators.find((i) => i.id === c.result.indicatorId)!;
        return [local(ctx, indicator.name), fmt(ctx, c.result.value), requiredText(ctx, c.result), statusLabel(ctx, c.result.status), gapText(ctx, c.result.gap, c.result.gapUnit)];
      }),
    );

    heading(doc, t('report.costs.title'));
    paragraph(doc, t('report.costs.lead', { share: percent(ctx, r.populationShare) }));
    table(
      doc,
      [
        { label: t('compliance.col.indicator'), width: width * 0.3 },
        { label: t('report.col.gap'), width: width * 0.22 },
        { label: t('report.col.unitPrice'), width: width * 0.14, align: 'right' },
        { label: t('report.col.cost'), width: width * 0.17, align: 'right' },
        { label: t('report.col.municipalityCost'), width: width * 0.17, align: 'right' },
      ],
      r.costs.map((c) => {
        const indicator = r.profile!.profile.indicators.find((i) => i.id === c.result.indicatorId)!;
        return [
          local(ctx, indicator.name) + (c.yearly ? ` (${t('report.costs.yearly')})` : ''),
          gapText(ctx, c.result.gap, c.result.gapUnit),
          euro(ctx, c.unitPrice),
          euro(ctx, c.cost),
          euro(ctx, c.municipalityCost),
        ];
      }),
    );
    paragraph(doc, t('report.costs.assumptions'), muted);
  }

  heading(doc, t('report.funding.title'));
  table(
    doc,
    [
      { label: t('report.col.item'), width: width * 0.6 },
      { label: t('report.col.amount'), width: width * 0.4, align: 'right' },
    ],
    [
      [t('report.funding.municipality', { name: r.municipality.name }), euro(ctx, r.funding.municipality)],
      [t('report.funding.municipalities'), euro(ctx, r.funding.municipalities)],
      [t('report.funding.total'), euro(ctx, r.funding.total)],
      [t('report.funding.share'), percent(ctx, r.funding.share)],
      [t('report.funding.shareOfMunicipal'), percent(ctx, r.funding.shareOfMunicipal)],
      [t('report.funding.populationShare'), percent(ctx, r.populationShare)],
    ],
  );
  paragraph(doc, t('report.generated', { at: ctx.i18n.date(generatedAt) }), muted);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would start a new page; lift the margin while numbering.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(muted)
      .text(t('report.page', { page: i + 1, pages: range.count }), margin, doc.page.height - margin + 10, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
