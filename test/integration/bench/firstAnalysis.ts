// The editor's first analysis of a 3,000-line file, measured inside a real VS Code extension
// host (code-server): from the moment the extension hears of the opened file to its analysis
// being published (onDidAnalyze), which is when hints, diagnostics and the status bar
// update; and, for comparison, how long VS Code takes to open and show the file. Run by
// tools/bench/editorBench.mjs (`npm run bench:editor`), one fresh VS Code per run.
//
// As a user would: the extension activates on a small Python file, the editor then sits
// idle (BENCH_IDLE_MS) and the big file opens. Figures go to the JSON file named by
// CONV_INSPECTOR_TEST_RESULT, because the runner cannot see this host's stdout.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { ConvInspectorApi } from '../../../src/editor/editorFeatures';
import { extensionId } from '../suite/editorSupport';

/** Times of one opened file, from the call that opens it. */
interface OpenedFile {
  readonly models: number;
  /** openTextDocument resolved (VS Code made the document). */
  readonly openMs: number;
  /** showTextDocument resolved (the editor shows it). */
  readonly shownMs: number;
  /** The analysis was published (compare with shownMs: were the hints there first?). */
  readonly publishedMs: number;
  /** The extension heard of the document (onDidOpenTextDocument) -> its analysis published. */
  readonly eventToPublishedMs: number;
}

/** What one run writes: the big file's times, after `idleMs` of quiet. */
export interface FirstAnalysisFigure extends OpenedFile {
  readonly idleMs: number;
  readonly lines: number;
}

async function openAndWaitForAnalysis(api: ConvInspectorApi, content: string): Promise<OpenedFile> {
  const started = performance.now();
  let opened: vscode.TextDocument | undefined;
  let openEventAt = 0;
  let publishedAt = 0;
  const openListener = vscode.workspace.onDidOpenTextDocument((document) => {
    if (opened || document.getText() !== content) return;
    opened = document;
    openEventAt = performance.now();
  });
  const published = new Promise<number>((resolve) => {
    const listener = api.onDidAnalyze(({ document, analysis }) => {
      if (document !== opened || !analysis) return;
      publishedAt = performance.now();
      listener.dispose();
      resolve(analysis.models.length);
    });
  });
  const document = await vscode.workspace.openTextDocument({ language: 'python', content });
  const openMs = performance.now() - started;
  await vscode.window.showTextDocument(document);
  const shownMs = performance.now() - started;
  const models = await published;
  openListener.dispose();
  return { models, openMs, shownMs, publishedMs: publishedAt - started, eventToPublishedMs: publishedAt - openEventAt };
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<ConvInspectorApi>(extensionId);
  if (!extension) throw new Error(`${extensionId} is not installed`);
  const api = await extension.activate();
  const read = (file: string): string => readFileSync(path.join(extension.extensionPath, file), 'utf8');
  const idleMs = Number(process.env.BENCH_IDLE_MS ?? 2000);
  const small = await openAndWaitForAnalysis(api, read('examples/resnet_block.py'));
  if (small.models === 0) throw new Error('the small file gave no models');
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  const bigSource = read('test/fixtures/pytorch/big3000.py');
  const big = await openAndWaitForAnalysis(api, bigSource);
  const figure: FirstAnalysisFigure = { ...big, idleMs, lines: bigSource.split('\n').length };
  writeFileSync(process.env.CONV_INSPECTOR_TEST_RESULT ?? 'first-analysis.json', JSON.stringify(figure));
}
