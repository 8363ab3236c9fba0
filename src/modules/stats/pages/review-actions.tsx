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

/**
 * The coordinator's review: one comment box (required to return, optional to accept) with Accept and
 * Return side by side after it; and the admin's publish form.
 */
export function ReviewActions({ ctx, report, abilities, errors, values }: { ctx: PageContext; report: StatReport; abilities: ReviewAbilities; errors: FormErrors; values: Record<string, string> }): VNode | null {
  const { t } = ctx;
  if (!abilities.canReturn && !abilities.canAccept && !abilities.canPublish) return null;
  const base = `/staff/stats/reports/${report.id}`;
  return (
    <section aria-labelledby="review-h" class="review-actions">
      <h2 id="review-h">{t('stats.review.actions')}</h2>
      {abilities.canReturn || abilities.canAccept ? (
        <form method="post" action={abilities.canReturn ? `${base}/return` : `${base}/accept`} novalidate>
          <CsrfField ctx={ctx} />
          <div class={errors.comment ? 'field field-error' : 'field'}>
            <label for="f-comment">{t('stats.review.comment')}</label>
            <p class="hint" id="f-comment-hint">
              {abilities.canAccept && abilities.canReturn ? t('stats.review.commentHintBoth') : t('stats.review.commentHint')}
            </p>
            {errors.comment ? (
              <p class="error-message" id="f-comment-error">
                {errors.comment}
              </p>
            ) : null}
            <textarea id="f-comment" name="comment" rows={4} aria-describedby={errors.comment ? 'f-comment-hint f-comment-error' : 'f-comment-hint'} aria-invalid={errors.comment ? 'true' : undefined}>
              {values.comment ?? ''}
            </textarea>
          </div>
          <div class="form-actions">
            {abilities.canAccept ? (
              <button type="submit" formAction={`${base}/accept`}>
                {t('stats.review.accept')}
              </button>
            ) : null}{' '}
            {abilities.canReturn ? (
              <button type="submit" formAction={`${base}/return`} class="danger">
                {t('stats.review.return')}
              </button>
            ) : null}
          </div>
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
