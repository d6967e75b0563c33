// Values of the static evaluator: what a Python expression is known to be without running it.
import type { SyntaxNode } from '../python/parser';
import type { StringWithMap } from '../routing/types';
import type { Span } from './span';
import type { FrameworkClass } from './frameworkClasses';
import type { RouterObject, RouteDeclaration, MountDeclaration, HostDeclaration } from './routerObject';

export interface ModuleRef {
  name: string;
  file?: string;
  isPackage: boolean;
}

/** A function defined in the workspace (an endpoint, a factory, a decorator...). */
export interface FunctionValue {
  t: 'function';
  name: string;
  node: SyntaxNode; // function_definition
  module: ModuleRef;
  span: Span;
  nameSpan: Span;
  /** Enclosing function scope, for closures. */
  closure?: Scope;
  /** `fn.__doc__ = ...` after the definition: a string, null (None), undefined (not known) */
  doc?: StringWithMap | null;
  /** Set when an unknown decorator wrapped it. */
  wrappedBy?: string;
}

/** A class defined in the workspace. */
export interface ClassValue {
  t: 'class';
  name: string;
  node: SyntaxNode;
  module: ModuleRef;
  span: Span;
  nameSpan: Span;
  bases: Value[];
  /** Class-level attributes with constant values (e.g. a convertor's `regex`). */
  attributes: Map<string, Value>;
}

export type Value =
  | { t: 'str'; s: StringWithMap }
  | { t: 'int'; n: number }
  | { t: 'bool'; b: boolean }
  | { t: 'none' }
  | { t: 'list'; items: Value[]; tuple: boolean }
  | { t: 'dict'; entries: Map<string, Value> }
  | { t: 'module'; module: ModuleRef }
  | { t: 'framework'; cls: FrameworkClass }
  | FunctionValue
  | ClassValue
  | { t: 'lambda'; span: Span }
  | { t: 'router'; router: RouterObject }
  /** `router.routes` / `app.router.routes`: a live view of the router's list */
  | { t: 'routes-list'; router: RouterObject }
  | { t: 'route-decl'; decl: RouteDeclaration }
  | { t: 'mount-decl'; decl: MountDeclaration }
  | { t: 'host-decl'; decl: HostDeclaration }
  /** An instance of a framework class the engine does not model in detail (StaticFiles, a Convertor). */
  | { t: 'instance'; cls: FrameworkClass | ClassValue; span: Span; label: string }
  /** A bound method of a router object waiting for its call, e.g. `app.get` */
  | { t: 'method'; self: Value; name: string }
  /** The result of calling a route decorator factory: applying it registers the function. */
  | { t: 'decorator'; apply: (fn: Value, decoratedSpan: Span) => void; label: string }
  | { t: 'unknown'; reason: string; span?: Span };

export type Scope = {
  vars: Map<string, Value>;
  parent?: Scope;
  module: ModuleRef;
};

export function unknown(reason: string, span?: Span): Value {
  return { t: 'unknown', reason, span };
}

export function lookup(scope: Scope, name: string): Value | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const v = s.vars.get(name);
    if (v) return v;
  }
  return undefined;
}

export function describe(v: Value): string {
  switch (v.t) {
    case 'str':
      return JSON.stringify(v.s.value);
    case 'unknown':
      return `unknown (${v.reason})`;
    case 'framework':
      return v.cls.qualname;
    case 'function':
    case 'class':
      return v.name;
    default:
      return v.t;
  }
}

/** Source text shortened to one line, for messages. */
export function truncate(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine;
}
