import type { VNode } from 'preact';
import { Layout, type PageContext } from './page.js';

/** The page shown for an error: its title, what happened, and a way on. */
export function ErrorPage({
  ctx,
  title,
  detail,
  fields,
}: {
  ctx: PageContext;
  title: string;
  detail?: string;
  fields?: { field: string; message: string }[];
}): VNode {
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {detail ? <p>{detail}</p> : null}
      {fields && fields.length > 0 ? (
        <ul>
          {fields.map((f) => (
            <li key={f.field}>
              <code>{f.field}</code>: {f.message}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href="/">{ctx.t('error.backHome')}</a>
      </p>
    </Layout>
  );
}
