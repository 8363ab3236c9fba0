// Pieces both the public and the staff pages of the reading programmes use.
import type { VNode } from 'preact';
import { TableScroll } from '../../../web/components.js';
import { Field, type FormErrors } from '../../../web/forms.js';
import type { PageContext } from '../../../web/page.js';
import type { ItemRow, LogRow } from '../queries.js';
import type { Progress, ReadingRule } from '../rules.js';

export const categoryLabel = (ctx: PageContext, c: string) => ctx.t(`reading.category.${c}`);
export const formatLabel = (ctx: PageContext, f: string) => ctx.t(`reading.format.${f}`);
export const day = (ctx: PageContext, iso: string) => ctx.i18n.date(`${iso.slice(0, 10)}T12:00:00Z`, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Ljubljana' });

/** "5 prose books and 1 poetry book" in the reader's language. */
export function rulesText(ctx: PageContext, rules: ReadingRule[]): string {
  return rules.map((r) => ctx.t('reading.rule', { count: r.count, category: categoryLabel(ctx, r.category) })).join(', ');
}

/** The season in the reader's language. */
export function seasonText(ctx: PageContext, p: { season_from: string; season_to: string }): string {
  return ctx.t('reading.season', { from: day(ctx, p.season_from), to: day(ctx, p.season_to) });
}

/** Progress per category, with a meter each, and the completion sentence. */
export function ProgressView({ ctx, progress }: { ctx: PageContext; progress: Progress }): VNode {
  return (
    <section aria-labelledby="progress-h" class="reading-progress">
      <h2 id="progress-h">{ctx.t('reading.progress.title')}</h2>
      <p role="status" class={progress.complete ? 'notice success' : 'notice'}>
        {progress.complete ? ctx.t('reading.progress.complete') : ctx.t('reading.progress.counted', { counted: progress.counted, required: progress.required })}
      </p>
      <ul>
        {progress.categories.map((c) => (
          <li key={c.category}>
            <label>
              {ctx.t('reading.progress.category', { category: categoryLabel(ctx, c.category), read: c.read, required: c.required })}{' '}
              <meter min={0} max={c.required} value={Math.min(c.read, c.required)} />
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The books a reader logged. */
export function LogTable({ ctx, logs, libraryName }: { ctx: PageContext; logs: LogRow[]; libraryName: (id: string | null) => string }): VNode {
  if (logs.length === 0) return <p class="empty-state">{ctx.t('reading.log.empty')}</p>;
  const caption = ctx.t('reading.log.caption');
  return (
    <TableScroll label={caption}>
      <table class="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t('reading.list.title')}</th>
            <th scope="col">{ctx.t('reading.list.category')}</th>
            <th scope="col">{ctx.t('reading.log.format')}</th>
            <th scope="col">{ctx.t('reading.log.where')}</th>
            <th scope="col">{ctx.t('reading.log.when')}</th>
          </tr>
        </thead>
        <tbody>
          {logs.map((l) => (
            <tr key={l.id}>
              <td>
                {l.title}
                {l.author ? <span class="hint"> — {l.author}</span> : null}
              </td>
              <td>{categoryLabel(ctx, l.category)}</td>
              <td>{formatLabel(ctx, l.format)}</td>
              <td>{libraryName(l.library_id)}</td>
              <td>{day(ctx, l.logged_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The fields that log one book: a title of the list not yet logged, and the version read. */
export function LogFields({ ctx, items, logged, errors, values }: { ctx: PageContext; items: ItemRow[]; logged: Set<number>; errors: FormErrors; values: { itemId?: number; format?: string } }): VNode {
  const open = items.filter((i) => !logged.has(i.id));
  return (
    <>
      <Field name="itemId" label={ctx.t('reading.log.book')} errors={errors} required>
        <select id="f-itemId" name="itemId" required aria-invalid={errors.itemId ? 'true' : undefined} aria-describedby={errors.itemId ? 'f-itemId-error' : undefined}>
          <option value="">{ctx.t('reading.log.choose')}</option>
          {open.map((i) => (
            <option key={i.id} value={String(i.id)} selected={values.itemId === i.id}>
              {`${i.title}${i.author ? ` — ${i.author}` : ''} (${categoryLabel(ctx, i.category)}; ${i.formats.split(',').map((f) => formatLabel(ctx, f)).join(', ')})`}
            </option>
          ))}
        </select>
      </Field>
      <Field name="format" label={ctx.t('reading.log.format')} errors={errors} hint={ctx.t('reading.log.formatHint')}>
        <select id="f-format" name="format" aria-describedby={['f-format-hint', errors.format ? 'f-format-error' : ''].filter(Boolean).join(' ')} aria-invalid={errors.format ? 'true' : undefined}>
          {['print', 'ebook', 'audiobook'].map((f) => (
            <option key={f} value={f} selected={(values.format ?? 'print') === f}>
              {formatLabel(ctx, f)}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
