/**
 * The value-import graph of `src` keeps the layering the code map describes: the engine
 * has no import cycle, no cycle anywhere spans more than a handful of files, the two
 * front ends do not import each other, and the Python interpreter core reaches the torch
 * and Keras plug-ins only through the library interface they register. Type-only imports
 * are left out: they vanish from the built code and cannot decide load order.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

const root = resolve(__dirname, '../../..');
const maxCycleFiles = 8;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** True when an import brings no value: `import type`, or only `{ type X }` names. */
function typeOnly(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base].find((path) => existsSync(path) && statSync(path).isFile());
}

/** file -> the files it value-imports (static imports and re-exports), paths relative to the repository. */
function valueImportGraph(dir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(dir)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    const targets = new Set<string>();
    for (const statement of source.statements) {
      let specifier: ts.Expression | undefined;
      if (ts.isImportDeclaration(statement) && !typeOnly(statement.importClause)) specifier = statement.moduleSpecifier;
      if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) specifier = statement.moduleSpecifier;
      if (!specifier || !ts.isStringLiteral(specifier)) continue;
      const target = resolveImport(file, specifier.text);
      if (target) targets.add(relative(root, target));
    }
    graph.set(relative(root, file), [...targets]);
  }
  return graph;
}

/** Strongly connected components with more than one file (or a file importing itself), by Tarjan's algorithm. */
function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) cycles.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles;
}

function listCycles(cycles: readonly string[][]): string {
  return cycles.map((cycle) => `  cycle of ${cycle.length} files:\n${cycle.map((file) => `    ${file}`).join('\n')}`).join('\n');
}

function edgesFrom(graph: ReadonlyMap<string, readonly string[]>, from: RegExp, to: RegExp): string[] {
  return [...graph].flatMap(([file, targets]) => (from.test(file) ? targets.filter((target) => to.test(target)).map((target) => `${file} -> ${target}`) : []));
}

describe('import structure of src', () => {
  const graph = valueImportGraph(join(root, 'src'));
  const cycles = importCycles(graph);

  it('finds the files and their imports', () => {
    assert.ok(graph.size > 100, `only ${graph.size} files read`);
    assert.ok((graph.get('src/frontends/python/analyzePython.ts') ?? []).length > 0);
  });

  it('src/engine has no import cycle', () => {
    const engine = cycles.filter((cycle) => cycle.some((file) => file.startsWith('src/engine/')));
    assert.deepEqual(engine, [], `import cycles in src/engine:\n${listCycles(engine)}`);
  });

  it(`no import cycle in src spans more than ${maxCycleFiles} files`, () => {
    const long = cycles.filter((cycle) => cycle.length > maxCycleFiles);
    assert.deepEqual(long, [], `import cycles longer than ${maxCycleFiles} files:\n${listCycles(long)}`);
  });

  it('the Python and TypeScript front ends do not import each other', () => {
    const crossing = [
      ...edgesFrom(graph, /^src\/frontends\/python\//, /^src\/frontends\/typescript\//),
      ...edgesFrom(graph, /^src\/frontends\/typescript\//, /^src\/frontends\/python\//),
    ];
    assert.deepEqual(crossing, [], `imports between the front ends:\n${crossing.join('\n')}`);
  });

  it('the Python interpreter core does not import the torch or Keras plug-ins', () => {
    const intoLibraries = edgesFrom(graph, /^src\/frontends\/python\/core\//, /^src\/frontends\/python\/(torch|keras)\//);
    assert.deepEqual(intoLibraries, [], `core modules importing a library plug-in:\n${intoLibraries.join('\n')}`);
    // Files kept beside the core instead of in it would escape the rule above.
    const loose = [...graph.keys()].filter((file) => /^src\/frontends\/python\/[^/]+$/.test(file) && file !== 'src/frontends/python/analyzePython.ts');
    assert.deepEqual(loose, [], 'Python front-end modules belong in core/, torch/ or keras/');
  });
});
