// A small abstract interpreter for the parts of Python that declare routes: module-level
// statements, imports, assignments, calls of workspace functions (app factories), decorators,
// `for` loops over literal lists. It never runs user code; whatever it cannot know becomes an
// `unknown` value carrying the reason, and declarations that depend on one are reported.
import type { SyntaxNode, SyntaxTree } from '../python/parser';
import { parsePython } from '../python/parser';
import type { Convertor, StringWithMap } from '../routing/types';
import type { FrameworkVersions } from '../versions';
import { frameworkExport, isFrameworkModule, isFrameworkPackage, type FrameworkClass } from './frameworkClasses';
import { evalStringLiteral, concatStrings } from './literals';
import { RouterObject, type FrameworkError } from './routerObject';
import { FrameworkSemantics } from './semantics';
import type { Span } from './span';
import type { FileProblem, Unresolved } from './types';
import { describe, lookup, truncate, unknown, type ClassValue, type FunctionValue, type ModuleRef, type Scope, type Value } from './values';

export interface ModuleSource {
  name: string;
  file: string;
  text: string;
  isPackage: boolean;
}

interface ModuleState {
  source: ModuleSource;
  ref: ModuleRef;
  scope: Scope;
  state: 'new' | 'running' | 'done';
  tree?: SyntaxTree;
}

export interface Args {
  positional: Value[];
  positionalNodes: SyntaxNode[];
  keywords: Map<string, Value>;
  keywordNodes: Map<string, SyntaxNode>;
  /** *args or **kwargs were passed: some arguments are unknown */
  splat: boolean;
  node: SyntaxNode;
}

class ReturnSignal {
  constructor(readonly value: Value) {}
}

const MAX_CALL_DEPTH = 12;
const MAX_LOOP_ITEMS = 2000;

export class Evaluator {
  readonly modules = new Map<string, ModuleState>();
  readonly routers: RouterObject[] = [];
  readonly unresolved: Unresolved[] = [];
  readonly errors: FrameworkError[] = [];
  readonly problems: FileProblem[] = [];
  /** Custom convertors from register_url_convertor, in registration order. */
  readonly convertors = new Map<string, Convertor>();
  readonly semantics: FrameworkSemantics;
  private callDepth = 0;
  private currentFile = '';
  /** Every dotted prefix of a module name ("a", "a.b" for "a.b.c"): packages, namespace or not. */
  private readonly prefixes = new Set<string>();

  constructor(
    sources: Iterable<ModuleSource>,
    readonly versions: FrameworkVersions,
    /** Parses a module's text (a cache may return the tree of an unchanged file). */
    private readonly parse: (file: string, text: string) => SyntaxTree = (_file, text) => parsePython(text),
  ) {
    for (const source of sources) {
      const ref: ModuleRef = { name: source.name, file: source.file, isPackage: source.isPackage };
      this.modules.set(source.name, { source, ref, scope: { vars: new Map(), module: ref }, state: 'new' });
      for (let dot = source.name.indexOf('.'); dot > 0; dot = source.name.indexOf('.', dot + 1)) this.prefixes.add(source.name.slice(0, dot));
    }
    this.semantics = new FrameworkSemantics(this);
  }

  /** Evaluates every module (imports pull in others on demand, in Python's order). */
  evaluateAll(): void {
    for (const name of [...this.modules.keys()].sort()) this.loadModule(name);
  }

  syntaxTree(moduleName: string): SyntaxTree | undefined {
    return this.modules.get(moduleName)?.tree;
  }

  // ---- reporting ----

  span(node: SyntaxNode): Span {
    return { file: this.currentFile, start: node.startIndex, end: node.endIndex };
  }

  reportUnresolved(node: SyntaxNode | Span, what: string, reason: string): void {
    const span = 'file' in node ? node : this.span(node);
    this.unresolved.push({ span, what, reason });
  }

  reportError(node: SyntaxNode | Span, exception: string, message: string, topic: string): void {
    const span = 'file' in node ? node : this.span(node);
    this.errors.push({ span, exception, message, topic });
  }

  // ---- modules and imports ----

