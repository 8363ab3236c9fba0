// Longer text that people write (a library's description, a good practice, minutes) is Markdown:
// markdown-it renders it with raw HTML off, sanitize-html then keeps only a small set of tags, so
// even a renderer bug cannot let script or styles through. Headings move down one level (and more
// on request) so user text never competes with the page's own <h1>.
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/** Rendered Markdown: safe HTML for pages, plain text for search, e-mail and previews. */
export interface RenderedMarkdown {
  html: string;
  text: string;
}

export interface MarkdownOptions {
  /** The highest heading user text may make: 2 (default) turns `#` into <h2>, 3 into <h3>. */
  topHeading?: 2 | 3 | 4;
}

const markdown = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: false });

const allowedTags = ['p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 's', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td'];

/** Schemes a link may use; anything else (javascript:, data:, vbscript:) loses its href. */
export const allowedLinkSchemes = ['http', 'https', 'mailto'] as const;

function sanitizeOptions(shift: number): sanitizeHtml.IOptions {
  const transformTags: Record<string, sanitizeHtml.Transformer> = {
    // A link to anything but http(s) or mailto (also protocol-relative //host) is kept as its text.
    a: (tagName, attribs) =>
      /^(https?:\/\/|mailto:)/i.test(attribs.href ?? '') ? { tagName, attribs: { ...attribs, rel: 'noopener nofollow ugc' } } : { tagName: 'span', attribs: {} },
  };
  for (let level = 1; level <= 6; level++) transformTags[`h${level}`] = sanitizeHtml.simpleTransform(`h${Math.min(6, level + shift)}`, {});
  return {
    allowedTags,
    allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'], th: ['align'], td: ['align'] },
    allowedSchemes: [...allowedLinkSchemes],
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags,
  };
}

const optionsByShift = new Map<number, sanitizeHtml.IOptions>();

/**
 * Renders Markdown to sanitised HTML and a plain-text version. Raw HTML in the source is shown as
 * text, links get `rel="noopener nofollow ugc"` and only http, https and mailto survive, and
 * headings start at <h2> (or `topHeading`).
 */
export function renderMarkdown(source: string, options: MarkdownOptions = {}): RenderedMarkdown {
  const shift = (options.topHeading ?? 2) - 1;
  let sanitize = optionsByShift.get(shift);
  if (!sanitize) optionsByShift.set(shift, (sanitize = sanitizeOptions(shift)));
  const tokens = markdown.parse(source ?? '', {});
  const html = sanitizeHtml(markdown.renderer.render(tokens, markdown.options, {}), sanitize).trim();
  return { html, text: plainText(tokens) };
}

/** Plain text of Markdown (no markup), paragraphs apart by a blank line; for search and e-mail. */
export function markdownToText(source: string): string {
  return plainText(markdown.parse(source ?? '', {}));
}

function plainText(tokens: Token[]): string {
  const blocks: string[] = [];
  let current = '';
  const flush = () => {
    const trimmed = current.replace(/[ \t]+\n/g, '\n').trim();
    if (trimmed) blocks.push(trimmed);
    current = '';
  };
  for (const token of tokens) {
    if (token.type === 'inline') {
      for (const child of token.children ?? []) {
        if (child.type === 'text' || child.type === 'code_inline') current += child.content;
        else if (child.type === 'softbreak' || child.type === 'hardbreak') current += '\n';
        else if (child.type === 'image') current += child.content;
      }
    } else if (token.type === 'code_block' || token.type === 'fence') {
      current += token.content;
      flush();
    } else if (token.type.endsWith('_close') && token.block && ['paragraph_close', 'heading_close', 'list_item_close', 'th_close', 'td_close'].includes(token.type)) {
      if (token.type === 'th_close' || token.type === 'td_close') current += '\t';
      else flush();
    } else if (token.type === 'tr_close') {
      flush();
    }
  }
  flush();
  return blocks.join('\n\n');
}
