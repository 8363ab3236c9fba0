import type { VNode } from 'preact';
import { CsrfField } from '../../../web/forms.js';
import { Layout, type PageContext } from '../../../web/page.js';
import type { ImportPlan, ImportProblem, ImportReport, ImportTable, PlannedRow } from '../import/import.js';
import { statFieldByKey } from '../fields.js';
import type { ReportStatus } from '../tables.js';
import { fieldLabel, formatFigure, statsCrumbs, statusLabel } from './format.js';
import { TableScroll } from '../../../web/components.js';

export interface ImportPageProps {
  ctx: PageContext;
  maxMb: number;
  /** A fault of the whole file, in the reader's language. */
  fileError?: string;
  /** The file's encoding was unclear: the select is marked. */
  askEncoding?: boolean;
  /** After an upload: what the import would change, to be confirmed (nothing is stored yet). */
  preview?: { table: ImportTable; plan: ImportPlan; changedMeanwhile?: boolean };
  /** After the confirmation: what was stored. */
  report?: ImportReport;
  /** The years the template may be for, and the one offered first. */
  templateYears?: { years: number[]; selected: number };
}

/** A column's name, and for a statistic its label. */
const columnLabelOf = (ctx: PageContext, c: string | null) => (c === null ? '–' : statFieldByKey.has(c) ? `${c} (${fieldLabel(ctx, c)})` : c);

