import type { VNode } from 'preact';
import { Layout, type PageContext } from '../../../web/page.js';
import type { CatalogEntryView, EntrySourceRecord } from '../contract.js';
import { isControlField, type MarcField } from '../marc/index.js';
import type { NetworkLookup } from '../network-lookup.js';
import { fullTitle, mergeReasonText, sourceLabel } from './record.js';
import { TableScroll } from '../../../web/components.js';

/** A blank indicator as catalogers write it. */
const indicator = (value: string) => (value === ' ' || value === '' ? '#' : value);

/** For librarians: every source record of an entry in the line format (tag, indicators, $subfields), monospaced. */
export function MarcViewPage({ ctx, entry, lookup }: { ctx: PageContext; entry: CatalogEntryView; lookup: NetworkLookup }): VNode {
  const { t } = ctx;
  const title = t('catalog.marc.title', { title: fullTitle(entry) });
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: '/catalog', label: t('catalog.search.title') },
        { href: `/catalog/records/${entry.entryId}`, label: fullTitle(entry) },
      ]}
    >
      <h1>{title}</h1>
      <p class="hint">{t('catalog.marc.legend')}</p>
      {entry.records.map((r, i) => (
        <SourceRecord key={r.recordId} ctx={ctx} record={r} index={i} lookup={lookup} />
      ))}
    </Layout>
  );
}

function SourceRecord({ ctx, record, index, lookup }: { ctx: PageContext; record: EntrySourceRecord; index: number; lookup: NetworkLookup }): VNode {
  const { t } = ctx;
  const headingId = `source-${index}`;
  return (
    <section aria-labelledby={headingId} class="marc-record">
      <h2 id={headingId}>{sourceLabel(ctx, lookup, record)}</h2>
      <p>
        {t(record.flavour === 'unimarc' ? 'catalog.marc.unimarc' : 'catalog.marc.marc21')} · {mergeReasonText(ctx, record.mergeReason)}
      </p>
      <TableScroll label={sourceLabel(ctx, lookup, record)}>
        <table class="marc">
          <caption class="visually-hidden">{sourceLabel(ctx, lookup, record)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('catalog.marc.tag')}</th>
              <th scope="col">{t('catalog.marc.indicators')}</th>
              <th scope="col">{t('catalog.marc.content')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">LDR</th>
              <td />
              <td>
                <code>{record.record.leader}</code>
              </td>
            </tr>
            {record.record.fields.map((f, i) => (
              <FieldRow key={i} field={f} />
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function FieldRow({ field }: { field: MarcField }): VNode {
  if (isControlField(field)) {
    return (
      <tr>
        <th scope="row">{field.tag}</th>
        <td />
        <td>
          <code>{field.value}</code>
        </td>
      </tr>
    );
  }
  return (
    <tr>
      <th scope="row">{field.tag}</th>
      <td>
        <code>
          {indicator(field.ind1)}
          {indicator(field.ind2)}
        </code>
      </td>
      <td>
        <code>
          {field.subfields.map((s, i) => (
            <span key={i} class="marc-subfield">
              <b class="marc-code">${s.code}</b> {s.value}
              {i < field.subfields.length - 1 ? ' ' : ''}
            </span>
          ))}
        </code>
      </td>
    </tr>
  );
}
