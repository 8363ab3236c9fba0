import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

/**
 * Rendered HTML kept by key (e.g. the language) until `clear()` (the data behind it changed) or
 * until it is `maxAgeMs` old, a safety net for changes made by another process (`mreza seed
 * --refresh` beside a running server). Concurrent misses share one rendering, so a burst of
 * requests on an empty cache renders the page once.
 */
export class RenderCache {
  private entries = new Map<string, { at: number; html: Promise<string> }>();

  constructor(private readonly maxAgeMs = 60_000) {}

  get(key: string, build: () => Promise<string>): Promise<string> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.maxAgeMs) return hit.html;
    const entries = this.entries;
    const html = build();
    entries.set(key, { at: now, html });
    // A failed rendering is not kept: the next request tries again.
    html.catch(() => {
      if (entries.get(key)?.html === html) entries.delete(key);
    });
    return html;
  }

  /** Forgets every entry; renderings under way finish for their own requests but are not kept. */
  clear(): void {
    this.entries = new Map();
  }
}

// Plain text that escaping leaves alone and no page contains: where the cached HTML goes.
const slotMarker = '\u2063mreza-cached-content\u2063';

/**
 * Sends a page whose frame (header with the user, language switch) is rendered for this request
 * and whose main content is HTML rendered earlier: `layout` gets `slot`, a text to use as its
 * child, and the HTML takes that text's place.
 */
export function sendWithCachedContent(reply: FastifyReply, layout: (slot: string) => VNode<any>, html: string, status = 200): FastifyReply {
  const page = render(layout(slotMarker));
  const at = page.indexOf(slotMarker);
  const body = at === -1 ? page : page.slice(0, at) + html + page.slice(at + slotMarker.length);
  return reply.status(status).type('text/html; charset=utf-8').send(`<!doctype html>${body}`);
}

/** Renders a component to HTML for a cache. */
export function renderToHtml(node: VNode<any>): string {
  return render(node);
}
