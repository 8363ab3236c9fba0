// ISO 18626 XML in and out. In: saxes (the catalog's MARCXML parser), which processes no DTD, so no
// entity is ever expanded; a document with a DOCTYPE is refused outright, and the route limits the size.
// The text becomes a small tree of elements by local name (any namespace prefix, v1.2 and 2021 alike).
// Out: messages written element by element in the 2021 schema's order, escaped.
import { SaxesParser } from 'saxes';

export const iso18626Namespace = 'http://illtransactions.org/2013/iso18626';
/** The largest message accepted (bytes). */
export const maxMessageBytes = 100 * 1024;

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export class XmlFault extends Error {}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Parses a document into an element tree; throws XmlFault for anything not well formed, a DOCTYPE included. */
export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let depth = 0;
  parser.on('doctype', () => {
    throw new XmlFault('a DOCTYPE is not accepted');
  });
  parser.on('opentag', (node) => {
    if (++depth > 50) throw new XmlFault('elements nested too deep');
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(node.attributes)) attributes[localName(k)] = String(v);
    const element: XmlElement = { name: localName(node.name), attributes, children: [], text: '' };
    if (stack.length) stack[stack.length - 1]!.children.push(element);
    else if (root) throw new XmlFault('more than one root element');
    else root = element;
    stack.push(element);
  });
  parser.on('text', (t) => {
    if (stack.length) stack[stack.length - 1]!.text += t;
  });
  parser.on('closetag', () => {
    depth--;
    stack.pop();
  });
  parser.on('error', (e) => {
    throw new XmlFault(e.message);
  });
  try {
    parser.write(text).close();
  } catch (error) {
    throw error instanceof XmlFault ? error : new XmlFault((error as Error).message);
  }
  if (!root) throw new XmlFault('no root element');
  return root;
}

/** The first child of this name (local name), or undefined. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/** The trimmed text of the element at a path of child names, or null. */
export function textAt(element: XmlElement | undefined, ...path: string[]): string | null {
  let at = element;
  for (const name of path) at = child(at, name);
  const value = at?.text.trim();
  return value ? value : null;
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => escapes[c]!);

/** A node of an outgoing message: an element with children, text, or nothing (left out). */
export type Node = [name: string, content: string | Node[] | null | undefined] | null | undefined | false;

function write(node: Node, indent: string): string {
  if (!node) return '';
  const [name, content] = node;
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return `${indent}<${name}>${escapeXml(content)}</${name}>\n`;
  const inner = content.map((c) => write(c, indent + '  ')).join('');
  return `${indent}<${name}>\n${inner}${indent}</${name}>\n`;
}

/** A whole ISO 18626 message: the 2021 schema's ISO18626Message wrapper around one message. */
export function writeMessage(body: Node): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ISO18626Message xmlns="${iso18626Namespace}" xmlns:iso="${iso18626Namespace}" iso:version="1.2">\n${write(body, '  ')}</ISO18626Message>\n`;
}
