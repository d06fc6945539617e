/**
 * What a TF.js file imports: TensorFlow.js itself (`import * as tf`, `{ layers }`,
 * `require('@tensorflow/tfjs')`), and the project's own modules (`import { build } from
 * './model'`, `require('./model')`). A local module is read through the injected host,
 * evaluated once per analysis with the same evaluator, session and budget as the file (its
 * top-level code, as JS runs it on import; its functions only when called), and its exports
 * handed over. A module that cannot be found gives one info naming the paths tried; the
 * names it would give are unknown.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { JsEvaluator } from './jsEvaluator';
import { BudgetExceeded } from './jsHost';
import { Scope } from './jsScope';
import { memberOf } from './jsMembers';
import type { JsObject, JsValue } from './jsValues';
import { jsObject, unknown } from './jsValues';
import type { SourceFileHost } from '../sourceFiles';
import type { ScriptParser } from './scriptFiles';
import { findScript, folderOf, isLocalSpecifier } from './scriptFiles';

const maxImportNesting = 64;
const tfjsModule = /^@tensorflow\/tfjs(-node(-gpu)?|-layers)?$/;

/** Where local modules are read from: the analysed file's path, the host, and a parser. */
export interface LocalModuleSource {
  readonly filePath: string;
  readonly files: SourceFileHost;
  readonly parse: ScriptParser;
}

interface ModuleRecord {
  /** `module` of CommonJS: its `exports` may be replaced (`module.exports = model`). */
  readonly module: JsObject;
  /** ES exports (`export function`, `export default`), filled once the module has run. */
  readonly namespace: JsObject;
  esModule: boolean;
}

/** The local modules of one analysis, each evaluated at most once (imports may be cyclic). */
export class LocalModules {
  private readonly records = new Map<string, ModuleRecord | { unresolved: string }>();
  /** Modules being evaluated, one inside the other's import. */
  private nesting = 0;

  constructor(
    private readonly ev: JsEvaluator,
    private readonly source: LocalModuleSource | undefined,
  ) {}

  /** Property access, for the names an import takes from a module. */
  get members(): JsEvaluator['members'] {
    return this.ev.members;
  }

  /** The module a local specifier names, evaluated on first use; a reason when it cannot be. */
  private record(specifier: string, fromFile: string, site: Node): ModuleRecord | { unresolved: string } {
    if (!this.source) return { unresolved: `${specifier} is another file; imports are not followed here` };
    const found = findScript(this.source.files, this.source.parse, fromFile, specifier);
    const key = 'path' in found ? found.path : `${fromFile}\n${specifier}`;
    const known = this.records.get(key);
    if (known) return known;
    // The analysed file importing itself gets its own bindings in JS; here they stay unknown
    // rather than the file running a second time.
    if ('path' in found && found.path === this.source.filePath) return { unresolved: `${specifier} is this file` };
    if (!('path' in found)) {
      // The paths tried, named within their folder: `in /app/src: ui, ui.ts, ui.js, ..., ui/index.js`.
      const folder = folderOf(found.tried[0]);
      const names = found.tried.map((path) => (path.startsWith(folder) ? path.slice(folder.length + 1) : path)).join(', ');
      const unresolved = { unresolved: `${specifier} was not found` };
      this.records.set(key, unresolved);
      this.ev.host.note(site, `Conv Inspector could not find the module ${specifier} (looked in ${folder} for ${names}); what it exports is unknown`);
      return unresolved;
    }
    // A chain of modules each importing the next is followed only so deep (the stack is finite).
    if (this.nesting >= maxImportNesting) {
      const unresolved = { unresolved: `${specifier} is imported more than ${maxImportNesting} modules deep` };
      this.ev.host.note(site, `Conv Inspector did not follow ${specifier}: ${unresolved.unresolved}; what it exports is unknown`);
      return unresolved;
    }
    const record: ModuleRecord = { module: jsObject([['exports', jsObject()]]), namespace: jsObject(), esModule: false };
    this.records.set(key, record);
    this.nesting++;
    try {
      this.ev.runAt(found.tree.rootNode, site, () => this.evaluate(found.path, found.tree.rootNode, record));
    } finally {
      this.nesting--;
    }
    return record;
  }

  private evaluate(path: string, program: Node, record: ModuleRecord): void {
    const scope = new Scope(null);
    scope.declare('module', record.module);
    scope.declare('exports', record.module.props.get('exports'));
    bindImports(program, scope, this, path);
    const statements = program.namedChildren.filter((c): c is Node => c !== null);
    this.ev.hoistAll(statements, scope);
    for (const statement of statements) {
      try {
        const value = statement.type === 'export_statement' ? statement.childForFieldName('value') : null;
        // `export default <expression>` is evaluated once, here, and kept.
        if (value && statement.children.some((c) => c?.type === 'default')) record.namespace.props.set('default', this.ev.eval(value, scope));
        else this.ev.exec(statement, scope);
      } catch (error) {
        if (error instanceof BudgetExceeded) throw error;
        this.ev.host.note(statement, `Conv Inspector could not interpret a statement of ${path} (${error instanceof Error ? error.message : String(error)})`);
      }
    }
    for (const statement of statements) if (statement.type === 'export_statement') this.collectExports(statement, scope, record, path);
  }

