/**
 * The fuzz harness: `npm run fuzz -- [--seconds N | --count N] [--seed S] [--out DIR]`.
 * Mutates the committed fixtures (Python and JS/TS model files, safetensors and `.pt`
 * weights, PNG/JPEG images, webview messages) with a seed, runs each input in a child
 * process with a heap limit and a time limit, and prints per target: crashes (exceptions
 * escaping), process aborts, hangs (over 5 s), slow inputs (over 2 s), internal errors the
 * analysis caught, and the memory peak. `--fail-on-crash` exits 1 on any crash or abort
 * (`npm run fuzz:ci`), and with `--fail-on-hang` on any hang too. `--out DIR` keeps every failing input for replay, and every input that hit a caught internal error.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { FuzzJob, FuzzResult, FuzzTarget } from './fuzzTypes';
import { mutateBytes, mutateMessage, mutateText, seededRandom } from './mutators';

const root = path.resolve(__dirname, '../..');
const hangMs = 5000;
const slowMs = 2000;
const heapLimitMb = 1024;
/** A child whose memory peak passes this is replaced, so each peak is measured afresh. */
const recycleRssMb = 600;

interface Seed {
  readonly target: FuzzTarget;
  readonly fileName: string;
  readonly bytes: Buffer;
}

function filesUnder(folder: string, pattern: RegExp, maxBytes: number): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const stats = statSync(full);
      if (stats.isDirectory()) walk(full);
      else if (pattern.test(name) && stats.size <= maxBytes) found.push(full);
    }
  };
  walk(path.join(root, folder));
  return found.sort();
}

