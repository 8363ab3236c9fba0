// SRU clients get an SRU diagnostic for whatever they send, on the real app (its body limit, its form
// parser and its error handler): an SRW/SOAP XML body, JSON, a body over 1 MiB, bad parameters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test-support/app.js';
import { all, first, parseXml } from '../../../test-support/sru/support.js';

const sru2 = 'http://docs.oasis-open.org/ns/search-ws/sruResponse';
const srw = 'http://www.loc.gov/zing/srw/';

describe('SRU answers diagnostics, never an HTML error', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  const post = (url: string, contentType: string, payload: string | Buffer) => t.app.inject({ method: 'POST', url, headers: { 'content-type': contentType }, payload });

  /** The response's one diagnostic: its URI, details and the response's namespace and root. */
  function diagnosticOf(response: { statusCode: number; headers: Record<string, unknown>; body: string }) {
    expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(response.statusCode).toBe(200);
    const doc = parseXml(response.body);
    const d = all(doc, 'diagnostic')[0];
    expect(d, response.body.slice(0, 500)).toBeDefined();
    return { root: doc.name, ns: doc.uri, uri: first(d!, 'uri'), details: first(d!, 'details') };
  }

  it('refuses an SRW/SOAP XML body as an unsupported parameter value, naming the content type', async () => {
    const soap = '<?xml version="1.0"?><SOAP:Envelope xmlns:SOAP="http://schemas.xmlsoap.org/soap/envelope/"><SOAP:Body><searchRetrieveRequest/></SOAP:Body></SOAP:Envelope>';
    const d = diagnosticOf(await post('/sru', 'text/xml; charset=utf-8', soap));
    expect(d.uri).toBe('info:srw/diagnostic/1/6');
    expect(d.details).toContain('text/xml');
    expect(d.ns).toBe(sru2);
  });

  it('answers in the version and operation the URL asks for when the body cannot be read', async () => {
    const d = diagnosticOf(await post('/sru?version=1.2&operation=searchRetrieve', 'application/xml', '<searchRetrieveRequest/>'));
    expect(d).toMatchObject({ root: 'searchRetrieveResponse', ns: srw, uri: 'info:srw/diagnostic/1/6' });
  });

  it('refuses JSON and plain text bodies too', async () => {
    expect(diagnosticOf(await post('/sru', 'application/json', '{"query":"a"}')).uri).toBe('info:srw/diagnostic/1/6');
    expect(diagnosticOf(await post('/sru', 'text/plain', 'query=a')).uri).toBe('info:srw/diagnostic/1/6');
  });

  it('refuses a body without a content type as an unsupported parameter value, naming the content type', async () => {
    const d = diagnosticOf(await post('/sru?operation=explain', '', 'query=a'));
    expect(d.uri).toBe('info:srw/diagnostic/1/6');
    expect(d.details).toContain('Content-Type');
  });

  it('refuses a form body over 1 MiB as too long a query', async () => {
    const d = diagnosticOf(await post('/sru', 'application/x-www-form-urlencoded', `query=${'a'.repeat(1_100_000)}`));
    expect(d.uri).toBe('info:srw/diagnostic/1/12');
    expect(d.details).toBe('1048576');
    const xml = diagnosticOf(await post('/sru', 'text/xml', `<x>${'a'.repeat(1_100_000)}</x>`));
    expect(xml.uri).toBe('info:srw/diagnostic/1/12');
  });

  it('still takes a form post, and answers bad parameters with their diagnostics', async () => {
    const ok = await post('/sru', 'application/x-www-form-urlencoded', 'version=1.2&operation=explain');
    expect(ok.statusCode).toBe(200);
    expect(parseXml(ok.body).name).toBe('explainResponse');
    expect(all(parseXml(ok.body), 'diagnostic')).toHaveLength(0);
    expect(diagnosticOf(await post('/sru', 'application/x-www-form-urlencoded', 'query=a&maximumRecords=ten')).uri).toBe('info:srw/diagnostic/1/6');
    expect(diagnosticOf(await t.app.inject({ method: 'GET', url: '/sru?query=a&colour=blue' })).uri).toBe('info:srw/diagnostic/1/8');
    expect(diagnosticOf(await t.app.inject({ method: 'GET', url: '/sru?version=9.9' })).uri).toBe('info:srw/diagnostic/1/5');
  });
});
