// URL handling exactly as the ASGI server and Starlette do it: the server's percent-decoding of
// the request target (uvicorn: urllib.parse.unquote), and the Location of Starlette's
// slash redirect (URL(scope=...) then RedirectResponse's quote()).

const utf8Decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const utf8Encoder = new TextEncoder();
const HEX = /^[0-9a-fA-F]{2}$/;

/** Python's urllib.parse.unquote_to_bytes of an ASCII string, then .decode('utf-8', 'replace'). */
function unquoteAscii(chunk: string): string {
  const bits = chunk.split('%');
  if (bits.length === 1) return chunk;
  const bytes: number[] = [];
  const pushText = (s: string) => {
    for (let i = 0; i < s.length; i++) bytes.push(s.charCodeAt(i));
  };
  pushText(bits[0]!);
  for (let i = 1; i < bits.length; i++) {
    const item = bits[i]!;
    const pair = item.slice(0, 2);
    if (HEX.test(pair)) {
      bytes.push(parseInt(pair, 16));
      pushText(item.slice(2));
    } else {
      bytes.push(37);
      pushText(item);
    }
  }
  // The maximal-subpart replacement of TextDecoder is the one CPython's 'replace' handler uses.
  return utf8Decoder.decode(Uint8Array.from(bytes));
}

/** urllib.parse.unquote(string) with its defaults (UTF-8, errors='replace'). */
export function pyUnquote(text: string): string {
  if (!text.includes('%')) return text;
  // Only ASCII runs are decoded; other characters pass through as they are.
  return text.replace(/[\x00-\x7f]+/g, unquoteAscii);
}

const ALWAYS_SAFE = new Set('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~');

const keepSets = new Map<string, ReadonlySet<string>>();

/** urllib.parse.quote(text, safe) (UTF-8, upper-case hex). */
export function pyQuote(text: string, safe: string): string {
  let keep = keepSets.get(safe);
  if (!keep) keepSets.set(safe, (keep = new Set([...ALWAYS_SAFE, ...safe])));
  let i = 0;
  while (i < text.length && keep.has(text[i]!)) i++;
  if (i === text.length) return text;
  let out = '';
  for (const ch of text) {
    if (ch.length === 1 && ch.charCodeAt(0) < 128 && keep.has(ch)) out += ch;
    else for (const b of utf8Encoder.encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const USES_NETLOC = new Set(['', 'ftp', 'http', 'gopher', 'nntp', 'telnet', 'imap', 'wais', 'file', 'mms', 'https', 'shttp', 'snews', 'prospero', 'rtsp', 'rtspu', 'rsync', 'svn', 'svn+ssh', 'sftp', 'nfs', 'git', 'git+ssh', 'ws', 'wss']);

/** urllib.parse.urlunsplit (Python 3.11) without fragment. */
export function pyUrlunsplit(scheme: string, netloc: string | null, path: string, query: string): string {
  let url = path;
  if (netloc || (scheme && USES_NETLOC.has(scheme) && url.slice(0, 2) !== '//')) {
    if (url && url[0] !== '/') url = '/' + url;
    url = '//' + (netloc ?? '') + url;
  }
  if (scheme) url = scheme + ':' + url;
  if (query) url = url + '?' + query;
  return url;
}

// starlette.datastructures._HOST_RE (0.26.1), used with fullmatch and IGNORECASE.
const HOST_RE = /^(?:[a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(?::[0-9]+)?$/i;
const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443 };

export interface ScopeUrlParts {
  scheme: string;
  /** The Host header as Starlette sees it (latin-1 decoded), when present. */
  hostHeader: string | undefined;
  server: { host: string; port: number } | undefined;
  rootPath: string;
  path: string;
  query: string;
}

/** str(URL(scope=scope)) as in Starlette 0.26.1. */
export function urlFromScope(s: ScopeUrlParts): string {
  let netloc: string | null = null;
  if (s.hostHeader !== undefined && HOST_RE.test(s.hostHeader)) netloc = s.hostHeader;
  else if (s.server) {
    const defaultPort = DEFAULT_PORTS[s.scheme];
    netloc = s.server.port === defaultPort ? s.server.host : `${s.server.host}:${s.server.port}`;
  }
  const path = s.rootPath + s.path;
  if (netloc !== null) return pyUrlunsplit(s.scheme, netloc, path, s.query);
  return s.query ? `${path}?${s.query}` : path;
}

/** The Location header of RedirectResponse(url=...). */
export function redirectLocation(url: string): string {
  return pyQuote(url, ":/%#?=@[]!$&'()*+,;");
}

/** How Starlette reads a header value: the raw bytes (UTF-8 of what the client typed) decoded as latin-1. */
export function latin1View(value: string): string {
  if (/^[\x00-\x7f]*$/.test(value)) return value;
  let out = '';
  for (const b of utf8Encoder.encode(value)) out += String.fromCharCode(b);
  return out;
}
