import path from 'node:path';
import PDFDocument from 'pdfkit';
import { projectRoot } from '../../../config.js';
import { niceMax, scale } from '../charts/scale.js';
import { euro, fmtAlike, gapText, local, normText, percent, profileTitle, statusLabel, type TextContext } from '../compliance/format.js';
import { costTotals, type MunicipalityReport } from './service.js';
import { contactText, headlineText, leadText, measureLabel, pricesText, reportPath, type ReportTextContext } from './text.js';

// The municipality report as an A4 PDF: DejaVu Sans embedded (so č š ž ć đ show and can be
// extracted), tables kept on one page (or their header repeated when one is longer than a page), one
// vector bar chart drawn from the same numbers as the page's SVG, the report's address and page
// numbers in every footer. Sizes are chosen so that a usual report fits on one page.

const fontDir = path.join(projectRoot, 'node_modules', 'dejavu-fonts-ttf', 'ttf');
const margin = 34;
/** Room kept at the bottom of each page for the footer (address and page number). */
const footer = 26;
const ink = '#1d2733';
const muted = '#55606b';
const warn = '#8a4b00';
const tableSize = 7;
const pad = 2;

type Doc = PDFKit.PDFDocument;

interface Column {
  label: string;
  width: number;
  align?: 'left' | 'right';
}

const bottomOf = (doc: Doc) => doc.page.height - margin - footer;
const fits = (doc: Doc, height: number) => doc.y + height <= bottomOf(doc);

function ensureSpace(doc: Doc, needed: number): void {
  if (!fits(doc, needed)) doc.addPage();
}

function heading(doc: Doc, text: string, keepWith = 0): void {
  doc.font('bold').fontSize(10.5);
  const height = doc.heightOfString(text) + 8;
  // A heading never ends a page alone: it goes with the first part of what follows.
  ensureSpace(doc, height + keepWith);
  doc.moveDown(0.35).fillColor(ink).text(text, margin, doc.y, { width: doc.page.width - 2 * margin });
  doc.moveDown(0.2);
}

function paragraph(doc: Doc, text: string, options: { colour?: string; bold?: boolean; size?: number } = {}): void {
  const width = doc.page.width - 2 * margin;
  doc.font(options.bold ? 'bold' : 'regular').fontSize(options.size ?? 8);
  ensureSpace(doc, doc.heightOfString(text, { width }) + 2);
  doc.fillColor(options.colour ?? ink).text(text, margin, doc.y, { width });
  doc.moveDown(0.25);
}

const rowHeight = (doc: Doc, columns: Column[], cells: string[], bold: boolean): number => {
  doc.font(bold ? 'bold' : 'regular').fontSize(tableSize);
  return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: columns[i]!.width - 2 * pad }))) + 2 * pad;
};

/** The height a table takes, header and every row. */
function tableHeight(doc: Doc, columns: Column[], rows: string[][], total: string[][] = []): number {
  return rowHeight(doc, columns, columns.map((c) => c.label), true) + [...rows, ...total].reduce((s, r) => s + rowHeight(doc, columns, r, false), 0);
}

/**
 * A table with a header row (and optional total rows in bold under a rule). It starts on a new page
 * when it fits on one but not in what is left of this one; a table longer than a page repeats its
 * header on every page it runs onto.
 */
function table(doc: Doc, columns: Column[], rows: string[][], total: string[][] = []): void {
  const header = columns.map((c) => c.label);
  const whole = tableHeight(doc, columns, rows, total);
  const page = bottomOf(doc) - margin;
  if (!fits(doc, whole) && whole <= page) doc.addPage();
  const width = columns.reduce((s, c) => s + c.width, 0);
  const drawRow = (cells: string[], style: 'header' | 'row' | 'total') => {
    const bold = style !== 'row';
    const height = rowHeight(doc, columns, cells, bold);
    const y = doc.y;
    if (style === 'header') doc.rect(margin, y, width, height).fill('#eef1f4');
    if (style === 'total') doc.moveTo(margin, y).lineTo(margin + width, y).lineWidth(1).strokeColor(ink).stroke();
    doc.font(bold ? 'bold' : 'regular').fontSize(tableSize);
    let x = margin;
    cells.forEach((c, i) => {
      const col = columns[i]!;
      doc.fillColor(ink).text(c, x + pad, y + pad, { width: col.width - 2 * pad, align: col.align ?? 'left' });
      x += col.width;
    });
    doc
      .moveTo(margin, y + height)
      .lineTo(margin + width, y + height)
      .lineWidth(style === 'header' ? 0.8 : 0.4)
      .strokeColor(style === 'header' ? ink : '#c5ccd3')
      .stroke();
    doc.x = margin;
    doc.y = y + height;
  };
  drawRow(header, 'header');
  for (const [n, row] of [...rows, ...total].entries()) {
    if (!fits(doc, rowHeight(doc, columns, row, n >= rows.length) + 2)) {
      doc.addPage();
      drawRow(header, 'header');
    }
    drawRow(row, n >= rows.length ? 'total' : 'row');
  }
  doc.moveDown(0.3);
}

