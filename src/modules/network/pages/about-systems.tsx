import type { VNode } from 'preact';
import { Layout, type PageContext } from '../../../web/page.js';

/** The SRU example the page offers: a subject every demonstration and real catalog has records for. */
export const sruExample = '/sru?version=1.2&operation=searchRetrieve&query=dc.subject%3Dpoezija&maximumRecords=5&recordSchema=marcxml';

/**
 * "For other systems": where programs read Mreža's public data (the catalog over SRU, the REST
 * API, the open statistics). Only addresses: the page reads no module's data.
 */
export function AboutSystemsPage({ ctx, publicUrl }: { ctx: PageContext; publicUrl: string }): VNode {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('network.systems.title')} breadcrumbs={[{ href: '/', label: t('network.home.title') }]}>
      <h1>{t('network.systems.title')}</h1>
      <p class="lead">{t('network.systems.lead')}</p>
      <section aria-labelledby="sru-h">
        <h2 id="sru-h">{t('network.systems.sru.title')}</h2>
        <p>
          {t('network.systems.sru.text')} <code>{`${publicUrl}/sru`}</code>
        </p>
        <ul>
          <li>
            <a href="/sru?operation=explain&version=1.2">{t('network.systems.sru.explain')}</a>
          </li>
          <li>
            <a href={sruExample}>{t('network.systems.sru.example')}</a>
            <br />
            <code class="wrap-anywhere">{`${publicUrl}${sruExample}`}</code>
          </li>
        </ul>
        <p>{t('network.systems.sru.indexes')}</p>
      </section>
      <section aria-labelledby="api-h">
        <h2 id="api-h">{t('network.systems.api.title')}</h2>
        <p>{t('network.systems.api.text')}</p>
        <ul>
          <li>
            <a href="/api/docs">{t('network.systems.api.docs')}</a>
          </li>
          <li>
            <a href="/api/openapi.json">{t('network.systems.api.openapi')}</a>
          </li>
        </ul>
      </section>
      <section aria-labelledby="open-data-h">
        <h2 id="open-data-h">{t('network.systems.openData.title')}</h2>
        <p>{t('network.systems.openData.text')}</p>
        <ul>
          <li>
            <a href="/api/stats/open-data.csv">{t('network.systems.openData.csv')}</a>
          </li>
          <li>
            <a href="/api/stats/open-data.json">{t('network.systems.openData.json')}</a>
          </li>
          <li>
            <a href="/api/stats/open-data.schema.json">{t('network.systems.openData.schema')}</a>
          </li>
          <li>
            <a href="/api/stats/open-data.csv?level=region">{t('network.systems.openData.regions')}</a>
          </li>
        </ul>
        <p>
          {t('network.systems.tables')} <a href="/about/data">{t('network.systems.sources')}</a>.
        </p>
      </section>
    </Layout>
  );
}