const validMessages: Record<string, unknown>[] = [
  { type: 'ready' },
  { type: 'selectModel', modelIndex: 0 },
  { type: 'selectLayer', index: 2 },
  { type: 'setInputShape', text: '1,3,224,224' },
  { type: 'export', format: 'csv' },
  { type: 'exportPng', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' },
  { type: 'log', message: 'hello' },
];

function seeds(): Seed[] {
  const source = (target: FuzzTarget) => (file: string) => ({ target, fileName: path.basename(file), bytes: readFileSync(file) });
  const python = [
    ...filesUnder('examples', /\.py$/, 20_000),
    ...filesUnder('test/fixtures/pytorch/models', /\.py$/, 20_000),
    ...filesUnder('test/fixtures/keras', /\.py$/, 20_000),
  ];
  const scripts = filesUnder('test/fixtures/tfjs/models', /\.(ts|js)$/, 20_000);
  return [
    ...python.map(source('python')),
    ...scripts.map((file) => source(file.endsWith('.ts') ? 'typescript' : 'javascript')(file)),
    ...filesUnder('test/fixtures/weights', /\.(safetensors|pt)$/, 2_000_000).map(source('weights')),
    ...filesUnder('test/fixtures/kernels/images', /\.(png|jpe?g)$/, 2_000_000).map(source('image')),
    ...validMessages.map((message) => ({ target: 'message' as const, fileName: 'message.json', bytes: Buffer.from(JSON.stringify(message)) })),
  ];
}

function mutate(seed: Seed, random: () => number): Buffer {
  if (seed.target === 'weights' || seed.target === 'image') return Buffer.from(mutateBytes(seed.bytes, random));
  if (seed.target === 'message') {
    const message = JSON.parse(seed.bytes.toString('utf8')) as Record<string, unknown>;
    return Buffer.from(JSON.stringify(mutateMessage(message, random)) ?? 'null');
  }
  let text = seed.bytes.toString('utf8');
  for (let rounds = 1 + Math.floor(random() * 3); rounds > 0; rounds--) text = mutateText(text, seed.target === 'python' ? 'python' : 'script', random);
  return Buffer.from(text);
}

interface Row {
  inputs: number;
  crashes: number;
  aborts: number;
  hangs: number;
  slow: number;
  internal: number;
  refused: number;
  maxMs: number;
  peakMb: number;
}

class Child {
  private process: ChildProcess | undefined;
  private waiting: ((result: FuzzResult | 'abort') => void) | undefined;

  async start(): Promise<void> {
    const child = fork(path.join(__dirname, 'fuzzChild.ts'), [], {
      execArgv: ['--import', 'tsx', `--max-old-space-size=${heapLimitMb}`],
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    this.process = child;
    child.on('message', (result: FuzzResult) => this.waiting?.(result));
    child.on('exit', () => {
      if (this.process === child) this.process = undefined;
      this.waiting?.('abort');
    });
    await new Promise<void>((resolve) => {
      this.waiting = () => resolve();
    });
  }

  async run(job: FuzzJob): Promise<FuzzResult | 'abort' | 'hang'> {
    if (!this.process) await this.start();
    const child = this.process!;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // Forgotten before it is killed: its exit must not count as the next input's abort.
        this.waiting = undefined;
        this.process = undefined;
        child.removeAllListeners();
        child.kill('SIGKILL');
        resolve('hang');
      }, hangMs);
      this.waiting = (result) => {
        clearTimeout(timer);
        this.waiting = undefined;
        resolve(result);
      };
      child.send(job);
    });
  }

  stop(): void {
    this.process?.removeAllListeners();
    this.process?.kill('SIGKILL');
    this.process = undefined;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string' },
      count: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      'fail-on-crash': { type: 'boolean' },
      'fail-on-hang': { type: 'boolean' },
    },
  });
  const seconds = values.seconds === undefined ? (values.count === undefined ? 60 : Infinity) : Number(values.seconds);
  const count = values.count === undefined ? Infinity : Number(values.count);
  const seedValue = Number(values.seed ?? 1);
  const random = seededRandom(seedValue);
  const corpus = seeds();
  const rows = new Map<FuzzTarget, Row>();
  const failures: string[] = [];
  const internalErrors = new Map<string, number>();
  const child = new Child();
  const deadline = Date.now() + seconds * 1000;
  if (values.out) mkdirSync(values.out, { recursive: true });
  let id = 0;
  while (id < count && Date.now() < deadline) {
    const seed = corpus[Math.floor(random() * corpus.length)];
    const input = mutate(seed, random);
    const job: FuzzJob = { id: id++, target: seed.target, fileName: seed.fileName, data: input.toString('base64') };
    const result = await child.run(job);
    const row = rows.get(seed.target) ?? { inputs: 0, crashes: 0, aborts: 0, hangs: 0, slow: 0, internal: 0, refused: 0, maxMs: 0, peakMb: 0 };
    rows.set(seed.target, row);
    row.inputs += 1;
    let failure: string | undefined;
    if (result === 'abort' || result === 'hang') {
      if (result === 'abort') row.aborts += 1;
      else row.hangs += 1;
      failure = result;
    } else {
      if (result.outcome === 'crash') {
        row.crashes += 1;
        failure = `crash ${result.detail ?? ''}`;
      }
      if (result.outcome === 'refused') row.refused += 1;
      row.internal += result.internal ?? 0;
      if (result.outcome === 'ok' && result.detail) {
        internalErrors.set(result.detail, (internalErrors.get(result.detail) ?? 0) + 1);
        // Caught, but an interpreter bug all the same: keep the input to replay it.
        if (values.out) writeFileSync(path.join(values.out, `${job.id}-internal-${seed.fileName}`), input);
      }
      if (result.ms > slowMs) row.slow += 1;
      row.maxMs = Math.max(row.maxMs, result.ms);
      row.peakMb = Math.max(row.peakMb, result.maxRssMb);
      if (result.maxRssMb > recycleRssMb) child.stop();
    }
    if (failure) {
      failures.push(`#${job.id} ${seed.target} from ${seed.fileName}: ${failure}`);
      if (values.out) writeFileSync(path.join(values.out, `${job.id}-${seed.fileName}`), input);
    }
  }
  child.stop();
  printTable(rows, id, seedValue);
  for (const failure of failures.slice(0, 30)) console.log(failure);
  if (internalErrors.size > 0) console.log('internal errors caught by the analysis (most frequent first):');
  for (const [message, times] of [...internalErrors].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${times}x ${message}`);
  // A hang is a finding to report, but a time limit is at the mercy of the machine's load: only
  // crashes and aborts fail a run unless `--fail-on-hang` asks for hangs too.
  const bad = [...rows.values()].reduce((sum, row) => sum + row.crashes + row.aborts + (values['fail-on-hang'] ? row.hangs : 0), 0);
  return values['fail-on-crash'] && bad > 0 ? 1 : 0;
}

function printTable(rows: ReadonlyMap<FuzzTarget, Row>, total: number, seed: number): void {
  const header = ['target', 'inputs', 'crashes', 'aborts', 'hangs>5s', 'slow>2s', 'internal', 'refused', 'max ms', 'peak MB'];
  const lines = [...rows].map(([target, row]) =>
    [target, row.inputs, row.crashes, row.aborts, row.hangs, row.slow, row.internal, row.refused, Math.round(row.maxMs), Math.round(row.peakMb)].map(String),
  );
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (cells: readonly string[]): string => cells.map((cell, column) => cell.padStart(widths[column])).join('  ');
  console.log(`fuzz: ${total} inputs, seed ${seed}`);
  console.log(format(header));
  for (const line of lines) console.log(format(line));
}

void main().then((code) => {
  process.exitCode = code;
});
