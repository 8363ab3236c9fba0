import type { VNode } from 'preact';
import { TableScroll } from '../../../web/components.js';
import { CsrfField, ErrorSummary, Field, type FormErrors } from '../../../web/forms.js';
import { Layout, type PageContext } from '../../../web/page.js';
import type { PracticeTopic } from '../tables.js';
import { staffCrumbs } from './format.js';

/** The admin's controlled list of topics, named in both languages; the form adds one or renames one by its id. */
export function TopicsPage({ ctx, topics, errors, values }: { ctx: PageContext; topics: PracticeTopic[]; errors: FormErrors; values: Record<string, string> }): VNode {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('practice.topics.title')} breadcrumbs={staffCrumbs(ctx)}>
      <h1>{t('practice.topics.title')}</h1>
      <TableScroll label={t('practice.topics.title')}>
        <table>
          <caption>{t('practice.topics.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('practice.topics.id')}</th>
              <th scope="col">{t('practice.topics.nameSl')}</th>
              <th scope="col">{t('practice.topics.nameEn')}</th>
              <th scope="col" class="num">{t('practice.topics.sort')}</th>
            </tr>
          </thead>
          <tbody>
            {topics.map((x) => (
              <tr key={x.id}>
                <th scope="row">{x.id}</th>
                <td lang="sl">{x.name_sl}</td>
                <td lang="en">{x.name_en}</td>
                <td class="num">{x.sort}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h2>{t('practice.topics.add')}</h2>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/admin/practice-topics">
        <CsrfField ctx={ctx} />
        <Field name="id" label={t('practice.topics.id')} value={values.id} errors={errors} hint={t('practice.topics.idHint')} />
        <Field name="name_sl" label={t('practice.topics.nameSl')} value={values.name_sl} errors={errors} />
        <Field name="name_en" label={t('practice.topics.nameEn')} value={values.name_en} errors={errors} />
        <Field name="sort" label={t('practice.topics.sort')} value={values.sort} errors={errors} inputMode="numeric" />
        <button type="submit">{t('form.save')}</button>
      </form>
    </Layout>
  );
}
