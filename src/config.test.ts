import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives working defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBe('sqlite:');
    expect(c.defaultLocale).toBe('sl');
    expect(c.networkDir).toMatch(/data\/networks\/si$/);
  });

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', MREZA_DEFAULT_LOCALE: 'de', MREZA_SECRET: 'short', MREZA_TIME_ZONE: 'Mars/Olympus' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'MREZA_DEFAULT_LOCALE', 'MREZA_SECRET', 'MREZA_TIME_ZONE']) expect(problems).toContain(name);
    }
  });
});

describe('map tiles', () => {
  it('need a template with {z}, {x} and {y} and a credit line', () => {
    expect(() => loadConfig({ MREZA_MAP_TILES: 'https://tiles.example/{z}/{x}/{y}.png', MREZA_MAP_ATTRIBUTION: '© Example' })).not.toThrow();
    expect(() => loadConfig({ MREZA_MAP_TILES: 'https://tiles.example/{z}/{x}/{y}.png' })).toThrow(/MREZA_MAP_ATTRIBUTION/);
    expect(() => loadConfig({ MREZA_MAP_TILES: 'ftp://tiles.example/{z}.png', MREZA_MAP_ATTRIBUTION: 'x' })).toThrow(/MREZA_MAP_TILES/);
  });
});

describe('README configuration table', () => {
  it('is the one made from the documented variables', async () => {
    const { configTable, projectRoot } = await import('./config.js');
    const fs = await import('node:fs');
    const readme = fs.readFileSync(`${projectRoot}/README.md`, 'utf8');
    const block = /<!-- config:start -->\n([\s\S]*?)\n<!-- config:end -->/.exec(readme);
    expect(block?.[1]).toBe(configTable());
  });
});

describe('statistics settings', () => {
  it('take a jump factor above 1 (decimal comma too) and an upload limit in megabytes', () => {
    expect(loadConfig({}).statsJumpFactor).toBe(3);
    expect(loadConfig({ MREZA_STATS_JUMP_FACTOR: '2,5', MREZA_STATS_MAX_UPLOAD_MB: '50' })).toMatchObject({ statsJumpFactor: 2.5, statsMaxUploadMb: 50 });
    expect(() => loadConfig({ MREZA_STATS_JUMP_FACTOR: '1' })).toThrow(/MREZA_STATS_JUMP_FACTOR/);
    expect(() => loadConfig({ MREZA_STATS_JUMP_FACTOR: 'many' })).toThrow(/MREZA_STATS_JUMP_FACTOR/);
    expect(() => loadConfig({ MREZA_STATS_MAX_UPLOAD_MB: '0' })).toThrow(/MREZA_STATS_MAX_UPLOAD_MB/);
  });
});

describe('proxy trust', () => {
  it('takes false, a number of hops or proxy addresses; true means one hop, never every entry', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ MREZA_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ MREZA_TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ MREZA_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ MREZA_TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,::1,loopback' }).trustProxy).toEqual(['10.0.0.1', '192.168.0.0/16', '::1', 'loopback']);
    expect(() => loadConfig({ MREZA_TRUST_PROXY: '10.0.0.300' })).toThrow(/MREZA_TRUST_PROXY.*10\.0\.0\.300/);
    expect(() => loadConfig({ MREZA_TRUST_PROXY: '10.0.0.0/33' })).toThrow(/MREZA_TRUST_PROXY/);
    expect(() => loadConfig({ MREZA_TRUST_PROXY: '99' })).toThrow(/hops from 1 to 10/);
  });
});

describe('metrics access', () => {
  it('is off by default, token when a token is set, and checks the mode and the token', () => {
    expect(loadConfig({})).toMatchObject({ metrics: 'off', metricsToken: null });
    expect(loadConfig({ MREZA_METRICS_TOKEN: 'a-long-enough-token' })).toMatchObject({ metrics: 'token', metricsToken: 'a-long-enough-token' });
    expect(loadConfig({ MREZA_METRICS: 'open' }).metrics).toBe('open');
    expect(() => loadConfig({ MREZA_METRICS: 'token' })).toThrow(/MREZA_METRICS_TOKEN is required/);
    expect(() => loadConfig({ MREZA_METRICS: 'public' })).toThrow(/MREZA_METRICS="public"/);
    expect(() => loadConfig({ MREZA_METRICS_TOKEN: 'short' })).toThrow(/at least 16/);
  });
});

describe('database timeouts', () => {
  it('default to 5 s to connect and 30 s a statement, and refuse what is not a number of milliseconds', () => {
    expect(loadConfig({})).toMatchObject({ dbConnectTimeoutMs: 5000, dbStatementTimeoutMs: 30_000 });
    expect(loadConfig({ MREZA_DB_STATEMENT_TIMEOUT_MS: '0' }).dbStatementTimeoutMs).toBe(0);
    expect(() => loadConfig({ MREZA_DB_CONNECT_TIMEOUT_MS: '5s' })).toThrow(/MREZA_DB_CONNECT_TIMEOUT_MS="5s"/);
    expect(() => loadConfig({ MREZA_DB_STATEMENT_TIMEOUT_MS: '-1' })).toThrow(/MREZA_DB_STATEMENT_TIMEOUT_MS/);
  });
});
