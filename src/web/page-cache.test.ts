import { describe, expect, it } from 'vitest';
import { RenderCache } from './page-cache.js';

describe('RenderCache', () => {
  it('renders once for concurrent misses, again after clear, and keeps no failure', async () => {
    const cache = new RenderCache();
    let builds = 0;
    const build = async () => `html ${++builds}`;
    const first = await Promise.all([cache.get('sl', build), cache.get('sl', build), cache.get('sl', build)]);
    expect(first).toEqual(['html 1', 'html 1', 'html 1']);
    expect(await cache.get('en', build)).toBe('html 2');
    cache.clear();
    expect(await cache.get('sl', build)).toBe('html 3');
    await expect(cache.get('x', async () => Promise.reject(new Error('db away')))).rejects.toThrow('db away');
    expect(await cache.get('x', build)).toBe('html 4');
  });

  it('renders again once an entry is older than its age limit', async () => {
    const cache = new RenderCache(0);
    let builds = 0;
    await cache.get('sl', async () => `${++builds}`);
    expect(await cache.get('sl', async () => `${++builds}`)).toBe('2');
  });
});
