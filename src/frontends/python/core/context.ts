/**
 * The mutable state of one analysis: budgets, findings (deduplicated, because the same
 * constructor runs once per instance), module ids and what the model discovery needs to
 * know about instantiations and top-level calls.
 */
import type { Finding, LayerRecord, SourceRange } from '../../../engine/report';
import type { Severity, Shape } from '../../../engine/types';
import type { PyNode, PySyntax } from './syntax';
import { importedCodeAnchor } from './syntax';
import type { Scope } from './scope';
import type { GraphRecorder } from './graphRecorder';
import type { PythonLibraries } from './library';
import type { PyClass, PyFunction, PyInstance, PyLayer, PyContainer, PyTensor, Value } from './values';

/** Thrown when the step or time budget is spent; caught where a phase (module code, a model) starts. */
export class BudgetExceeded extends Error {}

/**
 * A functional call that changes spatial sizes (`F.max_pool2d`, `F.pad`) between two layer
 * calls: not a record, but the input-size solver must see it in the chain of layers.
 */
export interface FunctionalCall {
  /** How many layer records precede it. */
  readonly before: number;
  readonly input: Shape;
  readonly output: Shape | null;
  /** The same call on another input shape; null when it would raise. */
  readonly apply: (input: Shape) => Shape | null;
}
/** Share of the analysis's time one phase may take, so one runaway loop leaves time for the rest. */
const phaseTimeShare = 1 / 3;

/** Where calls of leaf layers are recorded while a model runs. */
export interface Recorder {
  readonly records: LayerRecord[];
  /** torchinfo-style path per module id, from the model's module tree. */
  readonly paths: ReadonlyMap<number, string>;
  /** Leaves called while recording, for the parameter totals. */
  readonly calledLayers: Map<number, PyLayer>;
  /** Kept only when the model's input is being solved for. */
  readonly functionalCalls?: FunctionalCall[];
  /** The call's dataflow graph, built as it runs. */
  readonly graph?: GraphRecorder;
}

/** A model called on a tensor from module-level code (or a test function), with what that call recorded. */
export interface TopLevelCall {
  readonly model: PyInstance | PyContainer | PyLayer;
  readonly input: PyTensor;
  readonly site: PyNode;
  readonly recorder: Recorder;
  /** Set when the call returns; undefined when it did not finish (budget). */
  output?: Value;
}

/** Follows the import statements of the analysed file and of the modules it imports (python/imports/). */
export interface ImportHandler {
  execImport(context: AnalysisContext, node: PyNode, scope: Scope): void;
}

