// Loads tree-sitter-python (WebAssembly) once and parses Python source into syntax trees.
// The .wasm files sit next to the bundle in dist/ and the .vsix; in tests they are
// resolved from node_modules.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

export type { Node as SyntaxNode, Tree as SyntaxTree };

let pythonParser: Parser | undefined;

function wasmPath(file: string, pkgPath: string): string {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  const besideBundle = path.join(here, file);
  if (existsSync(besideBundle)) return besideBundle;
  // From source (tests): resolve the npm package from this file's folder, then from the cwd.
  for (const base of [here, process.cwd()]) {
    try {
      return createRequire(path.join(base, 'noop.js')).resolve(pkgPath);
    } catch {
      /* next */
    }
  }
  throw new Error(`cannot find ${file}: reinstall Route Lens (it ships next to the bundle)`);
}

/** Must be awaited once before `parsePython`. Safe to call many times. */
export async function initPythonParser(): Promise<void> {
  if (pythonParser) return;
  const treeSitterWasm = wasmPath('tree-sitter.wasm', 'web-tree-sitter/tree-sitter.wasm');
  await Parser.init({ locateFile: () => treeSitterWasm });
  const python = await Language.load(wasmPath('tree-sitter-python.wasm', 'tree-sitter-python/tree-sitter-python.wasm'));
  const parser = new Parser();
  parser.setLanguage(python);
  pythonParser = parser;
}

/** Parses Python source. Offsets in the tree are UTF-16 code units into `source`. */
export function parsePython(source: string): Tree {
  if (!pythonParser) throw new Error('initPythonParser() must be awaited before parsePython()');
  const tree = pythonParser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}