  private loadModule(name: string): ModuleState | undefined {
    const m = this.modules.get(name);
    if (!m) return undefined;
    if (m.state !== 'new') return m; // 'running' = circular import: a partial namespace, as in Python
    m.state = 'running';
    // Python imports the parent packages first.
    const dot = name.lastIndexOf('.');
    if (dot > 0) this.importModule(name.slice(0, dot));
    const saved = this.currentFile;
    this.currentFile = m.source.file;
    try {
      m.tree = this.parse(m.source.file, m.source.text);
      if (m.tree.rootNode.hasError) {
        this.problems.push({
          file: m.source.file,
          severity: 'warning',
          message: 'syntax error: the module was read up to and around the error; routes near it may be missing',
        });
      }
      m.scope.vars.set('__name__', this.strValue(name));
      this.execBlock(m.tree.rootNode.namedChildren, m.scope);
    } catch (e) {
      if (!(e instanceof ReturnSignal)) {
        this.problems.push({ file: m.source.file, severity: 'error', message: `internal error while reading this file: ${String(e)}` });
      }
    } finally {
      this.currentFile = saved;
      m.state = 'done';
    }
    return m;
  }

  /** `import a.b.c`: loads each package on the way and sets submodules as attributes of parents. */
  private importModule(dotted: string): ModuleState | undefined {
    const parts = dotted.split('.');
    let last: ModuleState | undefined;
    for (let i = 1; i <= parts.length; i++) {
      const name = parts.slice(0, i).join('.');
      const m = this.loadModule(name);
      if (!m) return undefined;
      if (last && !last.scope.vars.has(parts[i - 1]!)) last.scope.vars.set(parts[i - 1]!, { t: 'module', module: m.ref });
      last = m;
    }
    return last;
  }

  private moduleValue(dotted: string): Value {
    if (this.modules.has(dotted) || this.prefixes.has(dotted)) {
      const m = this.importModule(dotted);
      if (m) return { t: 'module', module: m.ref };
      // a namespace package (no __init__.py)
      return { t: 'module', module: { name: dotted, isPackage: true } };
    }
    if (isFrameworkPackage(dotted)) return { t: 'module', module: { name: dotted, isPackage: true } };
    return unknown(`module ${dotted} is not in the workspace`);
  }

  /** Attribute of a module: a name in its namespace, else a submodule (as `from pkg import sub`). */
  private moduleAttribute(module: ModuleRef, name: string, node: SyntaxNode): Value {
    if (isFrameworkPackage(module.name)) {
      const cls = frameworkExport(module.name, name);
      if (cls) return { t: 'framework', cls };
      const sub = `${module.name}.${name}`;
      if (isFrameworkModule(sub) || isFrameworkPackage(sub)) return { t: 'module', module: { name: sub, isPackage: true } };
      return unknown(`${module.name}.${name} is not modelled`, this.span(node));
    }
    const m = this.loadModule(module.name);
    const v = m?.scope.vars.get(name);
    if (v) return v;
    const sub = `${module.name}.${name}`;
    if (this.modules.has(sub) || this.prefixes.has(sub)) return this.moduleValue(sub);
    if (m?.state === 'running') return unknown(`${sub} is not defined yet (circular import)`, this.span(node));
    return unknown(`${name} is not defined in ${module.name}`, this.span(node));
  }

  private resolveRelative(scope: Scope, level: number, name: string): string | undefined {
    const mod = scope.module;
    const parts = mod.name.split('.');
    // For a package's __init__, the package itself is level 1's base.
    const base = mod.isPackage ? parts : parts.slice(0, -1);
    if (level - 1 > base.length) return undefined;
    const anchor = base.slice(0, base.length - (level - 1));
    return [...anchor, ...(name ? name.split('.') : [])].join('.');
  }

  private execImport(node: SyntaxNode, scope: Scope): void {
    for (const child of node.childrenForFieldName('name')) {
      if (!child) continue;
      if (child.type === 'aliased_import') {
        const dotted = child.childForFieldName('name')!.text;
        const alias = child.childForFieldName('alias')!.text;
        const v = this.moduleValue(dotted);
        scope.vars.set(alias, v);
      } else {
        const dotted = child.text;
        const top = dotted.split('.')[0]!;
        this.moduleValue(dotted); // loads the chain
        scope.vars.set(top, this.moduleValue(top));
      }
    }
  }

