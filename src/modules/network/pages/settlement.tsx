import type { VNode } from 'preact';
import { Layout, type PageContext } from '../../../web/page.js';
import type { SettlementRef } from '../queries.js';

/** A settlement: its municipality, and the sections other modules add (heritage: people and items). */
export function SettlementPage({ ctx, settlement, sections }: { ctx: PageContext; settlement: SettlementRef; sections: VNode<any>[] }): VNode {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={settlement.name}
      breadcrumbs={[
        { href: '/municipalities', label: t('network.municipalities.title') },
        { href: `/municipalities/${settlement.municipality_id}`, label: settlement.municipality_name },
      ]}
    >
      <p>{t('network.settlement.inMunicipality', { municipality: settlement.municipality_name })}</p>
      {sections}
    </Layout>
  );
}
