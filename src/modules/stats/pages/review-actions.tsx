import type { VNode } from 'preact';
import { CsrfField, type FormErrors } from '../../../web/forms.js';
import type { PageContext } from '../../../web/page.js';
import type { StatReport } from '../tables.js';

/** Which review steps the reader may take on a report now. */
export interface ReviewAbilities {
  canReturn: boolean;
  canAccept: boolean;
  canPublish: boolean;
}

/** The coordinator's return-with-comment and accept forms, and the admin's publish form. */
export function ReviewActions({ ctx, report, abilities, errors, values }: { ctx: PageContext; report: StatReport; abilities: ReviewAbilities; errors: FormErrors; values: Record<string, string> }): VNode | null {
  const { t } = ctx;
  if (!abilities.canReturn && !abilities.canAccept && !abilities.canPublish) return null;
  const base = `/staff/stats/reports/${report.id}`;
  return (
    <section aria-labelledby="review-h" class="review-actions">
      <h2 id="review-h">{t('stats.review.actions')}</h2>
      {abilities.canAccept ? (
        <form method="post" action={`${base}/accept`}>
          <CsrfField ctx={ctx} />
          <button type="submit">{t('stats.review.accept')}</button>
        </form>
      ) : null}
      {abilities.canReturn ? (
        <form method="post" action={`${base}/return`} novalidate>
          <CsrfField ctx={ctx} />
          <div class={errors.comment ? 'field field-error' : 'field'}>
            <label for="f-comment">{t('stats.review.comment')}</label>
            <p class="hint" id="f-comment-hint">
              {t('stats.review.commentHint')}
            </p>
            {errors.comment ? (
              <p class="error-message" id="f-comment-error">
                {errors.comment}
              </p>
            ) : null}
            <textarea id="f-comment" name="comment" rows={4} required aria-describedby={errors.comment ? 'f-comment-hint f-comment-error' : 'f-comment-hint'} aria-invalid={errors.comment ? 'true' : undefined}>
              {values.comment ?? ''}
            </textarea>
          </div>
          <button type="submit" class="danger">
            {t('stats.review.return')}
          </button>
        </form>
      ) : null}
      {abilities.canPublish ? (
        <form method="post" action={`${base}/publish`}>
          <CsrfField ctx={ctx} />
          <p class="hint">{t('stats.review.publishHint')}</p>
          <button type="submit">{t('stats.review.publish')}</button>
        </form>
      ) : null}
    </section>
  );
}
