import type { App, AppDeps } from '../../web/types.js';
import { answerOai } from './oai.js';

/** The OAI-PMH 2.0 provider at /oai (GET; arguments in the query string), for the aggregators. */
export function registerHeritageOai(app: App, { db, config }: AppDeps): void {
  const base = new URL(config.publicUrl);
  const options = {
    db,
    baseUrl: `${config.publicUrl}/oai`,
    repositoryId: base.hostname,
    repositoryName: 'Mreža — kamra (regional heritage)',
    adminEmail: adminEmailOf(config.mailFrom, base.hostname),
    itemUrl: (id: number) => `${config.publicUrl}/heritage/items/${id}`,
  };
  app.get(
    '/oai',
    {
      config: { access: 'public' },
      schema: {
        tags: ['heritage'],
        summary: 'OAI-PMH 2.0 provider: published heritage items in oai_dc, sets per collection and region',
        description: 'Verbs Identify, ListMetadataFormats, ListSets, GetRecord, ListIdentifiers, ListRecords; the arguments are read from the query string as the protocol gives them.',
        produces: ['text/xml'],
      },
    },
    async (request, reply) => {
      const raw = request.raw.url ?? '';
      const query = raw.includes('?') ? raw.slice(raw.indexOf('?') + 1) : '';
      const xml = await answerOai(options, query);
      return reply.type('text/xml; charset=utf-8').send(xml);
    },
  );
}

/** The sender address of the platform's mail as the repository's contact; OAI-PMH wants a dotted domain (a development default gets one). */
function adminEmailOf(mailFrom: string, hostname: string): string {
  const address = (/<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom).trim();
  if (/^\S+@(\S+\.)+\S+$/.test(address)) return address;
  return `${address.split('@')[0] || 'mreza'}@${hostname.includes('.') ? hostname : `${hostname}.localdomain`}`;
}
