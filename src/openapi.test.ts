import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './test-support/app.js';

// The API description is what other systems read first: every tag an operation carries must be declared,
// with a description, so the docs page groups and explains every operation.
describe('the OpenAPI description', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp('sqlite');
  });
  afterAll(async () => {
    await t.close();
  });

  it('declares every tag its operations use, each with a description', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      tags: { name: string; description?: string }[];
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    const declared = new Map(spec.tags.map((tag) => [tag.name, tag.description]));
    const used = new Set(Object.values(spec.paths).flatMap((ops) => Object.values(ops).flatMap((op) => op.tags ?? [])));
    expect(used.size).toBeGreaterThan(0);
    for (const tag of used) {
      expect(declared.has(tag), `tag "${tag}" is used but not declared`).toBe(true);
      expect(declared.get(tag), `tag "${tag}" has no description`).toBeTruthy();
    }
  });
});