  /** The names one `export` statement gives: declarations, `export { a as b }`, `export default f`. */
  private collectExports(statement: Node, scope: Scope, record: ModuleRecord, path: string): void {
    record.esModule = true;
    const declaration = statement.childForFieldName('declaration');
    const isDefault = statement.children.some((c) => c?.type === 'default');
    if (declaration) {
      const names =
        declaration.type === 'lexical_declaration' || declaration.type === 'variable_declaration'
          ? declaration.namedChildren.map((d) => d?.childForFieldName('name')).filter((n) => n?.type === 'identifier')
          : [declaration.childForFieldName('name')];
      for (const name of names) if (name) record.namespace.props.set(isDefault ? 'default' : name.text, scope.lookup(name.text));
      return;
    }
    const clause = statement.namedChildren.find((c) => c?.type === 'export_clause');
    const from = statement.childForFieldName('source')?.text.slice(1, -1);
    const origin = from !== undefined ? this.moduleValue(from, path, statement) : undefined;
    for (const specifier of clause?.namedChildren ?? []) {
      if (specifier?.type !== 'export_specifier') continue;
      const name = specifier.childForFieldName('name')?.text ?? '';
      const alias = specifier.childForFieldName('alias')?.text ?? name;
      record.namespace.props.set(alias, origin !== undefined ? memberOf(origin, name, specifier, this.ev.members) : scope.lookup(name));
    }
    if (!clause && origin !== undefined && typeof origin === 'object' && origin !== null && origin.kind === 'object') {
      for (const [name, value] of origin.props) if (name !== 'default') record.namespace.props.set(name, value);
    }
  }

  /** What `require(specifier)` or `import * as m` gives: the ES namespace, else `module.exports`. */
  moduleValue(specifier: string, fromFile: string, site: Node): JsValue {
    const record = this.record(specifier, fromFile, site);
    if ('unresolved' in record) return unknown(record.unresolved);
    return record.esModule ? record.namespace : record.module.props.get('exports');
  }

  /** What `import x from specifier` gives: the default export, or a CommonJS module's exports. */
  defaultValue(specifier: string, fromFile: string, site: Node): JsValue {
    const record = this.record(specifier, fromFile, site);
    if ('unresolved' in record) return unknown(record.unresolved);
    return record.esModule ? record.namespace.props.get('default') : record.module.props.get('exports');
  }
}

/**
 * Binds the names a program imports: TensorFlow.js as a modelled namespace (`* as tf`, default,
 * `{ layers, sequential as seq }`), local modules through `modules`, and `require`.
 */
export function bindImports(program: Node, scope: Scope, modules: LocalModules, filePath: string): void {
  for (const statement of program.namedChildren) {
    if (statement?.type !== 'import_statement') continue;
    const source = statement.childForFieldName('source')?.text.slice(1, -1) ?? '';
    const tfjs = tfjsModule.test(source);
    if (!tfjs && !isLocalSpecifier(source)) continue;
    const clause = statement.namedChildren.find((c) => c?.type === 'import_clause');
    // A local module runs when imported, even for `import './setup'` (JS hoists imports).
    const whole = tfjs ? ({ kind: 'ns', path: 'tf' } as const) : modules.moduleValue(source, filePath, statement);
    for (const part of clause?.namedChildren ?? []) {
      if (!part) continue;
      if (part.type === 'namespace_import') scope.declare(part.namedChildren[0]?.text ?? '', whole);
      else if (part.type === 'identifier') scope.declare(part.text, tfjs ? whole : modules.defaultValue(source, filePath, statement));
      else if (part.type === 'named_imports') {
        for (const specifier of part.namedChildren) {
          if (specifier?.type !== 'import_specifier') continue;
          const imported = specifier.childForFieldName('name')?.text ?? '';
          const local = specifier.childForFieldName('alias')?.text ?? imported;
          if (tfjs) scope.declare(local, { kind: 'ns', path: `tf.${imported}` });
          else scope.declare(local, imported === 'default' ? modules.defaultValue(source, filePath, statement) : memberOf(whole, imported, specifier, modules.members));
        }
      }
    }
  }
  // A page that loads tfjs with a <script> tag uses the global `tf`.
  if (!scope.has('tf')) scope.declare('tf', { kind: 'ns', path: 'tf' });
  // CommonJS: `const tf = require('@tensorflow/tfjs')`, `const build = require('./model')`.
  scope.declare('require', {
    kind: 'builtin',
    name: 'require',
    call: (args, site) => {
      const name = args[0];
      if (typeof name === 'string' && tfjsModule.test(name)) return { kind: 'ns', path: 'tf' };
      if (typeof name === 'string' && isLocalSpecifier(name)) return modules.moduleValue(name, filePath, site);
      return unknown(`require(${JSON.stringify(name)}) is not followed`);
    },
  });
}