/**
 * The index chart of the page (country = 100), drawn compactly: one row per measure with the library's
 * bar and the region's under it, a legend, and the reference line. Labels get the width they need (up
 * to 40 % of the page) and wrap rather than being cut.
 */
function indexChart(doc: Doc, ctx: ReportTextContext, report: MunicipalityReport): void {
  const measures = report.measures.filter((m) => m.country !== null && m.country !== 0);
  if (measures.length === 0) return;
  const index = (v: number | null, country: number) => (v === null ? null : (v / country) * 100);
  const rows = measures.map((m) => ({ label: measureLabel(ctx, m.id), library: index(m.library, m.country!), region: index(m.region, m.country!) }));
  const width = doc.page.width - 2 * margin;
  const size = 7.5;
  doc.font('regular').fontSize(size);
  const labelWidth = Math.min(width * 0.4, Math.max(...rows.map((r) => doc.widthOfString(r.label))) + 10);
  const plot = width - labelWidth - 30;
  const bar = 5;
  const heights = rows.map((r) => Math.max(2 * bar + 5, doc.heightOfString(r.label, { width: labelWidth - 6 }) + 3));
  const legend = 12;
  const height = legend + heights.reduce((s, h) => s + h, 0) + 12;
  ensureSpace(doc, height + 4);
  const top = doc.y;
  const max = niceMax(Math.max(100, ...rows.flatMap((r) => [r.library ?? 0, r.region ?? 0])));
  const whole = (n: number) => ctx.i18n.number(n, { maximumFractionDigits: 0 });
  const colours = { library: '#a34a00', region: '#2b6a99' };
  // Legend: the colour is never the only cue, the order (library above region) is named too.
  let lx = margin + labelWidth;
  for (const [key, name] of [
    ['library', report.library.shortName],
    ['region', ctx.t('report.col.region')],
  ] as const) {
    doc.rect(lx, top + 2, 8, 6).fill(colours[key]);
    doc.font('regular').fontSize(size).fillColor(ink).text(name, lx + 11, top + 1, { lineBreak: false });
    lx += 11 + doc.widthOfString(name) + 14;
  }
  let y = top + legend;
  rows.forEach((r, i) => {
    doc.font('regular').fontSize(size).fillColor(ink).text(r.label, margin, y + 1.5, { width: labelWidth - 6, align: 'right' });
    for (const [n, key] of (['library', 'region'] as const).entries()) {
      const v = r[key];
      const by = y + 1.5 + n * (bar + 1.5);
      if (v === null) continue;
      const w = Math.max(1, scale(v, max, plot));
      doc.rect(margin + labelWidth, by, w, bar).fill(colours[key]);
      doc.font('regular').fontSize(6).fillColor(ink).text(whole(v), margin + labelWidth + w + 3, by - 0.5, { lineBreak: false });
    }
    y += heights[i]!;
  });
  const refX = margin + labelWidth + scale(100, max, plot);
  doc
    .moveTo(refX, top + legend - 2)
    .lineTo(refX, y + 2)
    .dash(3, { space: 2 })
    .lineWidth(1)
    .strokeColor('#b3122e')
    .stroke()
    .undash();
  doc.font('regular').fontSize(size).fillColor('#b3122e').text(ctx.t('report.chart.countryLine'), refX + 3, y + 2, { lineBreak: false });
  doc.x = margin;
  doc.y = top + height;
  doc.fillColor(ink);
}

export interface PdfOptions {
  /** The site's address (MREZA_PUBLIC_URL): the footer prints the report's full address with it. */
  publicUrl?: string;
  generatedAt?: Date;
}