  private execImportFrom(node: SyntaxNode, scope: Scope): void {
    const moduleNode = node.childForFieldName('module_name');
    if (!moduleNode) return;
    let moduleName: string | undefined;
    if (moduleNode.type === 'relative_import') {
      const prefix = moduleNode.namedChildren.find((c) => c?.type === 'import_prefix');
      const level = prefix ? prefix.text.length : 0;
      const dotted = moduleNode.namedChildren.find((c) => c?.type === 'dotted_name')?.text ?? '';
      moduleName = this.resolveRelative(scope, level, dotted);
      if (moduleName === undefined) {
        this.reportUnresolved(node, 'import', 'relative import beyond the top-level package');
        return;
      }
    } else {
      moduleName = moduleNode.text;
    }
    const source = this.moduleValue(moduleName);
    const wildcard = node.namedChildren.some((c) => c?.type === 'wildcard_import');
    if (wildcard) {
      if (source.t === 'module') {
        const m = this.loadModule(source.module.name);
        if (m) for (const [k, v] of m.scope.vars) if (!k.startsWith('_')) scope.vars.set(k, v);
      }
      return;
    }
    for (const child of node.childrenForFieldName('name')) {
      if (!child) continue;
      const nameNode = child.type === 'aliased_import' ? child.childForFieldName('name')! : child;
      const aliasNode = child.type === 'aliased_import' ? child.childForFieldName('alias')! : child;
      const name = nameNode.text;
      let value: Value;
      if (source.t === 'module') value = this.moduleAttribute(source.module, name, nameNode);
      else value = unknown(`imported from ${moduleName}, which is not in the workspace`, this.span(nameNode));
      this.bind(scope, aliasNode.text, value);
    }
  }

  // ---- statements ----

  execBlock(statements: (SyntaxNode | null)[], scope: Scope): void {
    for (const st of statements) if (st) this.execStatement(st, scope);
  }

  private execStatement(node: SyntaxNode, scope: Scope): void {
    switch (node.type) {
      case 'import_statement':
        return this.execImport(node, scope);
      case 'import_from_statement':
        return this.execImportFrom(node, scope);
      case 'future_import_statement':
        return;
      case 'expression_statement':
        for (const child of node.namedChildren) if (child) this.execExpressionStatement(child, scope);
        return;
      case 'function_definition':
        scope.vars.set(node.childForFieldName('name')!.text, this.functionValue(node, scope));
        return;
      case 'class_definition':
        scope.vars.set(node.childForFieldName('name')!.text, this.classValue(node, scope));
        return;
      case 'decorated_definition':
        return this.execDecorated(node, scope);
      case 'if_statement':
        return this.execIf(node, scope);
      case 'for_statement':
        return this.execFor(node, scope);
      case 'try_statement':
        return this.execTry(node, scope);
      case 'with_statement':
        return this.execBlock(node.childForFieldName('body')?.namedChildren ?? [], scope);
      case 'return_statement': {
        const expr = node.namedChildren[0];
        throw new ReturnSignal(expr ? this.evalExpr(expr, scope) : { t: 'none' });
      }
      case 'global_statement':
      case 'nonlocal_statement':
      case 'pass_statement':
      case 'comment':
        return;
      case 'ERROR':
        // Mid-edit syntax errors: keep reading the statements tree-sitter could recover.
        for (const child of node.namedChildren) if (child && child.type.endsWith('statement')) this.execStatement(child, scope);
        return;
      default:
        return;
    }
  }

  private execExpressionStatement(node: SyntaxNode, scope: Scope): void {
    switch (node.type) {
      case 'assignment':
        return this.execAssignment(node, scope);
      case 'augmented_assignment':
        return this.execAugmented(node, scope);
      default:
        this.evalExpr(node, scope);
    }
  }

  private execAssignment(node: SyntaxNode, scope: Scope): void {
    const right = node.childForFieldName('right');
    const left = node.childForFieldName('left')!;
    if (!right) return; // annotation only
    // chained `a = b = value`: tree-sitter nests assignments on the right
    let valueNode = right;
    const targets = [left];
    while (valueNode.type === 'assignment') {
      targets.push(valueNode.childForFieldName('left')!);
      const next = valueNode.childForFieldName('right');
      if (!next) return;
      valueNode = next;
    }
    const value = this.evalExpr(valueNode, scope);
    for (const target of targets) this.assign(target, value, scope);
  }

