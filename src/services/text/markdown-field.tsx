import type { VNode } from 'preact';
import { Field, type FormErrors } from '../../web/forms.js';
import type { PageContext } from '../../web/page.js';
import { renderMarkdown } from './markdown.js';

/** The name of the submit button that asks for a preview instead of saving. */
export const previewButtonName = '_preview';

/** True when a posted form asked for a preview (the Preview button), not to be saved. */
export function wantsPreview(body: unknown): boolean {
  return typeof body === 'object' && body !== null && previewButtonName in body;
}

interface MarkdownFieldProps {
  ctx: PageContext;
  name: string;
  label: string;
  value: string | null | undefined;
  errors: FormErrors;
  hint?: string;
  rows?: number;
  maxLength?: number;
  /** Show the rendered text under the box (set after the Preview button was pressed). */
  preview?: boolean;
}

/**
 * A Markdown textarea with a Preview submit button: pressing it posts the form, the route sees
 * `wantsPreview(body)` and renders the form again with `preview`, so it works without JavaScript.
 */
export function MarkdownField(props: MarkdownFieldProps): VNode {
  const { ctx, name, label, value, errors, rows = 10, maxLength } = props;
  const id = `f-${name}`;
  const error = errors[name];
  // Under the preview's own <h3>, the text's headings start at <h4>.
  const rendered = props.preview ? renderMarkdown(value ?? '', { topHeading: 4 }).html : null;
  return (
    <div class="markdown-field">
      <Field name={name} label={label} errors={errors} hint={props.hint ?? ctx.t('text.markdown.hint')}>
        <textarea
          id={id}
          name={name}
          rows={rows}
          maxLength={maxLength}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
        >
          {value ?? ''}
        </textarea>
      </Field>
      <button type="submit" name={previewButtonName} value="1" class="secondary">
        {ctx.t('text.markdown.preview')}
      </button>
      {rendered !== null ? (
        <section class="markdown-preview" aria-labelledby={`${id}-preview`}>
          <h3 id={`${id}-preview`}>{ctx.t('text.markdown.previewHeading')}</h3>
          {rendered ? <MarkdownHtml html={rendered} /> : <p>{ctx.t('text.markdown.previewEmpty')}</p>}
        </section>
      ) : null}
    </div>
  );
}

/** Shows Markdown already sanitised by `renderMarkdown` (pass its `html`). */
export function MarkdownHtml({ html }: { html: string }): VNode | null {
  return html ? <div class="prose" dangerouslySetInnerHTML={{ __html: html }} /> : null;
}
