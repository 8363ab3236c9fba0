import type { App, AppDeps } from '../../web/types.js';
import { maxMessageBytes } from './iso18626/xml.js';
import { receiveMessage } from './iso18626/service.js';
import { iso18626Access } from './policy.js';

/**
 * `POST /iso18626`: ISO 18626 messages from other systems. No CSRF (a peer system, not a browser form);
 * open to all, each agency authenticated by its shared secret inside the service. Every protocol fault is
 * a confirmation with messageStatus ERROR and HTTP 200; only transport faults (too large, wrong content
 * type) are 4xx. The body parser is this route's own: text, at most 100 KB.
 */
export async function registerIso18626Route(app: App, deps: AppDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    // Transport faults (too large, not XML, a failure of ours) answer plain text, never a page or a redirect.
    scope.setErrorHandler((error: { statusCode?: number; message?: string }, request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) request.log.error({ err: error }, 'iso18626 message failed');
      return reply.status(status).type('text/plain; charset=utf-8').send(status === 500 ? 'internal error' : (error.message ?? 'bad request'));
    });
    scope.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string', bodyLimit: maxMessageBytes }, (_request, body, done) => done(null, body));
    scope.post(
      '/iso18626',
      {
        config: { access: iso18626Access, csrf: false },
        bodyLimit: maxMessageBytes,
        schema: {
          tags: ['loans'],
          summary: 'Receive an ISO 18626 message (request, supplyingAgencyMessage, requestingAgencyMessage); answers its confirmation',
          consumes: ['application/xml', 'text/xml'],
          produces: ['application/xml'],
        },
      },
      async (request, reply) => {
        const auth = request.headers.authorization;
        const bearer = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : null;
        const { xml } = await receiveMessage(deps.db, String(request.body ?? ''), { bearer });
        return reply.status(200).type('application/xml; charset=utf-8').send(xml);
      },
    );
  });
}