  private assign(target: SyntaxNode, value: Value, scope: Scope): void {
    if (target.type === 'identifier') {
      this.bind(scope, target.text, value);
      return;
    }
    if ((target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern') && value.t === 'list') {
      const names = target.namedChildren;
      if (names.length === value.items.length) names.forEach((n, i) => n && this.assign(n, value.items[i]!, scope));
      return;
    }
    if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern') {
      for (const n of target.namedChildren) if (n) this.assign(n, unknown('unpacked from a value that is not a literal sequence', this.span(n)), scope);
      return;
    }
    if (target.type === 'attribute') {
      const obj = this.evalExpr(target.childForFieldName('object')!, scope);
      const attr = target.childForFieldName('attribute')!.text;
      if (obj.t === 'function' && attr === '__name__') {
        if (value.t === 'str') obj.name = value.s.value;
        else obj.name = '<unknown>';
        return;
      }
      if (obj.t === 'function' && attr === '__doc__') {
        obj.doc = value.t === 'str' ? value.s : value.t === 'none' ? null : undefined;
        return;
      }
      this.semantics.setAttribute(obj, attr, value, target);
    }
  }

  /** Binds a name; module-level names of routers are how apps are found and named. */
  private bind(scope: Scope, name: string, value: Value): void {
    scope.vars.set(name, value);
    if (value.t === 'router' && !scope.parent) {
      const bindings = value.router.bindings;
      if (!bindings.some((b) => b.module === scope.module.name && b.variable === name)) bindings.push({ module: scope.module.name, variable: name });
    }
  }

  private execAugmented(node: SyntaxNode, scope: Scope): void {
    const left = node.childForFieldName('left')!;
    const op = node.childForFieldName('operator')?.text;
    const right = this.evalExpr(node.childForFieldName('right')!, scope);
    const current = this.evalExpr(left, scope);
    if (op === '+=' && current.t === 'routes-list') {
      this.semantics.routesListCall(current.router, 'extend', [right], node);
      return;
    }
    if (op === '+=' && current.t === 'list') {
      // in-place: every alias of the list sees the change
      if (right.t === 'list') current.items.push(...right.items);
      else current.items.push(unknown(`list extended with ${describe(right)}`, this.span(node)));
      return;
    }
    if (left.type === 'identifier') scope.vars.set(left.text, op === '+=' ? this.add(current, right, node) : unknown(`result of ${op}`, this.span(node)));
  }

  private execDecorated(node: SyntaxNode, scope: Scope): void {
    const definition = node.childForFieldName('definition')!;
    const decorators = node.namedChildren.filter((c): c is SyntaxNode => c?.type === 'decorator');
    const nameNode = definition.childForFieldName('name')!;
    let value: Value = definition.type === 'class_definition' ? this.classValue(definition, scope) : this.functionValue(definition, scope);
    // Python evaluates decorator expressions top-down, then applies them bottom-up.
    const evaluated = decorators.map((d) => ({ node: d, value: this.evalExpr(d.namedChildren[0]!, scope) }));
    for (const d of evaluated.reverse()) {
      if (d.value.t === 'decorator') {
        d.value.apply(value, this.span(d.node));
      } else if (value.t === 'function') {
        // An unknown decorator: assume it keeps the function (functools.wraps), and say so.
        value = { ...value, wrappedBy: d.node.text };
      }
    }
    scope.vars.set(nameNode.text, value);
  }

  private execIf(node: SyntaxNode, scope: Scope): void {
    const condition = this.truthiness(this.evalExpr(node.childForFieldName('condition')!, scope));
    if (condition === true) {
      this.execBlock(node.childForFieldName('consequence')?.namedChildren ?? [], scope);
      return;
    }
    if (condition === undefined) {
      if (this.declaresSomething(node)) {
        this.reportUnresolved(node.childForFieldName('condition')!, 'if', `the condition \`${node.childForFieldName('condition')!.text}\` cannot be evaluated statically: declarations under it are not in the table`);
      }
      return;
    }
    for (const alt of node.childrenForFieldName('alternative')) {
      if (!alt) continue;
      if (alt.type === 'else_clause') {
        this.execBlock(alt.childForFieldName('body')?.namedChildren ?? [], scope);
        return;
      }
      const c = this.truthiness(this.evalExpr(alt.childForFieldName('condition')!, scope));
      if (c === true) {
        this.execBlock(alt.childForFieldName('consequence')?.namedChildren ?? [], scope);
        return;
      }
      if (c === undefined) {
        if (this.declaresSomething(alt)) this.reportUnresolved(alt.childForFieldName('condition')!, 'if', `the condition \`${alt.childForFieldName('condition')!.text}\` cannot be evaluated statically: declarations under it are not in the table`);
        return;
      }
    }
  }

