import type { ComponentChildren, VNode } from 'preact';
import type { FastifyRequest } from 'fastify';
import { AppError, fieldErrorsFromValidation, localizeFieldErrors, type FieldError } from './errors.js';
import type { PageContext } from './page.js';

/** Field name → message, in the reader's language, for re-rendering a form beside its fields. */
export type FormErrors = Record<string, string>;

/** The field errors of a form request whose route set `attachValidation: true`. */
export function formValidationErrors(request: FastifyRequest): FieldError[] {
  const v = request.validationError as (Error & { validation?: unknown[]; validationContext?: string }) | undefined;
  if (!v?.validation) return [];
  return fieldErrorsFromValidation(v.validation as never, v.validationContext);
}

/**
 * The field errors of a service's AppError (validation, or a conflict such as a taken e-mail)
 * with its status, to re-render the form with each message beside its field; anything else is rethrown.
 */
export function fieldErrorsOf(error: unknown): { fields: FieldError[]; status: number } {
  if (error instanceof AppError && (error.code === 'validation' || error.code === 'conflict') && error.fields.length > 0) {
    return { fields: error.fields, status: error.status };
  }
  throw error;
}

export function toFormErrors(fields: FieldError[], ctx: PageContext): FormErrors {
  const out: FormErrors = {};
  for (const { field, message } of localizeFieldErrors(fields, ctx.i18n)) out[field] ??= message;
  return out;
}

/** The hidden CSRF token every form carries. */
export function CsrfField({ ctx }: { ctx: PageContext }): VNode {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

/**
 * A summary at the top of a form that failed, linking to each faulty field; with `labels`, each
 * line starts with the field's label ("Latitude: Enter a number."), so it reads on its own.
 */
export function ErrorSummary({ ctx, errors, labels = {} }: { ctx: PageContext; errors: FormErrors; labels?: Record<string, string> }): VNode | null {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
      <h2>{ctx.t('form.errorSummary', { count: entries.length })}</h2>
      <FieldMessageLinks messages={errors} labels={labels} />
    </div>
  );
}

/** A list of messages about fields, each linking to its field (`#f-<name>`) and starting with the field's label. */
export function FieldMessageLinks({ messages, labels = {} }: { messages: FormErrors; labels?: Record<string, string> }): VNode {
  return (
    <ul>
      {Object.entries(messages).map(([field, message]) => (
        <li key={field}>
          <a href={`#f-${field}`}>{labels[field] ? `${labels[field]}: ${message}` : message}</a>
        </li>
      ))}
    </ul>
  );
}

interface FieldProps {
  name: string;
  label: string;
  errors: FormErrors;
  hint?: string;
  children?: ComponentChildren;
  value?: string | number | null;
  type?: string;
  required?: boolean;
  autoComplete?: string;
  inputMode?: string;
  pattern?: string;
  step?: string;
}

/** A labelled input with its hint and its error, wired with aria-describedby and aria-invalid. */
export function Field(props: FieldProps): VNode {
  const { name, label, errors, hint, children, value, type = 'text', required, autoComplete } = props;
  const id = `f-${name}`;
  const error = errors[name];
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error-message" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {children ?? (
        <input
          id={id}
          name={name}
          type={type}
          value={value ?? ''}
          required={required}
          autoComplete={autoComplete}
          inputMode={props.inputMode as never}
          pattern={props.pattern}
          step={props.step}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
        />
      )}
    </div>
  );
}

/**
 * preValidation hook for form routes: an empty text box means "no value", so it is dropped
 * before schema validation (otherwise "" would be coerced to 0 for a number field), and a
 * decimal comma, as Slovenian readers type it, becomes a point in the named number fields.
 */
export function normaliseFormBody(numberFields: string[] = []) {
  return async (request: FastifyRequest) => {
    const body = request.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object') return;
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === 'string') {
        const trimmed = value.trim();
        if (trimmed === '') delete body[key];
        else body[key] = numberFields.includes(key) ? trimmed.replace(',', '.') : trimmed;
      }
    }
  };
}

/** The end of a form: its submit button and a way back without saving. */
export function FormActions({ ctx, cancelHref, submitLabel }: { ctx: PageContext; cancelHref: string; submitLabel?: string }): VNode {
  return (
    <div class="form-actions">
      <button type="submit">{submitLabel ?? ctx.t('form.save')}</button> <a href={cancelHref}>{ctx.t('form.cancel')}</a>
    </div>
  );
}
