// Security helpers the app's frame uses: which proxies to believe, and when HSTS may be sent.

/**
 * Fastify's `trustProxy` for MREZA_TRUST_PROXY. A number of hops becomes a function that
 * trusts exactly that many addresses from the socket inwards, so the client address is the
 * entry the last trusted proxy appended, never the left-most one, which the client writes
 * itself. (Fastify 5 reads a bare number as "trust nothing".) Addresses/CIDRs pass through.
 * With hops alone, a client that reaches Mreža without the proxy can still name an address:
 * give the proxies' addresses where the network allows it.
 */
export function trustProxyOption(setting: false | number | string[]): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return setting;
}
