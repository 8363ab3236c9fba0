import type { VNode } from 'preact';
import { EmptyState, ExportLinks, TableScroll } from '../../../web/components.js';
import { CsrfField } from '../../../web/forms.js';
import { Layout, type PageContext } from '../../../web/page.js';
import type { AccountRow } from '../queries.js';
import type { WithdrawnClaim, WithdrawnItem, WithdrawnOffer } from '../tables.js';
import { TierName } from './parts.js';

export interface AccountPageProps {
  ctx: PageContext;
  year: number;
  years: number[];
  rows: (AccountRow & { library_name: string; region_name: string })[];
  regions: { region_name: string; offered: number; claimed: number; passed_on: number; discarded: number }[];
}

/** What was offered, claimed, passed on and discarded per library and area in a year, with CSV/XLSX download. */
export function AccountPage({ ctx, year, years, rows, regions }: AccountPageProps): VNode {
  const { t } = ctx;
  const caption = t('withdrawn.account.caption', { year: String(year) });
  const regionCaption = t('withdrawn.account.regionCaption', { year: String(year) });
  const figures = (r: { offered: number; claimed: number; passed_on: number; discarded: number }) => (
    <>
      <td class="num">{r.offered}</td>
      <td class="num">{r.claimed}</td>
      <td class="num">{r.passed_on}</td>
      <td class="num">{r.discarded}</td>
    </>
  );
  const heads = (
    <>
      <th scope="col" class="num">
        {t('withdrawn.account.offered')}
      </th>
      <th scope="col" class="num">
        {t('withdrawn.account.claimed')}
      </th>
      <th scope="col" class="num">
        {t('withdrawn.account.passedOn')}
      </th>
      <th scope="col" class="num">
        {t('withdrawn.account.discarded')}
      </th>
    </>
  );
  return (
    <Layout ctx={ctx} title={t('withdrawn.account.title')} breadcrumbs={[{ href: '/withdrawn', label: t('withdrawn.offers.title') }]}>
      <h1>{t('withdrawn.account.title')}</h1>
      <p>{t('withdrawn.account.intro')}</p>
      <form method="get" action="/withdrawn/account" class="filters">
        <label for="f-year">{t('withdrawn.account.year')}</label>{' '}
        <select id="f-year" name="year">
          {[...new Set([year, ...years])].sort((a, b) => b - a).map((y) => (
            <option key={y} value={String(y)} selected={y === year}>
              {String(y)}
            </option>
          ))}
        </select>{' '}
        <button type="submit">{t('withdrawn.offers.filter')}</button>
      </form>
      {rows.length === 0 ? (
        <EmptyState message={t('withdrawn.account.empty', { year: String(year) })} />
      ) : (
        <>
          <h2>{t('withdrawn.account.byRegion')}</h2>
          <TableScroll label={regionCaption}>
            <table>
              <caption>{regionCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('withdrawn.account.region')}</th>
                  {heads}
                </tr>
              </thead>
              <tbody>
                {regions.map((r) => (
                  <tr key={r.region_name}>
                    <th scope="row">{r.region_name}</th>
                    {figures(r)}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <h2>{t('withdrawn.account.byLibrary')}</h2>
          <TableScroll label={caption}>
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('withdrawn.offer.library')}</th>
                  <th scope="col">{t('withdrawn.account.region')}</th>
                  {heads}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.library_id}>
                    <th scope="row">{r.library_name}</th>
                    <td>{r.region_name}</td>
                    {figures(r)}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <ExportLinks ctx={ctx} />
        </>
      )}
    </Layout>
  );
}

export interface ClaimsPageProps {
  ctx: PageContext;
  claimantName: string;
  claims: WithdrawnClaim[];
  items: Map<number, WithdrawnItem>;
  offers: Map<number, WithdrawnOffer>;
  /** Entries the claiming library now holds (its import brought the copy in). */
  heldEntries: Set<number>;
  isLibrary: boolean;
}

/** A claimer's claims: status, how to collect, and the one click that adds the copies to its holdings. */
export function ClaimsPage({ ctx, claimantName, claims, items, offers, heldEntries, isLibrary }: ClaimsPageProps): VNode {
  const { t } = ctx;
  const caption = t('withdrawn.claims.caption', { name: claimantName });
  return (
    <Layout ctx={ctx} title={t('withdrawn.claims.title')} breadcrumbs={[{ href: '/withdrawn', label: t('withdrawn.offers.title') }]}>
      <h1>{t('withdrawn.claims.title')}</h1>
      <p>{t('withdrawn.claims.for', { name: claimantName })}</p>
      {claims.length === 0 ? (
        <EmptyState message={t('withdrawn.claims.empty')} />
      ) : (
        <TableScroll label={caption}>
          <table>
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('withdrawn.item.title')}</th>
                <th scope="col">{t('withdrawn.claims.offer')}</th>
                <th scope="col">{t('withdrawn.claims.priority')}</th>
                <th scope="col">{t('withdrawn.offer.status')}</th>
                <th scope="col">{t('withdrawn.claims.action')}</th>
              </tr>
            </thead>
            <tbody>
              {claims.map((c) => {
                const item = items.get(c.item_id);
                const offer = offers.get(c.offer_id);
                const inCatalog = item?.entry_id != null;
                return (
                  <tr key={c.id}>
                    <td>{item?.title ?? ''}</td>
                    <td>{offer ? <a href={`/withdrawn/offers/${offer.id}`}>{offer.title}</a> : ''}</td>
                    <td>
                      <TierName ctx={ctx} tier={c.tier} />
                    </td>
                    <td>
                      {t(`withdrawn.claimStatus.${c.status}`)} ({t('withdrawn.claim.quantity', { count: c.quantity })}
                      {c.status === 'granted' || c.status === 'collected' ? `, ${t('withdrawn.claim.granted', { count: c.granted })}` : ''})
                      {offer?.pickup_note && c.status === 'granted' ? <div class="hint">{t('withdrawn.claims.pickup', { note: offer.pickup_note, place: offer.pickup_place })}</div> : null}
                    </td>
                    <td>
                      {c.status === 'waiting' ? (
                        <form method="post" action={`/withdrawn/claims/${c.id}/cancel`} class="inline-form">
                          <CsrfField ctx={ctx} />
                          <button type="submit">{t('withdrawn.claims.cancel', { title: item?.title ?? '' })}</button>
                        </form>
                      ) : c.holding_added_at ? (
                        t('withdrawn.claims.added')
                      ) : isLibrary && inCatalog && (c.status === 'granted' || c.status === 'collected') ? (
                        <>
                          {heldEntries.has(item.entry_id!) ? <div class="hint">{t('withdrawn.claims.inCatalog')}</div> : null}
                          <form method="post" action={`/withdrawn/claims/${c.id}/holdings`} class="inline-form">
                            <CsrfField ctx={ctx} />
                            <button type="submit">{t('withdrawn.claims.addHoldings', { title: item?.title ?? '' })}</button>
                          </form>
                        </>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Layout>
  );
}
