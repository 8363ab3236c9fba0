// A small XML writer for SRU responses: escapes text and attributes, drops characters XML 1.0
// cannot carry, and checks that every element it opened is closed.

// Control characters other than tab, newline and carriage return, lone surrogates, U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex
const notXml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text or attribute value, escaped for XML. */
export function escapeXml(value: string): string {
  return value.replace(notXml, '').replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

export type XmlAttributes = Record<string, string | number | undefined>;

function attributes(attrs: XmlAttributes): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) out += ` ${name}="${escapeXml(String(value))}"`;
  return out;
}

export class XmlWriter {
  private readonly parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  private readonly open: string[] = [];

  start(name: string, attrs: XmlAttributes = {}): this {
    this.parts.push(`<${name}${attributes(attrs)}>`);
    this.open.push(name);
    return this;
  }

  end(): this {
    const name = this.open.pop();
    if (name === undefined) throw new Error('XmlWriter: end() without an open element');
    this.parts.push(`</${name}>`);
    return this;
  }

  /** An element with text content; nothing when the value is undefined. */
  leaf(name: string, value: string | number | undefined, attrs: XmlAttributes = {}): this {
    if (value === undefined) return this;
    const text = escapeXml(String(value));
    this.parts.push(text === '' ? `<${name}${attributes(attrs)}/>` : `<${name}${attributes(attrs)}>${text}</${name}>`);
    return this;
  }

  /** Markup made elsewhere (a MARCXML record), inserted as it is. */
  raw(xml: string): this {
    this.parts.push(xml);
    return this;
  }

  toString(): string {
    if (this.open.length > 0) throw new Error(`XmlWriter: <${this.open.join('>, <')}> not closed`);
    return this.parts.join('') + '\n';
  }
}

/** A fragment (no declaration) built with the same writer. */
export function xmlFragment(build: (w: XmlWriter) => void): string {
  const w = new XmlWriter();
  build(w);
  return w.toString().replace(/^<\?xml[^>]*>\n/, '').replace(/\n$/, '');
}
