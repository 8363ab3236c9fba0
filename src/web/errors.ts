import type { MessageValues, Translator } from './i18n.js';

/** A fault in one field of the input: where, and the message key that says what is wrong. */
export interface FieldError {
  /** Path of the field: `name`, `hours.2.opens`, `query.limit`. */
  field: string;
  key: string;
  values?: MessageValues;
}

/** The named errors of the application: HTTP status, stable code (part of the API) and title key. */
export const errorCatalogue = {
  validation: { status: 400, title: 'error.validation.title' },
  unauthorized: { status: 401, title: 'error.unauthorized.title' },
  forbidden: { status: 403, title: 'error.forbidden.title' },
  not_found: { status: 404, title: 'error.not_found.title' },
  conflict: { status: 409, title: 'error.conflict.title' },
  payload_too_large: { status: 413, title: 'error.payload_too_large.title' },
  rate_limited: { status: 429, title: 'error.rate_limited.title' },
  internal: { status: 500, title: 'error.internal.title' },
  unavailable: { status: 503, title: 'error.unavailable.title' },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

/** An expected failure that the user should hear about; services throw these, never raw statuses. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detailKey?: string,
    readonly detailValues?: MessageValues,
    readonly fields: FieldError[] = [],
  ) {
    super(detailKey ?? code);
    this.name = 'AppError';
    this.status = errorCatalogue[code].status;
  }
}

export const notFound = (detailKey = 'error.not_found.detail', values?: MessageValues) =>
  new AppError('not_found', detailKey, values);
export const forbidden = () => new AppError('forbidden', 'error.forbidden.detail');
export const invalid = (fields: FieldError[]) => new AppError('validation', 'error.validation.detail', undefined, fields);

/** A problem document (RFC 9457) in the reader's language. */
export interface Problem {
  type: string;
  code: ErrorCode;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export function toProblem(error: AppError, t: Translator): Problem {
  const problem: Problem = {
    type: `urn:mreza:problem:${error.code}`,
    code: error.code,
    title: t.t(errorCatalogue[error.code].title),
    status: error.status,
  };
  if (error.detailKey) problem.detail = t.t(error.detailKey, error.detailValues);
  if (error.fields.length > 0) problem.errors = localizeFieldErrors(error.fields, t);
  return problem;
}

export function localizeFieldErrors(fields: FieldError[], t: Translator): { field: string; message: string }[] {
  return fields.map((f) => ({ field: f.field, message: t.t(f.key, f.values) }));
}

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

/**
 * Turns schema-validation errors (Ajv, as Fastify reports them) into field errors with message keys.
 * `prefix` is the part of the request (`body` is left out so a form's field names match).
 */
export function fieldErrorsFromValidation(errors: readonly AjvError[], part: string | undefined): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errors) {
    const segments = e.instancePath.split('/').filter(Boolean);
    if (e.keyword === 'required' && typeof e.params.missingProperty === 'string') segments.push(e.params.missingProperty);
    if (e.keyword === 'additionalProperties' && typeof e.params.additionalProperty === 'string') {
      segments.push(e.params.additionalProperty);
    }
    const path = segments.join('.');
    const prefix = part === 'querystring' ? 'query' : part;
    const field = prefix && prefix !== 'body' ? (path ? `${prefix}.${path}` : prefix) : path;
    if (seen.has(field)) continue;
    seen.add(field);
    const known = ['required', 'type', 'minLength', 'maxLength', 'minimum', 'maximum', 'pattern', 'format', 'enum', 'additionalProperties', 'const', 'anyOf'];
    const keyword = known.includes(e.keyword) ? e.keyword : 'invalid';
    const values: MessageValues = {};
    for (const [k, v] of Object.entries(e.params)) {
      if (typeof v === 'string' || typeof v === 'number') values[k] = v;
      if (Array.isArray(v)) values[k] = v.join(', ');
    }
    // A wrong type gets a sentence for that type ("Enter a number."), not the schema's word for it.
    const type = keyword === 'type' && typeof e.params.type === 'string' ? e.params.type : '';
    const key = ['number', 'integer', 'boolean', 'string'].includes(type) ? `validation.type.${type}` : `validation.${keyword}`;
    out.push({ field, key, values });
  }
  return out;
}
