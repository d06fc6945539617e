/**
 * `conv-inspector`: the command-line front door over the same engine as the extension.
 *   analyze FILE [--input 1,3,224,224] [--json] [--time] [--time-budget MS] [--python-path DIR]...
 *   check FILE... [--json] [--strict] [--time-budget MS] [--python-path DIR]...
 *   preview FILE [--image IMG] [--weights W] [--model NAME] [--input 1,3,H,W] [--time-budget MS] [--python-path DIR]... --out DIR
 *   run FILE --input-tensor X.safetensors [--weights W] [--model NAME] [--time-budget MS] [--python-path DIR]... --dump OUT.safetensors
 * Exit codes: 0 fine, 1 `check` found errors (with --strict: errors or warnings) or `run` stopped early, 2 bad usage or unreadable input.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { AnalysisTimings } from './analysis/analyzeSource';
import { analyzeSource } from './analysis/analyzeSource';
import type { NotebookProgram } from './analysis/notebook';
import { withNotebookInputSources } from './analysis/notebook';
import { loadParser } from './frontends/treeSitter';
import type { FileAnalysis } from './engine/report';
import { jsonReportText, toJsonDiagnostic } from './analysis/jsonReport';
import { parseShapeText } from './analysis/shapeText';
import { formatFinding, renderTable } from './cli/tableReport';
import { SourceFileError } from './cli/readSourceFile';
import { readModelSource } from './cli/modelSource';
import { runPreview } from './cli/preview';
import { runDump } from './cli/runDump';
import { cliImportContext } from './cli/pythonImports';
import { defaultTimeBudgetMs } from './frontends/analysisLimits';

const usage = `Usage:
  conv-inspector analyze FILE [--input 1,3,224,224] [--json] [--time] [--time-budget MS] [--python-path DIR]...
  conv-inspector check FILE... [--json] [--strict] [--time-budget MS] [--python-path DIR]...
  conv-inspector preview FILE [--image IMG] [--weights W] [--model NAME] [--input 1,3,H,W] [--budget-mb 256] [--time-budget MS] [--python-path DIR]... --out DIR
  conv-inspector run FILE --input-tensor X.safetensors [--weights W] [--model NAME] [--budget-mb 256] [--time-budget MS] [--python-path DIR]... --dump OUT.safetensors
Reads PyTorch (.py), TensorFlow.js (.ts/.js) and Jupyter notebooks (.ipynb) without running them;
in a notebook, "cell 5:3" is the cell's 0-based index and the line in that cell.
preview/run compute feature maps with the detected layers (weights: .safetensors/.pt/.pth, default init otherwise).
--time-budget: how long one file's interpretation may take (default ${defaultTimeBudgetMs} ms); past it the result is partial.
--python-path: a folder where imported Python modules are looked for (repeatable), after the file's own folder and
before PYTHONPATH and the system's dist-packages/site-packages. Imported files are read, never run.`;

class UsageError extends Error {}

/** `--input` reads like the setting and the editor's input boxes (see analysis/shapeText.ts). */
function parseInputShape(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const shape = parseShapeText(text);
  if (!shape) throw new UsageError(`--input expects positive integers, 2 to 6 of them, batch first, e.g. 1,3,224,224 or 1x3x224x224 (got '${text}')`);
  return [...shape];
}

interface AnalyzedFile {
  readonly analysis: FileAnalysis;
  /** Loading the parser (wasm runtime and grammar): once per process, before the analysis. */
  readonly parserLoadMs: number;
  readonly timings: AnalysisTimings;
  /** For a notebook: where the program's lines sit in its cells. */
  readonly notebook?: NotebookProgram;
}

/** `--time-budget MS`: a positive number of milliseconds. */
function parseTimeBudget(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = Number(text);
  if (!(ms > 0) || !Number.isFinite(ms)) throw new UsageError(`--time-budget expects a positive number of milliseconds (got '${text}')`);
  return ms;
}

async function analyzeFile(file: string, input: number[] | undefined, timeBudgetMs: number | undefined, pythonPaths: readonly string[]): Promise<AnalyzedFile> {
  const model = await readModelSource(file);
  if (!model) throw new UsageError(`${file}: not a Python, TypeScript or JavaScript file, nor a Jupyter notebook`);
  for (const problem of model.problems) process.stderr.write(`${file}: note: ${problem}\n`);
  const { source, language } = model;
  const loading = performance.now();
  await loadParser(language);
  const parserLoadMs = performance.now() - loading;
  let timings: AnalysisTimings = { parseMs: 0, interpretMs: 0 };
  const analysis = await analyzeSource(source, language, {
    defaultInputShape: input,
    timeBudgetMs,
    // Python imports search the file's folder, --python-path, PYTHONPATH and the system's packages; TF.js follows local modules.
    imports: cliImportContext(file, pythonPaths),
    onTimings: (measured) => {
      timings = measured;
    },
  });
  const placed = model.notebook ? withNotebookInputSources(analysis, model.notebook) : analysis;
  return { analysis: placed, parserLoadMs, timings, notebook: model.notebook };
}

