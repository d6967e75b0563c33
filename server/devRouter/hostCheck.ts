// DNS-rebinding defence: a page on evil.example resolving its name to 127.0.0.1 still sends
// "Host: evil.example", so only loopback names (and names the user allowed) are answered.

/** The host name of a Host header value, lower-cased, without port or IPv6 brackets. */
export function hostName(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end < 0 ? h : h.slice(1, end);
  }
  const colon = h.lastIndexOf(':');
  return colon < 0 ? h : h.slice(0, colon);
}

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

export function isLoopbackName(name: string): boolean {
  return name === 'localhost' || name.endsWith('.localhost') || IPV4_LOOPBACK.test(name) || name === '::1';
}

/** Is a request with this Host header (undefined = none, as HTTP/1.0 allows) to be answered? */
export function hostAllowed(header: string | undefined, allowed: readonly string[] = []): boolean {
  if (header === undefined) return true;
  const name = hostName(header);
  return isLoopbackName(name) || allowed.some((a) => a.toLowerCase() === name);
}