  /** Does a block contain calls or decorators (that might declare routes)? Used to decide what to report. */
  private declaresSomething(node: SyntaxNode): boolean {
    return node.descendantsOfType(['call', 'decorator']).length > 0;
  }

  private execFor(node: SyntaxNode, scope: Scope): void {
    const iterable = this.evalExpr(node.childForFieldName('right')!, scope);
    const body = node.childForFieldName('body')?.namedChildren ?? [];
    if (iterable.t !== 'list' || iterable.items.length > MAX_LOOP_ITEMS) {
      if (this.declaresSomething(node.childForFieldName('body')!)) {
        this.reportUnresolved(node.childForFieldName('right')!, 'for', `the loop iterates over ${iterable.t === 'unknown' ? iterable.reason : 'a value that is not a literal list or tuple'}: declarations in its body are not in the table`);
      }
      return;
    }
    for (const item of iterable.items) {
      this.assign(node.childForFieldName('left')!, item, scope);
      this.execBlock(body, scope);
    }
  }

  private execTry(node: SyntaxNode, scope: Scope): void {
    // The import-time path: the try body (assumed not to raise), then else and finally.
    this.execBlock(node.childForFieldName('body')?.namedChildren ?? [], scope);
    for (const child of node.namedChildren) {
      if (child?.type === 'else_clause' || child?.type === 'finally_clause') {
        this.execBlock(child.namedChildren.find((c) => c?.type === 'block')?.namedChildren ?? [], scope);
      }
    }
  }

  // ---- definitions ----

  private functionValue(node: SyntaxNode, scope: Scope): FunctionValue {
    const nameNode = node.childForFieldName('name')!;
    return {
      t: 'function',
      name: nameNode.text,
      node,
      module: scope.module,
      span: this.span(node),
      nameSpan: this.span(nameNode),
      closure: scope.parent ? scope : undefined,
    };
  }

  private classValue(node: SyntaxNode, scope: Scope): ClassValue {
    const nameNode = node.childForFieldName('name')!;
    const bases: Value[] = [];
    const superclasses = node.childForFieldName('superclasses');
    for (const b of superclasses?.namedChildren ?? []) {
      if (b && b.type !== 'keyword_argument') bases.push(this.evalExpr(b, scope));
    }
    const classScope: Scope = { vars: new Map(), parent: scope, module: scope.module };
    // The class body runs at definition time (decorated methods inside it register routes).
    const body = node.childForFieldName('body')?.namedChildren ?? [];
    const saveReturn = this.callDepth;
    try {
      this.execBlock(body, classScope);
    } catch (e) {
      if (!(e instanceof ReturnSignal)) throw e;
    }
    this.callDepth = saveReturn;
    return {
      t: 'class',
      name: nameNode.text,
      node,
      module: scope.module,
      span: this.span(node),
      nameSpan: this.span(nameNode),
      bases,
      attributes: classScope.vars,
    };
  }

  /** Follows workspace subclasses to the framework class they derive from. */
  frameworkBase(cls: ClassValue, seen = new Set<ClassValue>()): FrameworkClass | undefined {
    if (seen.has(cls)) return undefined;
    seen.add(cls);
    for (const b of cls.bases) {
      if (b.t === 'framework') return b.cls;
      if (b.t === 'class') {
        const f = this.frameworkBase(b, seen);
        if (f) return f;
      }
    }
    return undefined;
  }

  classAttribute(cls: ClassValue, name: string, seen = new Set<ClassValue>()): Value | undefined {
    if (seen.has(cls)) return undefined;
    seen.add(cls);
    const own = cls.attributes.get(name);
    if (own) return own;
    for (const b of cls.bases) {
      if (b.t === 'class') {
        const v = this.classAttribute(b, name, seen);
        if (v) return v;
      }
    }
    return undefined;
  }

