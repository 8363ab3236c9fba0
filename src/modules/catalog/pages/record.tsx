import type { ComponentChildren, VNode } from 'preact';
import { Layout, withQuery, type PageContext } from '../../../web/page.js';
import type { CatalogEntryView, EntrySourceRecord, MergeReason } from '../contract.js';
import type { PlacedHolding } from '../holdings-order.js';
import type { NetworkLookup, PlaceOption } from '../network-lookup.js';
import { fieldQuery } from '../search-params.js';
import { languageName, materialTypeLabel, statusLabel } from './search-format.js';
import { TableScroll } from '../../../web/components.js';
import { titleKeyParts } from '../merge/keys.js';

export interface RecordPageProps {
  ctx: PageContext;
  entry: CatalogEntryView;
  holdings: PlacedHolding[];
  /** The reader's place, when chosen. */
  place: PlaceOption | null;
  /** Set when `near` named no known place. */
  placeError: string | null;
  lookup: NetworkLookup;
  /** Library staff: the MARC view and the entry's staff page (split and join) are theirs. */
  canSeeMarc: boolean;
}

const search = (q: string) => withQuery('/catalog', { q });

/** The full title as one line: title, subtitle after a colon. */
export const fullTitle = (entry: CatalogEntryView) => (entry.summary.subtitle ? `${entry.summary.title}: ${entry.summary.subtitle}` : entry.summary.title);

