// The request target as an ASGI server splits it (uvicorn/httptools parse_url): path and query,
// the fragment dropped. Absolute-form targets (proxies) keep only their path.

export type RequestTarget = { ok: true; rawPath: string; query: string } | { ok: false; reason: string };

const ABSOLUTE_FORM = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/;

export function parseRequestTarget(target: string): RequestTarget {
  let rest = target;
  if (!rest.startsWith('/')) {
    const m = ABSOLUTE_FORM.exec(rest);
    if (!m) return { ok: false, reason: `request target ${JSON.stringify(target)} is neither a path nor an absolute URL` };
    rest = rest.slice(m[0].length) || '/';
    if (!rest.startsWith('/')) rest = '/' + rest;
  }
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  return q < 0 ? { ok: true, rawPath: rest, query: '' } : { ok: true, rawPath: rest.slice(0, q), query: rest.slice(q + 1) };
}

/** Query pairs as Starlette's request.query_params holds them (parse_qsl, keep_blank_values). */
export function queryPairs(query: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([unquotePlus(key), unquotePlus(value)]);
  }
  return pairs;
}

function unquotePlus(s: string): string {
  const spaced = s.replace(/\+/g, ' ');
  // Decode valid %XX runs as UTF-8 (with replacement), leave stray '%' as it is, like unquote().
  return spaced.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    const bytes = Uint8Array.from(run.slice(1).split('%').map((h) => parseInt(h, 16)));
    return new TextDecoder('utf-8').decode(bytes);
  });
}
