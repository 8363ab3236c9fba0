import type { VNode } from 'preact';
import { EmptyState, TableScroll } from '../../../web/components.js';
import { CsrfField } from '../../../web/forms.js';
import { Layout, type PageContext } from '../../../web/page.js';
import type { ImportFault, ImportReport } from '../import.js';
import { itemTypes, licences, type HeritageCollection } from '../tables.js';
import { collectionTitle } from './common.js';

export interface ImportPageProps {
  ctx: PageContext;
  collections: HeritageCollection[];
  maxMb: number;
  chosen: { collection: string; type: string; licence: string; submit: boolean };
  fileError?: string;
  report?: ImportReport;
}

/** The field a fault names, in words: the form's labels and the Dublin Core element names. */
function fieldLabel(ctx: PageContext, field: string): string {
  const dc = /^dc\.([a-z]+)/.exec(field);
  if (dc) return ctx.t(`heritage.dc.${dc[1]}`);
  if (field === 'coverage') return ctx.t('heritage.dc.coverage');
  return ['collection', 'type', 'licence', 'date', 'places'].includes(field) ? ctx.t(`heritage.field.${field}`) : field;
}

function FaultTable({ ctx, caption, faults }: { ctx: PageContext; caption: string; faults: ImportFault[] }): VNode | null {
  const { t } = ctx;
  if (faults.length === 0) return null;
  return (
    <TableScroll label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('heritage.import.where')}</th>
            <th scope="col">{t('heritage.import.field')}</th>
            <th scope="col">{t('heritage.import.fault')}</th>
          </tr>
        </thead>
        <tbody>
          {faults.map((f, i) => (
            <tr key={i}>
              <td>{t(`heritage.import.${f.unit}`, { n: f.number })}</td>
              <td>{fieldLabel(ctx, f.field)}</td>
              <td>{t(f.key, f.values ?? {})}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The import page: the upload form, and after an upload the report (stored, faults by row or record, warnings). */
export function ImportPage(props: ImportPageProps): VNode {
  const { ctx, report, chosen } = props;
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t('heritage.import.title')}
      breadcrumbs={[
        { href: '/staff', label: t('heritage.staff.dashboard') },
        { href: '/staff/heritage', label: t('heritage.staff.title') },
      ]}
    >
      {report ? (
        <section aria-labelledby="report-h">
          <h2 id="report-h">{t('heritage.import.report')}</h2>
          <p role="status">{t('heritage.import.summary', { stored: report.stored.length, failed: new Set(report.errors.map((e) => e.number)).size })}</p>
          {report.stored.length > 0 ? (
            <TableScroll label={t('heritage.import.stored')}>
              <table>
                <caption>{t('heritage.import.stored')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('heritage.import.where')}</th>
                    <th scope="col">{t('heritage.dc.title')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.stored.map((s) => (
                    <tr key={s.id}>
                      <td>{t(`heritage.import.${s.unit}`, { n: s.number })}</td>
                      <td>
                        <a href={`/staff/heritage/items/${s.id}`}>{s.title}</a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : (
            <EmptyState message={t('heritage.import.noneStored')} />
          )}
          <FaultTable ctx={ctx} caption={t('heritage.import.errors')} faults={report.errors} />
          <FaultTable ctx={ctx} caption={t('heritage.import.warnings')} faults={report.warnings} />
        </section>
      ) : null}
      <p>{t('heritage.import.hintCsv')}</p>
      <p>{t('heritage.import.hintXml')}</p>
      {props.fileError ? (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <p id="f-file-error" class="error-message">
            {props.fileError}
          </p>
        </div>
      ) : null}
      <form method="post" action="/staff/heritage/import" enctype="multipart/form-data">
        <CsrfField ctx={ctx} />
        <div class="field">
          <label for="f-collection">{t('heritage.import.defaultCollection')}</label>
          <select id="f-collection" name="collection">
            <option value="">{t('heritage.field.choose')}</option>
            {props.collections.map((c) => (
              <option key={c.id} value={c.id} selected={c.id === chosen.collection}>
                {collectionTitle(ctx, c)} ({c.region_id})
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-type">{t('heritage.import.defaultType')}</label>
          <select id="f-type" name="type">
            {itemTypes.map((ty) => (
              <option key={ty} value={ty} selected={ty === chosen.type}>
                {t(`heritage.type.${ty}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-licence">{t('heritage.import.defaultLicence')}</label>
          <select id="f-licence" name="licence">
            {Object.keys(licences).map((l) => (
              <option key={l} value={l} selected={l === chosen.licence}>
                {t(`heritage.licence.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <input type="checkbox" id="f-submit" name="submit" value="1" checked={chosen.submit} />{' '}
          <label for="f-submit">{t('heritage.import.submit')}</label>
        </div>
        <div class={props.fileError ? 'field field-error' : 'field'}>
          <label for="f-file">
            {t('heritage.import.file')}
            <span aria-hidden="true"> *</span>
          </label>
          <p class="hint" id="f-file-hint">
            {t('heritage.import.fileHint', { max: props.maxMb })}
          </p>
          <input
            type="file"
            id="f-file"
            name="file"
            required
            accept=".csv,.xml,text/csv,application/xml,text/xml"
            aria-describedby={props.fileError ? 'f-file-hint f-file-error' : 'f-file-hint'}
            aria-invalid={props.fileError ? 'true' : undefined}
          />
        </div>
        <div class="form-actions">
          <button type="submit">{t('heritage.import.upload')}</button>
        </div>
      </form>
    </Layout>
  );
}
