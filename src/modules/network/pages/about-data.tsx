import type { VNode } from 'preact';
import { InLanguage, Layout, type PageContext } from '../../../web/page.js';
import type { NetworkInfo } from '../load.js';

/** Where the network's data comes from, under which licence, and what is demonstration data. */
export function AboutDataPage({ ctx, info }: { ctx: PageContext; info: NetworkInfo }): VNode {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('network.about.title')} breadcrumbs={[{ href: '/', label: t('network.home.title') }]}>
      <h1>{t('network.about.title')}</h1>
      <p>{t('network.about.intro')}</p>
      <h2>{t('network.about.sources')}</h2>
      <ul>
        {info.attribution.map((a) => (
          <li key={a.url}>
            <a href={a.url}>
              <InLanguage texts={a.name} locale={ctx.locale} />
            </a>{' '}
            — <InLanguage texts={a.licence} locale={ctx.locale} />
          </li>
        ))}
      </ul>
      <h2>{t('network.about.demoTitle')}</h2>
      <p>{t('network.about.demo')}</p>
    </Layout>
  );
}