export class AnalysisContext {
  /** The file whose code runs now: the analysed file, or a module it imports. */
  syntax: PySyntax;
  /** The analysed file. */
  readonly fileSyntax: PySyntax;
  /** Set when the analysis follows imports of other files. */
  imports: ImportHandler | null = null;
  /** Steps of the current phase. */
  steps = 0;
  /** Steps of the phases before the current one. */
  private earlierSteps = 0;
  private readonly stepBudget: number;
  private readonly timeBudgetMs: number;
  /** The end of the whole analysis's time; no phase runs past it. */
  private analysisDeadline: number;
  /** Time left out of the budget so far (excludeTime). */
  private excludedMs = 0;
  /** The end of the current phase's time. */
  private deadline: number;
  /** The steps the current phase may take. */
  private phaseSteps: number;
  /** Set when the whole analysis's budget ran out: the remaining phases are skipped. */
  budgetSpent = false;
  /** Set when any phase stopped at its budget: the result is partial. */
  budgetHit = false;
  private directives: Map<number, string> | undefined;
  private lines: string[] | undefined;
  private findings = new Map<string, Finding>();
  /** True divisions (`a / b`) whose float already failed as a layer size: one error per division, as PyTorch stops at the first. */
  failedDivisions = new Set<PyNode>();
  private nextId = 1;
  /** Depth of nn.Module `__init__` calls: > 0 means "being built as a submodule". */
  initDepth = 0;
  /** Depth of module calls: 0 means a call from plain code (input discovery). */
  moduleCallDepth = 0;
  callDepth = 0;
  recorder: Recorder | null = null;
  /** The first top-level call per model object and per user class. */
  readonly firstCalls = new Map<object, TopLevelCall>();
  /** Per user class: was it instantiated outside another module's `__init__`, inside one? */
  readonly instantiated = new Map<PyClass, { standalone: boolean; nested: boolean }>();
  /** Module-level instances per class, first one first. */
  readonly instancesByClass = new Map<PyClass, PyInstance>();
  /** Constructor call nodes that were executed (the rest get a static pass for their issues). */
  readonly executedSites = new Set<PyNode>();
  /** The user functions being run, innermost last (for zero-argument `super()`). */
  readonly frames: { readonly fn: PyFunction; readonly self: Value; maybeReturned?: Value[] }[] = [];
  /** Modules imported with `from X import *`. */
  readonly wildcardImports: string[] = [];
  /** Module-level assignments of an nn.Sequential (however built) or of a leaf layer: candidate models. */
  readonly moduleAssignments: { readonly name: string; readonly model: PyContainer | PyLayer; readonly node: PyNode }[] = [];
  /** Module-level `net = Model(...)` assignments: two instances of one class are two models. */
  readonly instanceAssignments: { readonly name: string; readonly instance: PyInstance; readonly node: PyNode }[] = [];
  /** The uncalled function being run as an entry point: its own assignments name models too. */
  entryFunction: PyFunction | null = null;
  /** The module's global scope (set by the analysis before running the file). */
  globals: Scope | null = null;

  /**
   * @param libraries the libraries (torch, Keras) the entry point plugs into the interpreter
   */
  constructor(
    syntax: PySyntax,
    stepBudget: number,
    timeBudgetMs: number,
    readonly libraries: PythonLibraries,
  ) {
    this.syntax = syntax;
    this.fileSyntax = syntax;
    this.stepBudget = stepBudget;
    this.timeBudgetMs = timeBudgetMs;
    this.analysisDeadline = Date.now() + timeBudgetMs;
    this.deadline = this.analysisDeadline;
    this.phaseSteps = stepBudget;
  }

  /**
   * Starts a phase (module code, each model): it may take a share of what is left of the
   * analysis's one budget, so one runaway loop does not starve the rest, and all phases
   * together never take more than the one budget.
   */
  resetBudget(): void {
    this.earlierSteps += this.steps;
    this.steps = 0;
    const stepsLeft = Math.max(0, this.stepBudget - this.earlierSteps);
    this.phaseSteps = Math.max(1, Math.ceil(stepsLeft * phaseTimeShare));
    const now = Date.now();
    this.deadline = Math.min(this.analysisDeadline, now + Math.max(1, (this.analysisDeadline - now) * phaseTimeShare));
  }

  /**
   * Runs `run` with another file's code current (a function of an imported module). Entered
   * from the analysed file, what that code reports lands on `site`, the analysed file's line.
   */
  inFile<T>(syntax: PySyntax, site: PyNode | null, run: () => T): T {
    const previous = this.syntax;
    const anchor = importedCodeAnchor.range;
    if (site !== null && previous === this.fileSyntax && syntax !== this.fileSyntax) importedCodeAnchor.range = site.range;
    this.syntax = syntax;
    try {
      return run();
    } finally {
      this.syntax = previous;
      importedCodeAnchor.range = anchor;
    }
  }

  /**
   * Leaves time spent outside the interpretation out of the budget: parsing an imported file
   * (tree-sitter, under its own time limit per file). At most the budget itself is left out,
   * so many imported files cannot stretch an analysis past twice its budget.
   */
  excludeTime(ms: number): void {
    const granted = Math.max(0, Math.min(ms, this.timeBudgetMs - this.excludedMs));
    this.excludedMs += granted;
    this.analysisDeadline += granted;
    this.deadline += granted;
  }

