// GET and POST /sru: SRU 1.1, 1.2 and 2.0 (explain, searchRetrieve, scan), public. Every answer
// is an SRU document (text/xml), diagnostics included, so SRU clients never see an HTML error page.
import { Type } from '@sinclair/typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../web/types.js';
import { entryFor } from '../public-view.js';
import { diagnosticMessages, type SruDiagnostic } from './diagnostics.js';
import { answerSru, refuseSru, type SruBackend } from './service.js';
import { flattenParameters } from './request.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * False: the route takes form posts from other systems, which carry no CSRF token
     * (SRU's POST binding). Such a route must change nothing.
     */
    csrf?: boolean;
  }
}

const parameter = Type.Optional(Type.String());
/** The SRU parameters, for the API description; the handler checks them and answers diagnostics. */
const SruParameters = Type.Object(
  {
    operation: parameter,
    version: parameter,
    query: parameter,
    startRecord: parameter,
    maximumRecords: parameter,
    recordSchema: parameter,
    recordPacking: parameter,
    recordXMLEscaping: parameter,
    sortKeys: parameter,
    resultSetTTL: parameter,
    scanClause: parameter,
    responsePosition: parameter,
    maximumTerms: parameter,
  },
  { additionalProperties: true },
);

/** The largest request body SRU takes (the app's own limit): past it, diagnostic 12 with this as the maximum. */
export const sruBodyLimit = 1024 * 1024;

/** A POST body SRU cannot read: not a form (an SRW/SOAP XML request, JSON, text). */
interface UnreadableBody {
  unreadable: string;
}
const isUnreadable = (body: unknown): body is UnreadableBody => typeof body === 'object' && body !== null && 'unreadable' in body;

/** The diagnostic for an error raised before the handler (body parsing, limits); null for a server fault. */
function diagnosticOfError(error: FastifyError): SruDiagnostic | null {
  const status = error.statusCode ?? 500;
  if (status === 413) return { code: 12, details: String(sruBodyLimit), message: diagnosticMessages[12] };
  if (status === 415) return { code: 6, details: 'Content-Type (send the parameters in the URL or as application/x-www-form-urlencoded)', message: diagnosticMessages[6] };
  if (status === 429) return { code: 2, details: 'too many requests; try again in a minute', message: diagnosticMessages[2] };
  if (status >= 400 && status < 500) return { code: 6, details: 'the request body could not be read as a form', message: diagnosticMessages[6] };
  return null;
}

export function registerSruRoutes(app: App, backend: SruBackend): void {
  const addressOf = (request: FastifyRequest) => ({
    host: request.hostname,
    port: request.port ?? (request.protocol === 'https' ? 443 : 80),
    database: request.url.split('?')[0]!.replace(/^\/+/, ''),
  });
  // An SRU diagnostic is an answer like any other (HTTP 200), whatever status the error that led to it carried.
  const diagnostic = (request: FastifyRequest, reply: FastifyReply, d: SruDiagnostic) =>
    reply.code(200).type('text/xml; charset=utf-8').send(refuseSru(flattenParameters(request.query), addressOf(request), d));
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method === 'POST' && isUnreadable(request.body)) {
      return diagnostic(request, reply, { code: 6, details: `Content-Type ${request.body.unreadable} (send the parameters in the URL or as application/x-www-form-urlencoded)`, message: diagnosticMessages[6] });
    }
    const params = flattenParameters(request.query, request.method === 'POST' ? request.body : undefined);
    // Harvesters get each library's public view of its records; the catalog's staff, signed in, the whole record.
    const entries: SruBackend['entries'] = async (ids) => (await backend.entries(ids)).map((entry) => entryFor(entry, request.user));
    const answer = await answerSru({ ...backend, entries }, params, addressOf(request));
    if (answer.failure !== undefined) request.log.error({ err: answer.failure }, 'SRU request failed');
    return reply.type('text/xml; charset=utf-8').send(answer.xml);
  };
  // In a scope of its own: SRU's POST takes only forms, and its errors are SRU diagnostics, not the app's pages.
  void app.register(async (scope) => {
    // SRU's POST binding is a form; any other body (an SRW/SOAP XML request, JSON, text) is answered with a diagnostic.
    scope.removeContentTypeParser(['application/json', 'text/plain']);
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: sruBodyLimit }, (request, _body, done) => {
      done(null, { unreadable: String(request.headers['content-type'] ?? '(none)').split(';')[0]!.trim() } satisfies UnreadableBody);
    });
    scope.setErrorHandler(async (error: FastifyError, request, reply) => {
      const d = diagnosticOfError(error);
      if (d === null) {
        request.log.error({ err: error }, 'SRU request failed');
        return diagnostic(request, reply, { code: 1, message: diagnosticMessages[1] });
      }
      return diagnostic(request, reply, d);
    });
    // attachValidation: a parameter the schema does not expect (a repeated one) still gets an SRU answer, not a 400.
    scope.get('/sru', { config: { access: 'public' }, attachValidation: true, schema: { querystring: SruParameters } }, handler);
    scope.post('/sru', { config: { access: 'public', csrf: false }, attachValidation: true, bodyLimit: sruBodyLimit, schema: { querystring: SruParameters, body: SruParameters } }, handler);
  });
}
