import type { VNode } from 'preact';
import type { CurrentUser, Role } from '../../../web/access.js';
import { Layout, type PageContext } from '../../../web/page.js';
import { roleIntroKey } from '../policy.js';
import { roleLabel } from './labels.js';

/** One link on the staff dashboard; modules add their own (see `addStaffLink`). */
export interface StaffLink {
  /** Where it leads; a function when it depends on the person's scope (null hides the link). */
  href: string | ((user: CurrentUser) => string | null);
  /** Message key of the link text. */
  labelKey: string;
  /** Message key of a one-line description under the link. */
  descriptionKey?: string;
  /** Message key of the group heading the link sits under. */
  sectionKey: string;
  /** The roles that see the link. */
  roles: readonly Role[];
  /** How many things wait behind the link for this person (e.g. reports to review), said with `countKey`. */
  count?: (user: CurrentUser) => Promise<number>;
  /** Message key of the count's sentence (a plural on `count`). */
  countKey?: string;
}

interface StaffPageProps {
  ctx: PageContext;
  user: CurrentUser;
  scope: string;
  /** The links this person sees, their addresses resolved. */
  links: (StaffLink & { href: string; waiting?: number })[];
}

/** The dashboard every logged-in person lands on: who they are and what their role lets them do. */
export function StaffPage({ ctx, user, scope, links }: StaffPageProps): VNode {
  const { t } = ctx;
  const sections = new Map<string, StaffPageProps['links']>();
  const slug = (key: string) => `staff-${key.replace(/[^a-z0-9]+/gi, '-')}`;
  for (const link of links) sections.set(link.sectionKey, [...(sections.get(link.sectionKey) ?? []), link]);
  return (
    <Layout ctx={ctx} title={t('accounts.staff.title')}>
      <h1>{t('accounts.staff.title')}</h1>
      <p>{t('accounts.staff.greeting', { name: user.name })}</p>
      {roleIntroKey(user) ? <p class="lead">{t(roleIntroKey(user)!)}</p> : null}
      <section aria-labelledby="staff-account">
        <h2 id="staff-account">{t('accounts.staff.account')}</h2>
        <dl class="facts">
          <dt>{t('accounts.field.name')}</dt>
          <dd>{user.name}</dd>
          <dt>{t('accounts.field.email')}</dt>
          <dd>{user.email}</dd>
          <dt>{t('accounts.field.role')}</dt>
          <dd>{roleLabel(ctx, user.role)}</dd>
          <dt>{t('accounts.field.scope')}</dt>
          <dd>{scope}</dd>
        </dl>
        <p>
          <a href="/staff/password">{t('accounts.password.link')}</a>
        </p>
      </section>
      {[...sections].map(([sectionKey, items]) => (
        <section key={sectionKey} aria-labelledby={slug(sectionKey)}>
          <h2 id={slug(sectionKey)}>{t(sectionKey)}</h2>
          <ul class="link-list">
            {items.map((link) => (
              <li key={link.href}>
                <a href={link.href}>{t(link.labelKey)}</a>
                {link.descriptionKey ? <p class="hint">{t(link.descriptionKey)}</p> : null}
                {link.countKey && link.waiting !== undefined ? (
                  <p class="staff-count">
                    <strong>{t(link.countKey, { count: link.waiting })}</strong>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
