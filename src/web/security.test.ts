import { describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test-support/app.js';
import type { Config } from '../config.js';

// One dialect is enough: these are the web frame's headers and one route, no queries.

async function withApp(overrides: Partial<Config>, run: (t: TestApp) => Promise<void>): Promise<void> {
  const t = await buildTestApp('sqlite', overrides);
  try {
    await run(t);
  } finally {
    await t.close();
  }
}

describe('Strict-Transport-Security', () => {
  it('is not sent over plain HTTP, on the first request or any later one', async () => {
    await withApp({}, async (t) => {
      for (const url of ['/', '/libraries', '/api/libraries', '/no-such-page', '/assets/style.css']) {
        const response = await t.app.inject({ method: 'GET', url });
        expect(response.headers['strict-transport-security'], url).toBeUndefined();
        expect(response.headers['content-security-policy'], url).toContain("default-src 'self'");
      }
    });
  });

  it('is sent when the request came over HTTPS through a trusted proxy, and not when the client merely claims it', async () => {
    await withApp({ trustProxy: ['127.0.0.1'] }, async (t) => {
      const https = await t.app.inject({ method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'https' } });
      expect(https.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      const plain = await t.app.inject({ method: 'GET', url: '/' });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
      const spoofed = await t.app.inject({ method: 'GET', url: '/', remoteAddress: '203.0.113.9', headers: { 'x-forwarded-proto': 'https' } });
      expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    });
  });

  it('is sent on every answer when the site says it is HTTPS-only (MREZA_SECURE_COOKIES)', async () => {
    await withApp({ secureCookies: true }, async (t) => {
      for (const url of ['/', '/api/libraries', '/assets/style.css']) {
        expect((await t.app.inject({ method: 'GET', url })).headers['strict-transport-security'], url).toMatch(/max-age=\d+/);
      }
    });
  });
});

describe('/metrics', () => {
  it('answers 404 by default (off), and counts nothing', async () => {
    await withApp({}, async (t) => {
      await t.app.inject({ method: 'GET', url: '/' });
      const response = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('mreza_http_requests_total');
    });
  });

  it('wants the bearer token in token mode', async () => {
    const token = 'metrics-token-0123456789';
    await withApp({ metrics: 'token', metricsToken: token }, async (t) => {
      const none = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(none.statusCode).toBe(401);
      expect(none.headers['www-authenticate']).toContain('Bearer');
      expect(none.body).not.toContain('mreza_http_requests_total');
      const wrong = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer metrics-token-0123456788' } });
      expect(wrong.statusCode).toBe(401);
      const basic = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Basic ${token}` } });
      expect(basic.statusCode).toBe(401);
      const right = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
      expect(right.statusCode).toBe(200);
      expect(right.body).toContain('mreza_http_requests_total');
    });
  });

  it('answers anyone in open mode', async () => {
    await withApp({ metrics: 'open' }, async (t) => {
      await t.app.inject({ method: 'GET', url: '/libraries' });
      const response = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('mreza_http_requests_total{method="GET",route="/libraries",status="200"} 1');
    });
  });
});
