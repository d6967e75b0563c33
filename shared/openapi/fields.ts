// The OpenAPI fields FastAPI derives from a route (summary, description, operationId), as
// fastapi/routing.py (APIRoute.__init__), fastapi/utils.py (generate_unique_id) and
// fastapi/openapi/utils.py compute them.
import type { Version } from '../versions';
import { cleandocMapped, compilerDocstringMapped, type MappedText } from './cleandoc';
import { pyLstripCount, pyReplaceNonWord, pyRstripEnd, pyTitle } from './pystr';

/** `summary or name.replace("_", " ").title()` */
export function summaryFor(routeName: string, explicit?: string): string {
  return explicit || pyTitle(routeName.replaceAll('_', ' '));
}

export interface DescriptionInput {
  /** The docstring literal's value (StringWithMap.value from docstringOf). From Python 3.13 the
   *  compiler's dedent is applied here, as it happens before `__doc__` exists. */
  docstring?: string;
  /** An explicit `description=` argument. */
  description?: string;
}

export interface Description {
  /** The OpenAPI description FastAPI publishes ('' = the field is left out). */
  published: string;
  /** For each unit of `published`, its index in the docstring literal value (-1 when it came from `description=`). */
  publishedFrom: number[];
  /** Where the published text came from. */
  source: 'description' | 'docstring' | 'none';
  /** Index in the docstring value of its first \f, when it has one. */
  formFeedIndex?: number;
  /**
   * The docstring has a \f meant to hide what follows, but inspect.cleandoc deleted it as
   * indentation, so the text after it is published (Python ≤ 3.12).
   */
  formFeedLost: boolean;
  /** What the author meant to publish: the cleaned docstring cut where its first \f was. */
  intended: string;
}

function truncateAndStrip(t: MappedText, cut: number): MappedText {
  const head = t.value.slice(0, cut);
  const start = pyLstripCount(head);
  const end = start === head.length ? start : pyRstripEnd(head);
  return { value: head.slice(start, end), from: t.from.slice(start, end) };
}

/**
 * `(description or inspect.cleandoc(endpoint.__doc__ or "")).split("\f")[0].strip()`.
 * `formFeedLost` and `intended` say when the author's \f did not do its job.
 */
export function descriptionFor(input: DescriptionInput, python: Version): Description {
  if (input.description) {
    const text: MappedText = { value: input.description, from: Array.from({ length: input.description.length }, () => -1) };
    const kept = truncateAndStrip(text, cutAtFormFeed(text.value));
    return { published: kept.value, publishedFrom: kept.from, source: 'description', formFeedLost: false, intended: kept.value };
  }
  const raw = input.docstring ?? '';
  const doc = compilerDocstringMapped(raw, python);
  const cleaned = cleandocMapped(doc.value, python);
  const fromRaw: MappedText = { value: cleaned.value, from: cleaned.from.map((i) => doc.from[i]!) };
  const kept = truncateAndStrip(fromRaw, cutAtFormFeed(fromRaw.value));
  const result: Description = {
    published: kept.value,
    publishedFrom: kept.from,
    source: raw ? 'docstring' : 'none',
    formFeedLost: false,
    intended: kept.value,
  };
  const formFeed = raw.indexOf('\f');
  if (formFeed < 0) return result;
  result.formFeedIndex = formFeed;
  if (!fromRaw.from.includes(formFeed)) {
    result.formFeedLost = true;
    // Cut the cleaned text where the author's \f would have been.
    let cut = fromRaw.from.findIndex((i) => i > formFeed);
    if (cut < 0) cut = fromRaw.value.length;
    result.intended = truncateAndStrip(fromRaw, Math.min(cut, cutAtFormFeed(fromRaw.value))).value;
  }
  return result;
}

function cutAtFormFeed(s: string): number {
  const i = s.indexOf('\f');
  return i < 0 ? s.length : i;
}

export interface OperationId {
  /** The operationId, when it is the same whatever the set order. */
  operationId?: string;
  /**
   * Every value it can take: FastAPI uses `list(route.methods)[0]` of a set of strings, whose
   * order depends on string hashing (randomised per process), so a route with several
   * methods gets one of these, unpredictably.
   */
  candidates: string[];
  explicit: boolean;
}

/**
 * `operation_id or generate_unique_id(route)` (FastAPI 0.92):
 * `re.sub(r"\W", "_", name + path_format) + "_" + list(methods)[0].lower()`, where
 * `path_format` is the route's full path format and methods are upper-cased into a set.
 * No method at all makes FastAPI fail an assertion: candidates are then empty.
 */
export function operationIdFor(name: string, pathFormat: string, methods: readonly string[], explicit?: string): OperationId {
  if (explicit) return { operationId: explicit, candidates: [explicit], explicit: true };
  const base = pyReplaceNonWord(name + pathFormat, '_');
  const unique = [...new Set(methods.map((m) => m.toUpperCase()))];
  const candidates = unique.map((m) => `${base}_${m.toLowerCase()}`);
  const result: OperationId = { candidates, explicit: false };
  if (candidates.length === 1) result.operationId = candidates[0]!;
  return result;
}
