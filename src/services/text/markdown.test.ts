import { describe, expect, it } from 'vitest';
import { markdownToText, renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('renders Markdown and gives the same text without markup', () => {
    const r = renderMarkdown('# Domoznanski oddelek\n\nKnjižnica ima **bogato** zbirko in [spletno stran](https://example.si).\n\n- prvi\n- drugi');
    expect(r.html).toContain('<h2>Domoznanski oddelek</h2>');
    expect(r.html).toContain('<strong>bogato</strong>');
    expect(r.html).toContain('<a href="https://example.si" rel="noopener nofollow ugc">spletno stran</a>');
    expect(r.text).toBe('Domoznanski oddelek\n\nKnjižnica ima bogato zbirko in spletno stran.\n\nprvi\n\ndrugi');
  });

  it('never makes an <h1>, and shifts further on request', () => {
    expect(renderMarkdown('# a\n## b\n###### c').html).toBe('<h2>a</h2>\n<h3>b</h3>\n<h6>c</h6>');
    expect(renderMarkdown('# a', { topHeading: 3 }).html).toBe('<h3>a</h3>');
    expect(renderMarkdown('a\n===').html).not.toContain('<h1');
  });

  it('shows raw HTML as text: no script, no event handlers, no styles', () => {
    const r = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<b style="color:red">x</b>');
    expect(r.html).not.toMatch(/<script|<img|<b |<b>/);
    expect(r.html).toContain('&lt;script&gt;');
  });

  it('keeps only http, https and mailto links', () => {
    const r = renderMarkdown('[a](javascript:alert(1)) [b](data:text/html,x) [c](mailto:info@knjiznica.si) [d](//evil.example/x) [e](vbscript:x)');
    expect(r.html).not.toMatch(/href="(javascript|data|vbscript)|href="\/\//);
    expect(r.html).toContain(' d ');
    expect(r.html).toContain('href="mailto:info@knjiznica.si"');
    expect(renderMarkdown('www.knjiznica.si').html).toContain('href="http://www.knjiznica.si"');
  });

  it('drops images (a file belongs in an attachment) but keeps their text', () => {
    const r = renderMarkdown('![stavba knjižnice](https://example.si/x.png)');
    expect(r.html).not.toContain('<img');
    expect(r.text).toBe('stavba knjižnice');
  });

  it('handles empty text and code', () => {
    expect(renderMarkdown('')).toEqual({ html: '', text: '' });
    expect(markdownToText('`koda` in\n\n    blok <b>')).toBe('koda in\n\nblok <b>');
  });
});
