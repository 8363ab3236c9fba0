// GET and POST /sru: SRU 1.1, 1.2 and 2.0 (explain, searchRetrieve, scan), public. Every answer
// is an SRU document (text/xml), diagnostics included, so SRU clients never see an HTML error page.
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../web/types.js';
import { entryFor } from '../public-view.js';
import { answerSru, type SruBackend } from './service.js';
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

export function registerSruRoutes(app: App, backend: SruBackend): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const params = flattenParameters(request.query, request.method === 'POST' ? request.body : undefined);
    const address = { host: request.hostname, port: request.port ?? (request.protocol === 'https' ? 443 : 80), database: request.url.split('?')[0]!.replace(/^\/+/, '') };
    // Harvesters get each library's public view of its records; the catalog's staff, signed in, the whole record.
    const entries: SruBackend['entries'] = async (ids) => (await backend.entries(ids)).map((entry) => entryFor(entry, request.user));
    const answer = await answerSru({ ...backend, entries }, params, address);
    if (answer.failure !== undefined) request.log.error({ err: answer.failure }, 'SRU request failed');
    return reply.type('text/xml; charset=utf-8').send(answer.xml);
  };
  // attachValidation: a parameter the schema does not expect (a repeated one) still gets an SRU answer, not a 400.
  app.get('/sru', { config: { access: 'public' }, attachValidation: true, schema: { querystring: SruParameters } }, handler);
  app.post('/sru', { config: { access: 'public', csrf: false }, attachValidation: true, schema: { querystring: SruParameters, body: SruParameters } }, handler);
}