async function runAnalyze(files: string[], options: { input?: string; json?: boolean; time?: boolean; 'time-budget'?: string; 'python-path'?: string[] }): Promise<number> {
  if (files.length !== 1) throw new UsageError('analyze takes exactly one FILE');
  const [file] = files;
  const { analysis, parserLoadMs, timings, notebook } = await analyzeFile(
    file,
    parseInputShape(options.input),
    parseTimeBudget(options['time-budget']),
    options['python-path'] ?? [],
  );
  process.stdout.write(options.json ? jsonReportText(file, analysis, notebook) : `${renderTable(file, analysis, notebook)}\n`);
  if (options.time) {
    const total = timings.parseMs + timings.interpretMs;
    process.stderr.write(
      `analysed ${file} in ${total.toFixed(1)} ms (parse ${timings.parseMs.toFixed(1)} ms, interpretation ${timings.interpretMs.toFixed(1)} ms); ` +
        `loading the parser took ${parserLoadMs.toFixed(1)} ms before that\n`,
    );
  }
  return 0;
}

async function runCheck(files: string[], options: { json?: boolean; strict?: boolean; 'time-budget'?: string; 'python-path'?: string[] }): Promise<number> {
  if (files.length === 0) throw new UsageError('check takes at least one FILE');
  const timeBudgetMs = parseTimeBudget(options['time-budget']);
  let errors = 0;
  let checked = 0;
  let warnings = 0;
  let unreadable = 0;
  const reports: { file: string; diagnostics: ReturnType<typeof toJsonDiagnostic>[] }[] = [];
  for (const file of files) {
    try {
      const { analysis, notebook } = await analyzeFile(file, undefined, timeBudgetMs, options['python-path'] ?? []);
      checked += 1;
      errors += analysis.diagnostics.filter((finding) => finding.severity === 'error').length;
      warnings += analysis.diagnostics.filter((finding) => finding.severity === 'warning').length;
      if (options.json) reports.push({ file, diagnostics: analysis.diagnostics.map((finding) => toJsonDiagnostic(finding, notebook)) });
      else for (const finding of analysis.diagnostics) process.stdout.write(formatFinding(file, finding, notebook) + '\n');
    } catch (error) {
      if (!(error instanceof SourceFileError || error instanceof UsageError)) throw error;
      unreadable += 1;
      process.stderr.write(`conv-inspector: ${error.message}\n`);
    }
  }
  if (options.json) process.stdout.write(JSON.stringify(reports, null, 2) + '\n');
  else process.stdout.write(`${checked} file(s) checked, ${errors} error(s)${unreadable ? `, ${unreadable} file(s) not read` : ''}\n`);
  // Only errors fail a check: a warning is not a promise that the framework fails, unless --strict asks.
  return unreadable > 0 ? 2 : errors > 0 || (options.strict && warnings > 0) ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      input: { type: 'string' },
      json: { type: 'boolean' },
      strict: { type: 'boolean' },
      time: { type: 'boolean' },
      'time-budget': { type: 'string' },
      'python-path': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
      image: { type: 'string' },
      weights: { type: 'string' },
      model: { type: 'string' },
      out: { type: 'string' },
      'input-tensor': { type: 'string' },
      dump: { type: 'string' },
      'budget-mb': { type: 'string' },
    },
  });
  const [command, ...files] = positionals;
  if (values.help || !command) {
    process.stdout.write(usage + '\n');
    return values.help ? 0 : 2;
  }
  if (command === 'analyze') return runAnalyze(files, values);
  if (command === 'check') return runCheck(files, values);
  if (command === 'preview' || command === 'run') {
    const budgetMb = values['budget-mb'] === undefined ? undefined : Number(values['budget-mb']);
    if (budgetMb !== undefined && !(budgetMb > 0)) throw new UsageError(`--budget-mb expects a positive number of MB (got '${values['budget-mb']}')`);
    const shared = { weights: values.weights, model: values.model, budgetMb, pythonPaths: values['python-path'], timeBudgetMs: parseTimeBudget(values['time-budget']) };
    if (command === 'preview') return runPreview(files, { ...shared, image: values.image, out: values.out, input: parseInputShape(values.input) });
    return runDump(files, { ...shared, inputTensor: values['input-tensor'], dump: values.dump });
  }
  throw new UsageError(`unknown command '${command}'`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof SourceFileError || (error instanceof TypeError && 'code' in error);
    process.stderr.write(`conv-inspector: ${error instanceof Error ? error.message : String(error)}\n`);
    if (error instanceof UsageError) process.stderr.write(usage + '\n');
    if (!known && error instanceof Error && process.env.CONV_INSPECTOR_DEBUG) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 2;
  },
);
