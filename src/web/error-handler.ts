import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { wantsHtml } from './access.js';
import { AppError, fieldErrorsFromValidation, invalid, toProblem } from './errors.js';
import { ErrorPage } from './error-page.js';
import { pageContext, sendPage } from './page.js';

/** Maps any thrown error to an AppError; unknown failures become `internal` and are logged, never shown. */
export function toAppError(error: FastifyError, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  if (error.validation) return invalid(fieldErrorsFromValidation(error.validation as never, error.validationContext));
  const status = error.statusCode ?? 500;
  if (error.code?.startsWith('FST_CSRF')) return new AppError('forbidden', 'error.csrf.detail');
  if (status === 429) return new AppError('rate_limited', 'error.rate_limited.detail');
  if (status === 413) return new AppError('payload_too_large', 'error.payload_too_large.detail');
  if (status === 404) return new AppError('not_found', 'error.not_found.detail');
  if (status >= 400 && status < 500) return new AppError('validation', 'error.bad_request.detail');
  request.log.error({ err: error }, 'unexpected failure');
  return new AppError('internal', 'error.internal.detail');
}

/** Answers an error as a problem document (API) or as a page (browser), in the reader's language. */
export function sendError(error: AppError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = toProblem(error, request.t);
  if (wantsHtml(request)) {
    return sendPage(
      reply,
      h(ErrorPage, { ctx: pageContext(request, reply), title: problem.title, detail: problem.detail, fields: problem.errors }),
      error.status,
    );
  }
  return reply.status(error.status).type('application/problem+json; charset=utf-8').send(problem);
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => sendError(toAppError(error, request), request, reply));
  app.setNotFoundHandler({}, (request, reply) => sendError(new AppError('not_found', 'error.not_found.detail'), request, reply));
}
