import type { VNode } from 'preact';
import { CsrfField } from '../../../web/forms.js';
import { Layout, type PageContext } from '../../../web/page.js';
import type { ImportReport } from '../import/import.js';
import { statFieldByKey } from '../fields.js';
import type { ReportStatus } from '../tables.js';
import { fieldLabel, statsCrumbs, statusLabel } from './format.js';

export interface ImportPageProps {
  ctx: PageContext;
  maxMb: number;
  /** A fault of the whole file, in the reader's language. */
  fileError?: string;
  /** The file's encoding was unclear: the select is marked. */
  askEncoding?: boolean;
  report?: ImportReport;
}

/** Upload a CSV or XLSX table of annual statistics; after an upload, what was accepted and each rejected cell. */
export function ImportPage({ ctx, maxMb, fileError, askEncoding, report }: ImportPageProps): VNode {
  const { t } = ctx;
  const columnLabel = (c: string | null) => (c === null ? '–' : statFieldByKey.has(c) ? `${c} (${fieldLabel(ctx, c)})` : c);
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
      </ul>
      <p>
        {t('stats.import.template')} <a href="/staff/stats/import/template.csv">CSV</a> · <a href="/staff/stats/import/template.xlsx">XLSX</a>
      </p>
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
      {report ? (
        <section aria-labelledby="import-result-h">
          <h2 id="import-result-h">{t('stats.import.result')}</h2>
          <p role="status">
            {t('stats.import.summary', { accepted: report.accepted.length, rejected: report.rejectedRows })}
            {report.encoding ? ` ${t('stats.import.readAs', { encoding: report.encoding, delimiter: report.delimiter === '\t' ? 'TAB' : (report.delimiter ?? '') })}` : ''}
          </p>
          {report.problems.length > 0 ? (
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
                {report.problems.map((p, i) => (
                  <tr key={i}>
                    <td>{p.row}</td>
                    <td>{columnLabel(p.column)}</td>
                    <td>{t(p.key, typeof p.values?.status === 'string' ? { ...p.values, status: statusLabel(ctx, p.values.status as ReportStatus) } : p.values)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {report.accepted.length > 0 ? (
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
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}