  /** The source split in lines, once. */
  sourceLines(): readonly string[] {
    this.lines ??= this.fileSyntax.source.split('\n');
    return this.lines;
  }

  /** Comment text by 0-based line. */
  directiveLines(): Map<number, string> {
    this.directives ??= new Map(this.fileSyntax.comments.map((comment) => [comment.line, comment.text]));
    return this.directives;
  }

  newModuleId(): number {
    return this.nextId++;
  }

  /**
   * Counts one interpreter step; throws BudgetExceeded when the budget is spent. The clock
   * is read every 1,024 steps, starting with the first step after a reset: so that even
   * small files take that branch, and optimised code never meets it for the first time on
   * a big file (V8 then throws away `step` and everything it was inlined into).
   */
  step(): void {
    this.steps += 1;
    if (this.steps > this.phaseSteps || ((this.steps & 1023) === 1 && Date.now() > this.deadline)) this.budgetExceeded();
  }

  /** Kept out of `step`, so the hot path stays small. */
  private budgetExceeded(): never {
    this.budgetHit = true;
    if (this.budgetSpent || this.earlierSteps + this.steps >= this.stepBudget || Date.now() > this.analysisDeadline) {
      this.budgetSpent = true;
      throw new BudgetExceeded(
        `Conv Inspector stopped here: the analysis budget (${this.timeBudgetMs.toLocaleString('en-US')} ms, ${this.stepBudget.toLocaleString('en-US')} steps) ran out; the rest of the file is not analysed (partial result)`,
      );
    }
    throw new BudgetExceeded("this statement's share of the analysis budget ran out (a long loop or deep recursion); the rest of the file is still analysed");
  }

  /** Adds a finding once per range, severity and message. */
  report(range: SourceRange, severity: Severity, code: string, message: string): void {
    // What imported code could not follow is about that code; its errors are still the analysed line's.
    if (code === 'unsupported' && this.syntax !== this.fileSyntax) return;
    const key = `${range.start.line}:${range.start.column}:${severity}:${message}`;
    if (!this.findings.has(key)) this.findings.set(key, { range, severity, code, message });
  }

  /** An `info` finding that a construct was not followed. */
  unsupported(node: PyNode, what: string): void {
    this.report(node.range, 'info', 'unsupported', `Conv Inspector cannot follow ${what}; what depends on it is unknown`);
  }

  /** Remembers module-level Sequential assignments: each is a model of its own. */
  noteAssignment(node: PyNode, value: Value, scope: Scope): void {
    if (value === null || typeof value !== 'object') return;
    // In an entry point's own body (not in what it calls), a Sequential assigned to a local is a model too.
    const inEntry = this.entryFunction !== null && this.frames.length === 1 && this.frames[0].fn === this.entryFunction;
    if (scope !== this.globals && !inEntry) return;
    const left = node.children.find((child) => child.field === 'left');
    if (!left || left.type !== 'identifier') return;
    const name = this.syntax.source.slice(left.start, left.end);
    if (value.kind === 'instance' && !inEntry) this.instanceAssignments.push({ name, instance: value, node });
    if (!(value.kind === 'layer' || (value.kind === 'container' && value.container === 'Sequential'))) return;
    this.moduleAssignments.push({ name, model: value, node });
  }

  /**
   * Runs `run` with its findings kept apart from the file's and returns them: a trial run of
   * a model at a candidate input must not report what only that candidate would cause.
   */
  collectFindings(run: () => void): Finding[] {
    const kept = this.findings;
    const keptDivisions = this.failedDivisions;
    this.findings = new Map();
    this.failedDivisions = new Set(keptDivisions);
    try {
      run();
      return [...this.findings.values()];
    } finally {
      this.findings = kept;
      this.failedDivisions = keptDivisions;
    }
  }

  allFindings(): Finding[] {
    return [...this.findings.values()];
  }
}