/** One catalog entry: its description, where a copy is (nearest first), why its records are one entry, and exports. */
export function RecordPage({ ctx, entry, holdings, place, placeError, lookup, canSeeMarc }: RecordPageProps): VNode {
  const { t } = ctx;
  const s = entry.summary;
  const publication = [s.place, s.publisher].filter(Boolean).join(': ') + (s.year !== null ? `${s.place || s.publisher ? ', ' : ''}${s.year}` : '');
  return (
    <Layout ctx={ctx} title={fullTitle(entry)} breadcrumbs={[{ href: '/', label: t('network.home.title') }, { href: '/catalog', label: t('catalog.search.title') }]}>
      <h1>
        {s.title}
        {s.subtitle ? <span class="subtitle">: {s.subtitle}</span> : null}
      </h1>
      {s.responsibility ? <p class="lead">{s.responsibility}</p> : null}
      <dl class="facts record-facts">
        <Fact label={t('catalog.record.authors')} show={s.authors.length > 0}>
          <ul class="inline-list">
            {s.authors.map((a) => (
              <li key={a}>
                <a href={search(fieldQuery('author', a))}>{a}</a>
              </li>
            ))}
          </ul>
        </Fact>
        <Fact label={t('catalog.record.type')}>{materialTypeLabel(ctx, s.materialType)}</Fact>
        <Fact label={t('catalog.record.edition')} show={!!s.edition}>
          {s.edition}
        </Fact>
        <Fact label={t('catalog.record.publication')} show={publication !== ''}>
          {publication}
        </Fact>
        <Fact label={t('catalog.record.extent')} show={!!s.extent}>
          {s.extent}
        </Fact>
        <Fact label={t('catalog.record.series')} show={s.series.length > 0}>
          {s.series.join('; ')}
        </Fact>
        <Fact label={t('catalog.record.language')} show={s.language !== null}>
          {languageName(ctx, s.language)}
        </Fact>
        <Fact label={t('catalog.record.subjects')} show={s.subjects.length > 0}>
          <ul class="inline-list">
            {s.subjects.map((subject) => (
              <li key={subject}>
                <a href={search(fieldQuery('subject', subject))}>{subject}</a>
              </li>
            ))}
          </ul>
        </Fact>
        <Fact label="ISBN" show={s.isbns.length > 0}>
          {s.isbns.join(', ')}
        </Fact>
        <Fact label="ISSN" show={s.issns.length > 0}>
          {s.issns.join(', ')}
        </Fact>
        <Fact label={t('catalog.record.notes')} show={s.notes.length > 0}>
          <ul class="plain-list">
            {s.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </Fact>
      </dl>

      <section aria-labelledby="holdings-heading">
        <h2 id="holdings-heading">{t('catalog.record.holdings')}</h2>
        <PlaceForm ctx={ctx} entryId={entry.entryId} place={place} placeError={placeError} lookup={lookup} />
        <Holdings ctx={ctx} holdings={holdings} place={place} />
        {/* Interlibrary loan: a library's staff request this work for a patron (loans module). */}
        {ctx.user?.libraryId ? (
          <p>
            <a href={`/staff/loans/new?entry=${entry.entryId}`}>{t('loans.record.request')}</a>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="sources-heading">
        <h2 id="sources-heading">{t('catalog.record.sources')}</h2>
        <p>{t('catalog.record.sourcesIntro', { count: entry.records.length })}</p>
        <ul class="source-records">
          {entry.records.map((r) => (
            <li key={r.recordId}>
              <strong>{lookup.libraryName(r.libraryId)}</strong>
              {r.controlNumber ? `, ${t('catalog.record.controlNumber', { number: r.controlNumber })}` : ''}: {mergeReasonText(ctx, r.mergeReason)}
            </li>
          ))}
        </ul>
        {canSeeMarc ? (
          <p>
            <a href={`/staff/catalog/entries/${entry.entryId}`}>{t('catalog.record.manage')}</a>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="export-heading">
        <h2 id="export-heading">{t('catalog.record.export')}</h2>
        <ul class="actions">
          <li>
            <a href={`/catalog/records/${entry.entryId}/marcxml`} download={`entry-${entry.entryId}.xml`}>
              {t('catalog.record.exportMarcXml')}
            </a>
          </li>
          <li>
            <a href={`/catalog/records/${entry.entryId}/marc21`} download={`entry-${entry.entryId}.mrc`}>
              {t('catalog.record.exportMarc21')}
            </a>
          </li>
          {canSeeMarc ? (
            <li>
              <a href={`/catalog/records/${entry.entryId}/marc`}>{t('catalog.record.marcView')}</a>
            </li>
          ) : null}
        </ul>
      </section>
    </Layout>
  );
}

function Fact({ label, show = true, children }: { label: string; show?: boolean; children: ComponentChildren }): VNode | null {
  if (!show) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** Why a source record belongs to the entry, in words. */
export function mergeReasonText(ctx: PageContext, reason: MergeReason | null): string {
  if (reason === null) return ctx.t('catalog.merge.first');
  if (reason.kind === 'isbn') return ctx.t('catalog.merge.isbn', { value: reason.value });
  if (reason.kind === 'issn') return ctx.t('catalog.merge.issn', { value: reason.value });
  // Which of title, author, year, edition and publisher agreed, as a sentence (not the key itself).
  const parts = titleKeyParts(reason.value).map((p) => ctx.t(`catalog.merge.part.${p}`));
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} ${ctx.t('catalog.merge.and')} ${parts[parts.length - 1]}` : (parts[0] ?? '');
  return ctx.t('catalog.merge.key', { parts: list });
}

/** "My place": a municipality, sent as ?near= and remembered in a cookie. */
function PlaceForm({
  ctx,
  entryId,
  place,
  placeError,
  lookup,
}: {
  ctx: PageContext;
  entryId: number;
  place: PlaceOption | null;
  placeError: string | null;
  lookup: NetworkLookup;
}): VNode {
  const { t } = ctx;
  return (
    <form method="get" action={`/catalog/records/${entryId}`} class="filter-form place-form">
      <div class={placeError ? 'field field-error' : 'field'}>
        <label for="f-near">{t('catalog.place.label')}</label>
        <p class="hint" id="f-near-hint">
          {t('catalog.place.hint')}
        </p>
        {placeError ? (
          <p class="error-message" id="f-near-error">
            {placeError}
          </p>
        ) : null}
        <select id="f-near" name="near" aria-describedby={placeError ? 'f-near-hint f-near-error' : 'f-near-hint'} aria-invalid={placeError ? 'true' : undefined}>
          <option value="">{t('catalog.place.none')}</option>
          {lookup.municipalities.map((m) => (
            <option key={m.id} value={m.id} selected={place?.id === m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">{t('catalog.place.submit')}</button>
    </form>
  );
}

function Holdings({ ctx, holdings, place }: { ctx: PageContext; holdings: PlacedHolding[]; place: PlaceOption | null }): VNode {
  const { t } = ctx;
  if (holdings.length === 0) return <p class="empty-state">{t('catalog.record.noHoldings')}</p>;
  const libraries = new Set(holdings.map((h) => h.libraryId)).size;
  const available = new Set(holdings.filter((h) => h.status === 'available').map((h) => h.libraryId)).size;
  return (
    <>
      <p>
        {t('catalog.record.holdingsSummary', { libraries, available })}{' '}
        {place ? t('catalog.place.sortedNear', { place: place.name }) : t('catalog.place.sortedByName')}
      </p>
      <TableScroll label={t('catalog.record.holdings')}>
        <table class="data holdings">
          <caption class="visually-hidden">{t('catalog.record.holdings')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('catalog.holding.library')}</th>
              <th scope="col">{t('catalog.holding.servicePoint')}</th>
              <th scope="col">{t('catalog.holding.callNumber')}</th>
              <th scope="col">{t('catalog.holding.status')}</th>
              {place ? (
                <th scope="col" class="num">
                  {t('catalog.holding.distance')}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {holdings.map((h) => (
              <tr key={h.holdingId}>
                <th scope="row">
                  <a href={`/libraries/${encodeURIComponent(h.libraryId)}`}>{h.libraryName}</a>
                </th>
                <td>{h.servicePointName ?? '—'}</td>
                <td>{h.callNumber ? <span class="call-number">{h.callNumber}</span> : '—'}</td>
                <td>
                  <span class={`status status-${h.status}`}>{statusLabel(ctx, h.status)}</span>
                </td>
                {place ? (
                  <td class="num">{h.distanceKm === null ? '—' : t('catalog.holding.km', { km: ctx.i18n.number(h.distanceKm, { maximumFractionDigits: h.distanceKm < 10 ? 1 : 0 }) })}</td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

/** The source record's library and control number, as the MARC view names it. */
export const sourceLabel = (ctx: PageContext, lookup: NetworkLookup, r: EntrySourceRecord) =>
  r.controlNumber ? `${lookup.libraryName(r.libraryId)} · ${r.controlNumber}` : lookup.libraryName(r.libraryId);
