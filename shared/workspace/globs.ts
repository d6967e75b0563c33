// Glob patterns for `exclude` (gitignore-like): "*" and "?" stay inside one path segment,
// "**" spans segments. A pattern without "/" matches a file or directory name anywhere;
// one with "/" is anchored at the workspace root. Paths are relative, with "/" separators.

function segmentSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          out += '(?:.*/)?';
        } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}

export interface GlobMatcher {
  /** True when the relative path (file or directory) is excluded. */
  matches(relativePath: string): boolean;
}

export function compileGlobs(patterns: readonly string[]): GlobMatcher {
  const regexes = patterns
    .map((p) => p.trim().replace(/\\/g, '/'))
    .filter((p) => p !== '')
    .map((p) => {
      let pattern = p.replace(/^\.\//, '').replace(/\/+$/, '');
      const anchored = pattern.includes('/');
      pattern = pattern.replace(/^\//, '');
      // Matching a directory excludes everything below it.
      const body = segmentSource(pattern) + '(?:/.*)?';
      return new RegExp(anchored ? `^${body}$` : `(?:^|/)${body}$`);
    });
  return { matches: (rel) => regexes.some((r) => r.test(rel)) };
}
