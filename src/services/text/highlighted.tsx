import type { VNode } from 'preact';
import type { TextPart } from './snippet.js';

/** Text parts with the matched words in <mark> (escaped by Preact, so no HTML passes through). */
export function Highlighted({ parts }: { parts: TextPart[] }): VNode {
  return <>{parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : p.text))}</>;
}
