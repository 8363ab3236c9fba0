import type { VNode } from 'preact';
import { Pagination, TableScroll } from '../../../web/components.js';
import { CsrfField, ErrorSummary, type FormErrors } from '../../../web/forms.js';
import { Layout, type PageContext } from '../../../web/page.js';
import { ImportStatus, MergeReasonText } from './staff-parts.js';

interface Props {
  ctx: PageContext;
  library: { id: string; name: string };
  libraries: { id: string; name: string }[];
  counts: { records: number; holdings: number; mergedRecords: number };
  imports: { job_id: number; file_name: string; status: string; created_at: string; added: number; updated: number; unchanged: number; merged: number; rejected: number; removed: number }[];
  importTotal: number;
  merged: { id: number; control_number: string; entry_id: number; merge_kind: string | null; merge_value: string | null; kept_apart: number; title: string }[];
  mergedTotal: number;
  page: number;
  pageSize: number;
  uploadLimitMb: number;
  errors: FormErrors;
}

/** A library's catalog for its staff: what is stored, recent imports, the upload form and merged records. */
export function CatalogStaffPage(p: Props): VNode {
  const { ctx } = p;
  const { t } = ctx;
  const n = (x: number) => ctx.i18n.number(x);
  const title = t('catalog.staff.title', { library: p.library.name });
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/staff', label: t('accounts.staff.title') }]}>
      <h1>{title}</h1>
      {p.libraries.length > 1 ? (
        <form method="get" action="/staff/catalog" class="filter-form">
          <label for="catalog-library">{t('catalog.staff.library')}</label>
          <select id="catalog-library" name="library">
            {p.libraries.map((l) => (
              <option key={l.id} value={l.id} selected={l.id === p.library.id}>
                {l.name}
              </option>
            ))}
          </select>
          <button type="submit">{t('catalog.staff.show')}</button>
        </form>
      ) : null}
      <ul class="facts">
        <li>{t('catalog.staff.countRecords', { count: p.counts.records })}</li>
        <li>{t('catalog.staff.countHoldings', { count: p.counts.holdings })}</li>
        <li>{t('catalog.staff.countMerged', { count: p.counts.mergedRecords })}</li>
      </ul>
      <p>
        <a href={`/api/catalog/export?library=${encodeURIComponent(p.library.id)}&format=marcxml`}>{t('catalog.staff.exportXml')}</a> ·{' '}
        <a href={`/api/catalog/export?library=${encodeURIComponent(p.library.id)}&format=marc21`}>{t('catalog.staff.exportMarc')}</a>
      </p>

      <h2 id="upload">{t('catalog.staff.upload.title')}</h2>
      <ErrorSummary ctx={ctx} errors={p.errors} labels={{ file: t('catalog.staff.upload.file') }} />
      <form method="post" action="/staff/catalog/imports" enctype="multipart/form-data" class="stacked-form">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="library" value={p.library.id} />
        <div class={`field${p.errors.file ? ' field-error' : ''}`}>
          <label for="f-file">{t('catalog.staff.upload.file')}</label>
          <p class="hint" id="f-file-hint">
            {t('catalog.staff.upload.fileHint', { limit: p.uploadLimitMb })}
          </p>
          {p.errors.file ? (
            <p class="error-message" id="f-file-error">
              {p.errors.file}
            </p>
          ) : null}
          <input
            id="f-file"
            type="file"
            name="file"
            required
            accept=".mrc,.marc,.iso,.xml,.dat"
            aria-describedby={p.errors.file ? 'f-file-hint f-file-error' : 'f-file-hint'}
            aria-invalid={p.errors.file ? 'true' : undefined}
          />
        </div>
        <div class="field">
          <label for="f-items">{t('catalog.staff.upload.items')}</label>
          <p class="hint" id="f-items-hint">
            {t('catalog.staff.upload.itemsHint')}
          </p>
          <input id="f-items" type="file" name="items" accept=".csv,.txt" aria-describedby="f-items-hint" />
        </div>
        <div class="field">
          <label for="f-format">{t('catalog.staff.upload.format')}</label>
          <select id="f-format" name="format">
            {(['auto', 'iso2709', 'marcxml'] as const).map((f) => (
              <option key={f} value={f}>
                {t(`catalog.staff.upload.format.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-charset">{t('catalog.staff.upload.charset')}</label>
          <select id="f-charset" name="charset">
            {(['auto', 'utf-8', 'marc-8', 'iso-8859-1'] as const).map((c) => (
              <option key={c} value={c}>
                {t(`catalog.staff.upload.charset.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field checkbox">
          <input id="f-full" type="checkbox" name="full" value="on" aria-describedby="f-full-hint" />
          <label for="f-full">{t('catalog.staff.upload.full')}</label>
          <p class="hint" id="f-full-hint">
            {t('catalog.staff.upload.fullHint')}
          </p>
        </div>
        <button type="submit">{t('catalog.staff.upload.submit')}</button>
      </form>

      <h2>{t('catalog.staff.imports.title')}</h2>
      {p.imports.length === 0 ? (
        <p>{t('catalog.staff.imports.none')}</p>
      ) : (
        <TableScroll label={t('catalog.staff.imports.caption', { count: p.importTotal })}>
          <table class="data">
            <caption>{t('catalog.staff.imports.caption', { count: p.importTotal })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('catalog.staff.imports.col.file')}</th>
                <th scope="col">{t('catalog.staff.imports.col.when')}</th>
                <th scope="col">{t('catalog.staff.imports.col.status')}</th>
                <th scope="col" class="num">{t('catalog.report.added')}</th>
                <th scope="col" class="num">{t('catalog.report.updated')}</th>
                <th scope="col" class="num">{t('catalog.report.unchanged')}</th>
                <th scope="col" class="num">{t('catalog.report.merged')}</th>
                <th scope="col" class="num">{t('catalog.report.rejected')}</th>
              </tr>
            </thead>
            <tbody>
              {p.imports.map((i) => (
                <tr key={i.job_id}>
                  <td>
                    <a href={`/staff/catalog/imports/${i.job_id}`}>{i.file_name}</a>
                  </td>
                  <td>
                    <time dateTime={i.created_at}>{ctx.i18n.date(i.created_at)}</time>
                  </td>
                  <td>
                    <ImportStatus ctx={ctx} status={i.status} />
                  </td>
                  <td class="num">{n(i.added)}</td>
                  <td class="num">{n(i.updated)}</td>
                  <td class="num">{n(i.unchanged)}</td>
                  <td class="num">{n(i.merged)}</td>
                  <td class="num">{n(i.rejected)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <h2>{t('catalog.staff.merged.title')}</h2>
      <p>{t('catalog.staff.merged.intro')}</p>
      {p.merged.length === 0 ? (
        <p>{t('catalog.staff.merged.none')}</p>
      ) : (
        <>
          <TableScroll label={t('catalog.staff.merged.caption', { count: p.mergedTotal })}>
            <table class="data">
              <caption>{t('catalog.staff.merged.caption', { count: p.mergedTotal })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('catalog.staff.col.controlNumber')}</th>
                  <th scope="col">{t('catalog.staff.col.title')}</th>
                  <th scope="col">{t('catalog.staff.col.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {p.merged.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <a href={`/staff/catalog/entries/${r.entry_id}`}>{r.control_number}</a>
                    </td>
                    <td>{r.title}</td>
                    <td>
                      <MergeReasonText ctx={ctx} kind={r.merge_kind} value={r.merge_value} keptApart={r.kept_apart === 1} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Pagination ctx={ctx} page={p.page} pageSize={p.pageSize} total={p.mergedTotal} />
        </>
      )}
    </Layout>
  );
}