  /** Calls a workspace function: binds arguments and interprets its body. */
  callFunction(fn: FunctionValue, args: Args): Value {
    if (this.callDepth >= MAX_CALL_DEPTH) return unknown(`call depth limit reached calling ${fn.name}()`, this.span(args.node));
    const moduleState = this.modules.get(fn.module.name);
    const local: Scope = { vars: new Map(), parent: fn.closure ?? moduleState?.scope, module: fn.module };
    const savedFile = this.currentFile;
    this.currentFile = fn.span.file;
    this.bindParameters(fn, args, local);
    this.callDepth++;
    try {
      this.execBlock(fn.node.childForFieldName('body')?.namedChildren ?? [], local);
      return { t: 'none' };
    } catch (e) {
      if (e instanceof ReturnSignal) return e.value;
      throw e;
    } finally {
      this.callDepth--;
      this.currentFile = savedFile;
    }
  }

  private bindParameters(fn: FunctionValue, args: Args, local: Scope): void {
    const params = fn.node.childForFieldName('parameters')?.namedChildren ?? [];
    let i = 0;
    for (const p of params) {
      if (!p) continue;
      let name: string | undefined;
      let defaultNode: SyntaxNode | null = null;
      if (p.type === 'identifier') name = p.text;
      else if (p.type === 'typed_parameter') name = p.namedChildren.find((c) => c?.type === 'identifier')?.text;
      else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
        name = p.childForFieldName('name')?.text;
        defaultNode = p.childForFieldName('value');
      } else {
        continue; // *args, **kwargs, separators
      }
      if (!name) continue;
      let v: Value | undefined = args.keywords.get(name);
      if (!v && i < args.positional.length) v = args.positional[i];
      i++;
      if (!v && defaultNode) {
        // defaults are evaluated at definition time in the defining scope; close enough for constants
        const saved = this.currentFile;
        this.currentFile = fn.span.file;
        v = this.evalExpr(defaultNode, local.parent ?? local);
        this.currentFile = saved;
      }
      local.vars.set(name, v ?? unknown(`argument ${name} of ${fn.name}() is not known`, fn.nameSpan));
    }
  }

  // ---- expressions ----

  strValue(text: string, span?: Span): Value {
    const s: StringWithMap = {
      value: text,
      offsets: new Array<number>(text.length).fill(-1),
      file: span?.file ?? this.currentFile,
      span: span ?? { file: this.currentFile, start: 0, end: 0 },
    };
    return { t: 'str', s };
  }

  evalExpr(node: SyntaxNode, scope: Scope): Value {
    switch (node.type) {
      case 'string':
      case 'concatenated_string':
        return evalStringLiteral(node, this.currentFile, (expr) => this.evalExpr(expr, scope));
      case 'integer': {
        const n = Number(node.text.replace(/_/g, ''));
        return Number.isSafeInteger(n) ? { t: 'int', n } : unknown('integer literal', this.span(node));
      }
      case 'true':
        return { t: 'bool', b: true };
      case 'false':
        return { t: 'bool', b: false };
      case 'none':
        return { t: 'none' };
      case 'parenthesized_expression':
        return node.namedChildren[0] ? this.evalExpr(node.namedChildren[0], scope) : unknown('empty expression', this.span(node));
      case 'identifier':
        return this.evalName(node, scope);
      case 'attribute':
        return this.evalAttribute(node, scope);
      case 'call':
        return this.evalCall(node, scope);
      case 'list':
      case 'tuple':
        return this.evalSequence(node, scope);
      case 'dictionary':
        return this.evalDict(node, scope);
      case 'binary_operator':
        return this.evalBinary(node, scope);
      case 'comparison_operator':
        return this.evalComparison(node, scope);
      case 'not_operator': {
        const v = this.truthiness(this.evalExpr(node.childForFieldName('argument')!, scope));
        return v === undefined ? unknown('negation of an unknown value', this.span(node)) : { t: 'bool', b: !v };
      }
      case 'boolean_operator':
        return this.evalBoolean(node, scope);
      case 'lambda':
        return { t: 'lambda', span: this.span(node) };
      case 'subscript':
        return this.evalSubscript(node, scope);
      case 'conditional_expression': {
        const [a, cond, b] = node.namedChildren;
        const c = cond ? this.truthiness(this.evalExpr(cond, scope)) : undefined;
        if (c === true && a) return this.evalExpr(a, scope);
        if (c === false && b) return this.evalExpr(b, scope);
        return unknown(`conditional expression \`${node.text}\` depends on a value not known statically`, this.span(node));
      }
      case 'await':
        return unknown('awaited value', this.span(node));
      default:
        return unknown(`\`${truncate(node.text)}\` (${node.type.replace(/_/g, ' ')}) is not evaluated statically`, this.span(node));
    }
  }

  private evalName(node: SyntaxNode, scope: Scope): Value {
    const v = lookup(scope, node.text);
    if (v) return v;
    if (node.text === '__file__') return unknown('__file__ depends on where the app is installed', this.span(node));
    return unknown(`name \`${node.text}\` is not defined (or not known statically)`, this.span(node));
  }

  private evalAttribute(node: SyntaxNode, scope: Scope): Value {
    const obj = this.evalExpr(node.childForFieldName('object')!, scope);
    const name = node.childForFieldName('attribute')!.text;
    if (obj.t === 'module') return this.moduleAttribute(obj.module, name, node);
    if (obj.t === 'class') {
      const v = this.classAttribute(obj, name);
      return v ?? unknown(`${obj.name}.${name} is not known`, this.span(node));
    }
    if (obj.t === 'unknown') return obj;
    return this.semantics.getAttribute(obj, name, node);
  }

  private evalSequence(node: SyntaxNode, scope: Scope): Value {
    const items: Value[] = [];
    for (const child of node.namedChildren) {
      if (!child || child.type === 'comment') continue;
      if (child.type === 'list_splat') {
        const inner = this.evalExpr(child.namedChildren[0]!, scope);
        if (inner.t === 'list') items.push(...inner.items);
        else if (inner.t === 'routes-list') items.push({ t: 'routes-list', router: inner.router });
        else items.push(unknown(`*${child.namedChildren[0]!.text} is not a literal sequence`, this.span(child)));
        continue;
      }
      items.push(this.evalExpr(child, scope));
    }
    return { t: 'list', items, tuple: node.type === 'tuple' };
  }

  private evalDict(node: SyntaxNode, scope: Scope): Value {
    const entries = new Map<string, Value>();
    for (const pair of node.namedChildren) {
      if (pair?.type !== 'pair') continue;
      const k = this.evalExpr(pair.childForFieldName('key')!, scope);
      if (k.t === 'str') entries.set(k.s.value, this.evalExpr(pair.childForFieldName('value')!, scope));
    }
    return { t: 'dict', entries };
  }

  private evalBinary(node: SyntaxNode, scope: Scope): Value {
    const op = node.childForFieldName('operator')?.text;
    const left = this.evalExpr(node.childForFieldName('left')!, scope);
    const right = this.evalExpr(node.childForFieldName('right')!, scope);
    if (op === '+') return this.add(left, right, node);
    return unknown(`operator ${op} is not evaluated statically`, this.span(node));
  }

  add(left: Value, right: Value, node: SyntaxNode): Value {
    if (left.t === 'unknown') return left;
    if (right.t === 'unknown') return right;
    if (left.t === 'str' && right.t === 'str') return { t: 'str', s: concatStrings(left.s, right.s) };
    if (left.t === 'int' && right.t === 'int') return { t: 'int', n: left.n + right.n };
    const asItems = (v: Value): Value[] | undefined =>
      v.t === 'list' ? v.items : v.t === 'routes-list' ? this.semantics.routesListItems(v.router) : undefined;
    const l = asItems(left);
    const r = asItems(right);
    if (l && r) return { t: 'list', items: [...l, ...r], tuple: left.t === 'list' && left.tuple };
    return unknown(`${describe(left)} + ${describe(right)}`, this.span(node));
  }

  private evalComparison(node: SyntaxNode, scope: Scope): Value {
    const operands = node.namedChildren.filter((c): c is SyntaxNode => !!c);
    const ops = node.children.filter((c) => c && !c.isNamed).map((c) => c!.text);
    if (operands.length !== 2 || ops.length !== 1) return unknown('chained comparison', this.span(node));
    const a = this.evalExpr(operands[0]!, scope);
    const b = this.evalExpr(operands[1]!, scope);
    const key = (v: Value): string | undefined =>
      v.t === 'str' ? `s:${v.s.value}` : v.t === 'int' ? `i:${v.n}` : v.t === 'bool' ? `i:${v.b ? 1 : 0}` : v.t === 'none' ? 'none' : undefined;
    const ka = key(a);
    const kb = key(b);
    if (ka === undefined || kb === undefined) return unknown(`comparison \`${truncate(node.text)}\``, this.span(node));
    if (ops[0] === '==' || ops[0] === 'is') return { t: 'bool', b: ka === kb };
    if (ops[0] === '!=' || ops[0] === 'is not') return { t: 'bool', b: ka !== kb };
    return unknown(`comparison \`${truncate(node.text)}\``, this.span(node));
  }

  private evalBoolean(node: SyntaxNode, scope: Scope): Value {
    const op = node.childForFieldName('operator')?.text;
    const left = this.evalExpr(node.childForFieldName('left')!, scope);
    const lt = this.truthiness(left);
    if (lt === undefined) return unknown(`\`${truncate(node.text)}\` depends on a value not known statically`, this.span(node));
    if (op === 'and') return lt ? this.evalExpr(node.childForFieldName('right')!, scope) : left;
    return lt ? left : this.evalExpr(node.childForFieldName('right')!, scope);
  }

  private evalSubscript(node: SyntaxNode, scope: Scope): Value {
    const value = this.evalExpr(node.childForFieldName('value')!, scope);
    const subs = node.childrenForFieldName('subscript').filter((s): s is SyntaxNode => !!s);
    if (subs.length !== 1) return unknown(`subscript \`${truncate(node.text)}\``, this.span(node));
    const index = this.evalExpr(subs[0]!, scope);
    if (value.t === 'list' && index.t === 'int') {
      const i = index.n < 0 ? value.items.length + index.n : index.n;
      return value.items[i] ?? unknown('index out of range', this.span(node));
    }
    if (value.t === 'dict' && index.t === 'str') return value.entries.get(index.s.value) ?? unknown(`key ${index.s.value} not in the dict literal`, this.span(node));
    return unknown(`\`${truncate(node.text)}\` is not known statically`, this.span(node));
  }

  truthiness(v: Value): boolean | undefined {
    switch (v.t) {
      case 'bool':
        return v.b;
      case 'none':
        return false;
      case 'int':
        return v.n !== 0;
      case 'str':
        return v.s.value.length > 0;
      case 'list':
        return v.items.length > 0;
      case 'unknown':
        return undefined;
      default:
        return true;
    }
  }

  parseArgs(argList: SyntaxNode | null, scope: Scope, node: SyntaxNode): Args {
    const args: Args = { positional: [], positionalNodes: [], keywords: new Map(), keywordNodes: new Map(), splat: false, node };
    for (const a of argList?.namedChildren ?? []) {
      if (!a || a.type === 'comment') continue;
      if (a.type === 'keyword_argument') {
        const name = a.childForFieldName('name')!.text;
        const valueNode = a.childForFieldName('value')!;
        args.keywords.set(name, this.evalExpr(valueNode, scope));
        args.keywordNodes.set(name, valueNode);
      } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') {
        args.splat = true;
      } else {
        args.positional.push(this.evalExpr(a, scope));
        args.positionalNodes.push(a);
      }
    }
    return args;
  }

  private evalCall(node: SyntaxNode, scope: Scope): Value {
    const fnNode = node.childForFieldName('function')!;
    const callee = this.evalExpr(fnNode, scope);
    const argList = node.childForFieldName('arguments');
    if (argList?.type === 'generator_expression') return unknown('call with a generator argument', this.span(node));
    const args = this.parseArgs(argList, scope, node);
    switch (callee.t) {
      case 'framework':
        return this.semantics.construct(callee.cls, args, node, undefined);
      case 'class': {
        const base = this.frameworkBase(callee);
        if (base) return this.semantics.construct(base, args, node, callee);
        return { t: 'instance', cls: callee, span: this.span(node), label: callee.name };
      }
      case 'function':
        return this.callFunction(callee, args);
      case 'method':
        return this.semantics.callMethod(callee.self, callee.name, args, node);
      case 'decorator':
        if (args.positional[0]) callee.apply(args.positional[0], this.span(node));
        return args.positional[0] ?? unknown('decorator applied to nothing', this.span(node));
      case 'unknown':
        return unknown(`result of \`${truncate(fnNode.text)}(...)\`: ${callee.reason}`, this.span(node));
      default:
        return unknown(`call of ${describe(callee)}`, this.span(node));
    }
  }
}