/** The faults of the rejected rows, each by row, column and reason. */
function ProblemsTable({ ctx, problems }: { ctx: PageContext; problems: ImportProblem[] }): VNode | null {
  const { t } = ctx;
  if (problems.length === 0) return null;
  return (
    <TableScroll label={t('stats.import.problems')}>
      <table class="data">
        <caption>{t('stats.import.problems')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stats.import.row')}</th>
            <th scope="col">{t('stats.import.column')}</th>
            <th scope="col">{t('stats.import.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              <td>{p.row}</td>
              <td>{columnLabelOf(ctx, p.column)}</td>
              <td>{t(p.key, typeof p.values?.status === 'string' ? { ...p.values, status: statusLabel(ctx, p.values.status as ReportStatus) } : p.values)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

const readAs = (ctx: PageContext, table: { encoding: string | null; delimiter: string | null }) =>
  table.encoding ? ` ${ctx.t('stats.import.readAs', { encoding: table.encoding, delimiter: table.delimiter === '\t' ? 'TAB' : (table.delimiter ?? '') })}` : '';

/** One accepted row of the preview: each value that changes or is new (stored → new), and how many stay. */
function PlannedRowChanges({ ctx, row }: { ctx: PageContext; row: PlannedRow }): VNode {
  const { t } = ctx;
  const value = (column: string, n: number | null) => (n === null ? t('stats.import.nothingStored') : formatFigure(ctx, column, n));
  const counts = <p>{t('stats.import.previewCounts', { changed: row.changes.filter((c) => c.before !== null).length, added: row.changes.filter((c) => c.before === null).length, unchanged: row.unchanged, empty: row.empty })}</p>;
  return (
    <section aria-labelledby={`preview-row-${row.row}`}>
      <h3 id={`preview-row-${row.row}`}>{t('stats.import.previewRow', { library: row.libraryId, year: row.year, row: row.row })}</h3>
      {counts}
      {row.changes.length > 0 ? (
        <TableScroll label={t('stats.import.previewRow', { library: row.libraryId, year: row.year, row: row.row })}>
          <table class="data">
            <caption class="visually-hidden">{t('stats.import.previewRow', { library: row.libraryId, year: row.year, row: row.row })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('stats.import.column')}</th>
                <th scope="col">{t('stats.import.stored')}</th>
                <th scope="col">{t('stats.import.newValue')}</th>
              </tr>
            </thead>
            <tbody>
              {row.changes.map((c) => (
                <tr key={c.column}>
                  <th scope="row">{columnLabelOf(ctx, c.column)}</th>
                  <td>{value(c.column, c.before)}</td>
                  <td>{value(c.column, c.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </section>
  );
}

/** What the import would do, and the form that confirms it (the table travels back in a hidden field). */
function Preview({ ctx, table, plan, changedMeanwhile }: { ctx: PageContext } & NonNullable<ImportPageProps['preview']>): VNode {
  const { t } = ctx;
  return (
    <section aria-labelledby="import-preview-h">
      <h2 id="import-preview-h">{t('stats.import.previewTitle')}</h2>
      {changedMeanwhile ? (
        <p class="notice" role="alert">
          {t('stats.import.changedMeanwhile')}
        </p>
      ) : null}
      <p role="status">
        {t('stats.import.previewSummary', { accepted: plan.rows.length, rejected: plan.rejectedRows })}
        {readAs(ctx, table)}
      </p>
      {plan.examples.length > 0 ? <p>{t('stats.import.exampleSkipped', { rows: plan.examples.join(', '), count: plan.examples.length })}</p> : null}
      <ProblemsTable ctx={ctx} problems={plan.problems} />
      {plan.rows.map((row) => (
        <PlannedRowChanges key={row.row} ctx={ctx} row={row} />
      ))}
      {plan.rows.length > 0 ? (
        <form method="post" action="/staff/stats/import/confirm" enctype="multipart/form-data">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="table" value={JSON.stringify(table.rows)} />
          <input type="hidden" name="fingerprint" value={plan.fingerprint} />
          <input type="hidden" name="encoding" value={table.encoding ?? ''} />
          <input type="hidden" name="delimiter" value={table.delimiter ?? ''} />
          <p>{t('stats.import.confirmHint', { accepted: plan.rows.length })}</p>
          <div class="form-actions">
            <button type="submit">{t('stats.import.confirm')}</button> <a href="/staff/stats/import">{t('form.cancel')}</a>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/**
 * Upload a CSV or XLSX table of annual statistics; after an upload, what the import would change
 * and each rejected cell, to confirm; after the confirmation, what was stored.
 */
export function ImportPage({ ctx, maxMb, fileError, askEncoding, preview, report, templateYears }: ImportPageProps): VNode {
  const { t } = ctx;
  const columnLabel = (c: string | null) => columnLabelOf(ctx, c);
  return (
    <Layout ctx={ctx} title={t('stats.import.title')} breadcrumbs={statsCrumbs(ctx)}>
      <h1>{t('stats.import.title')}</h1>
      <p>{t('stats.import.intro')}</p>
      <ul>
        <li>{t('stats.import.ruleColumns')}</li>
        <li>{t('stats.import.rulePlaces')}</li>
        <li>{t('stats.import.ruleNumbers')}</li>
        <li>{t('stats.import.ruleEncoding')}</li>
        <li>{t('stats.import.ruleStatus')}</li>
        <li>{t('stats.import.ruleEmpty')}</li>
        <li>{t('stats.import.rulePreview')}</li>
      </ul>
      {templateYears ? (
        <form method="get" action="/staff/stats/import/template.xlsx" class="filters template-form">
          <h2>{t('stats.import.templateTitle')}</h2>
          <p class="hint" id="template-hint">
            {t('stats.import.templateHint')}
      </p>
          <label for="f-template-year">{t('stats.import.templateYear')}</label>{' '}
          <select id="f-template-year" name="year" aria-describedby="template-hint">
            {templateYears.years.map((y) => (
              <option key={y} value={y} selected={y === templateYears.selected}>
                {y}
              </option>
            ))}
          </select>{' '}
          <input type="hidden" name="lang" value={ctx.locale} />
          <button type="submit">{t('stats.import.templateXlsx')}</button>{' '}
          <button type="submit" formAction="/staff/stats/import/template.csv">
            {t('stats.import.templateCsv')}
          </button>
        </form>
      ) : null}
      {fileError ? (
        <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
          <h2>{t('stats.import.fileRejected')}</h2>
          <p>
            <a href={askEncoding ? '#f-encoding' : '#f-file'}>{fileError}</a>
          </p>
        </div>
      ) : null}
      <form method="post" action="/staff/stats/import" enctype="multipart/form-data">
        <CsrfField ctx={ctx} />
        <div class={fileError && !askEncoding ? 'field field-error' : 'field'}>
          <label for="f-file">{t('stats.import.file')}</label>
          <p class="hint" id="f-file-hint">
            {t('stats.import.fileHint', { max: maxMb })}
          </p>
          <input id="f-file" name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required aria-describedby="f-file-hint" />
        </div>
        <div class={askEncoding ? 'field field-error' : 'field'}>
          <label for="f-encoding">{t('stats.import.encoding')}</label>
          {askEncoding ? (
            <p class="error-message" id="f-encoding-error">
              {fileError}
            </p>
          ) : null}
          <select id="f-encoding" name="encoding" aria-describedby={askEncoding ? 'f-encoding-error' : undefined}>
            <option value="auto">{t('stats.import.encodingAuto')}</option>
            <option value="utf-8">UTF-8</option>
            <option value="windows-1250">Windows-1250</option>
          </select>
        </div>
        <div class="form-actions">
          <button type="submit">{t('stats.import.submit')}</button>
        </div>
      </form>
      {preview ? <Preview ctx={ctx} {...preview} /> : null}
      {report ? (
        <section aria-labelledby="import-result-h">
          <h2 id="import-result-h">{t('stats.import.result')}</h2>
          <p role="status">
            {t('stats.import.summary', { accepted: report.accepted.length, rejected: report.rejectedRows })}
            {readAs(ctx, report)}
          </p>
          <ProblemsTable ctx={ctx} problems={report.problems} />
          {report.accepted.length > 0 ? (
            <TableScroll label={t('stats.import.acceptedRows')}>
              <table class="data">
                <caption>{t('stats.import.acceptedRows')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('stats.import.row')}</th>
                    <th scope="col">{t('stats.overview.library')}</th>
                    <th scope="col">{t('stats.library.year')}</th>
                    <th scope="col">{t('stats.import.toConfirm')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.accepted.map((a) => (
                    <tr key={a.row}>
                      <td>{a.row}</td>
                      <td>
                        <a href={`/staff/stats/libraries/${a.libraryId}/${a.year}`}>{a.libraryId}</a>
                      </td>
                      <td>{a.year}</td>
                      <td>{a.jumps.length === 0 ? '–' : a.jumps.map((j) => `${columnLabel(j.column)}: ${t(j.key, j.values)}`).join(' ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}