/** Renders the report; resolves with the PDF bytes. */
export function renderReportPdf(ctx: TextContext, report: MunicipalityReport, options: PdfOptions = {}): Promise<Buffer> {
  const generatedAt = options.generatedAt ?? new Date();
  // A saved PDF records the standard and price versions it was measured with, in its text and in its metadata.
  const version = report.profile ? `${report.profile.profile.id}@${report.profile.version}` : 'none';
  const address = `${options.publicUrl ?? ''}${reportPath(report, ctx.locale)}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin,
    bufferPages: true,
    info: {
      Title: ctx.t('report.title', { name: report.municipality.name, year: report.year }),
      Author: 'Mreža',
      Subject: `${report.municipality.id} ${report.year} ${ctx.locale}`,
      Keywords: `standards:${version} prices:${report.prices.version}`,
    },
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
  const sole = r.coServed.length === 0;

  doc.font('bold').fontSize(14).fillColor(ink).text(t('report.title', { name: r.municipality.name, year: r.year }), { width });
  doc.moveDown(0.3);
  const [first, ...rest] = headlineText(ctx, r);
  if (first) paragraph(doc, first, { bold: true, size: 10 });
  for (const line of rest) paragraph(doc, line, { bold: true, size: 9 });
  paragraph(doc, leadText(ctx, r));
  if (!sole) paragraph(doc, t('report.coServed', { names: r.coServed.map((m) => m.name).join(', ') }), { colour: muted });
  const contact = contactText(ctx, r);
  if (contact) paragraph(doc, contact, { colour: muted });
  if (!r.coverage.country.complete || !r.coverage.region.complete) {
    paragraph(doc, `${t('compliance.incomplete.title')} ${t('report.incomplete', { year: r.year, reported: r.coverage.country.reported, total: r.coverage.country.total })}`, { colour: warn });
  }
  if (r.row.isDemo) paragraph(doc, `${t('demo.badge')}: ${t('compliance.demoNote')}`, { colour: warn });
  if (r.row.status !== 'published') paragraph(doc, t('report.unpublished', { status: t(`stats.status.${r.row.status}`) }), { colour: warn });

  const measureColumns: Column[] = [
    { label: t('report.col.measure'), width: width * 0.4 },
    { label: r.library.shortName, width: width * 0.2, align: 'right' },
    { label: t('report.col.region'), width: width * 0.2, align: 'right' },
    { label: t('compliance.country.name'), width: width * 0.2, align: 'right' },
  ];
  const measureRows = r.measures.map((m) => {
    const alike = fmtAlike(ctx, [m.library, m.region, m.country]);
    return [measureLabel(ctx, m.id), alike(m.library), alike(m.region), alike(m.country)];
  });
  heading(doc, t('report.service.title'), tableHeight(doc, measureColumns, measureRows));
  table(doc, measureColumns, measureRows);
  if (r.measures.some((m) => m.country !== null && m.country !== 0)) {
    paragraph(doc, t('report.chart.title'), { colour: muted });
    indexChart(doc, ctx, r);
  }

  if (!r.profile || r.costs.length === 0) {
    heading(doc, t('report.standards.title'));
    paragraph(doc, t('report.standards.none'));
  } else {
    const indicators = r.profile.profile.indicators;
    const standardColumns: Column[] = [
      { label: t('compliance.col.indicator'), width: width * 0.3 },
      { label: t('compliance.col.value'), width: width * 0.08, align: 'right' },
      { label: t('compliance.col.norm'), width: width * 0.14 },
      { label: t('compliance.col.fulfilment'), width: width * 0.1, align: 'right' },
      { label: t('compliance.col.required'), width: width * 0.1, align: 'right' },
      { label: t('compliance.col.status'), width: width * 0.11 },
      { label: t('compliance.col.gap'), width: width * 0.17 },
    ];
    const standardRows = r.costs.map((c) => {
      const indicator = indicators.find((i) => i.id === c.result.indicatorId)!;
      const alike = fmtAlike(ctx, [c.result.value, c.result.required.low, c.result.required.high]);
      const required = c.result.required.high === null ? alike(c.result.required.low) : t('compliance.norm.range', { low: alike(c.result.required.low), high: alike(c.result.required.high) });
      return [
        `${local(ctx, indicator.name)} (${local(ctx, indicator.unit)})`,
        alike(c.result.value),
        normText(ctx, c.result.norm) + (indicator.aggregate === 'perLibrary' ? ` (${t('compliance.norm.everyLibrary')})` : ''),
        percent(ctx, c.result.fulfilment),
        required,
        statusLabel(ctx, c.result.status),
        gapText(ctx, c.result.gap, c.result.gapUnit),
      ];
    });
    heading(doc, t('report.standards.title'), tableHeight(doc, standardColumns, standardRows) + 30);
    paragraph(doc, `${t('report.standards.profile', { profile: profileTitle(ctx, r.profile) })}. ${t('compliance.table.howToRead')}`, { colour: muted, size: 7 });
    table(doc, standardColumns, standardRows);

    const costColumns: Column[] = sole
      ? [
          { label: t('compliance.col.indicator'), width: width * 0.36 },
          { label: t('report.col.gap'), width: width * 0.26 },
          { label: t('report.col.unitPrice'), width: width * 0.18, align: 'right' },
          { label: t('report.col.cost'), width: width * 0.2, align: 'right' },
        ]
      : [
          { label: t('compliance.col.indicator'), width: width * 0.3 },
          { label: t('report.col.gap'), width: width * 0.22 },
          { label: t('report.col.unitPrice'), width: width * 0.14, align: 'right' },
          { label: t('report.col.cost'), width: width * 0.17, align: 'right' },
          { label: t('report.col.municipalityCost'), width: width * 0.17, align: 'right' },
        ];
    const costRows = r.costs.map((c) => {
      const indicator = indicators.find((i) => i.id === c.result.indicatorId)!;
      const cells = [local(ctx, indicator.name) + (c.yearly ? ` (${t('report.costs.yearly')})` : ''), gapText(ctx, c.result.gap, c.result.gapUnit), euro(ctx, c.unitPrice), euro(ctx, c.cost)];
      return sole ? cells : [...cells, euro(ctx, c.municipalityCost)];
    });
    const totals = costTotals(r.costs);
    const totalRows = [
      ...(totals.once > 0 || totals.yearly === 0 ? [[totals.yearly > 0 ? t('report.costs.totalOnce') : t('report.costs.total'), '', '', euro(ctx, totals.once), euro(ctx, totals.municipalityOnce)]] : []),
      ...(totals.yearly > 0 ? [[t('report.costs.totalYearly'), '', '', euro(ctx, totals.yearly), euro(ctx, totals.municipalityYearly)]] : []),
    ].map((row) => (sole ? row.slice(0, 4) : row));
    heading(doc, t('report.costs.title'), tableHeight(doc, costColumns, costRows, totalRows) + 20);
    paragraph(doc, sole ? t('report.costs.leadSole') : t('report.costs.lead', { share: percent(ctx, r.populationShare) }));
    table(doc, costColumns, costRows, totalRows);
    paragraph(doc, `${pricesText(ctx, r.prices)} ${t('report.costs.assumptions')}`, { colour: muted, size: 7 });
  }

  const fundingColumns: Column[] = [
    { label: t('report.col.item'), width: width * 0.7 },
    { label: t('report.col.amount'), width: width * 0.3, align: 'right' },
  ];
  const fundingRows = [
    [t('report.funding.municipality', { name: r.municipality.name }), euro(ctx, r.funding.municipality)],
    [t('report.funding.municipalities'), euro(ctx, r.funding.municipalities)],
    [t('report.funding.total'), euro(ctx, r.funding.total)],
    [t('report.funding.share'), percent(ctx, r.funding.share)],
    ...(sole
      ? []
      : [
          [t('report.funding.shareOfMunicipal'), percent(ctx, r.funding.shareOfMunicipal)],
          [t('report.funding.populationShare'), percent(ctx, r.populationShare)],
        ]),
  ];
  heading(doc, t('report.funding.title'), tableHeight(doc, fundingColumns, fundingRows));
  table(doc, fundingColumns, fundingRows);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would start a new page; lift the margin while writing the footer.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - margin - footer + 6;
    doc.moveTo(margin, y - 3).lineTo(margin + width, y - 3).lineWidth(0.4).strokeColor('#c5ccd3').stroke();
    // The whole address, however long: the type shrinks rather than cutting it.
    const line = t('report.address', { url: address });
    let size = 7;
    while (size > 4.5 && doc.font('regular').fontSize(size).widthOfString(line) > width) size -= 0.5;
    doc.fillColor(muted).text(line, margin, y, { width, lineBreak: false, ...(address.startsWith('http') ? { link: address } : {}) });
    doc.fontSize(7).text(`${t('report.generated', { at: ctx.i18n.date(generatedAt) })} · ${t('report.page', { page: i + 1, pages: range.count })}`, margin, y + 10, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
