/**
 * The fuzz harness's child process: runs one input at a time through its target (the
 * analysis, a weight reader, the image decoder, the webview message guard) and answers with
 * the outcome, the time it took and the process's memory peak so far. It runs with a heap
 * limit; the parent kills it on a hang and counts an exit as a process abort.
 */
import { analyzeSource } from '../../src/analysis/analyzeSource';
import { decodeImage } from '../../src/engine/image/decodeImage';
import { readWeightFile } from '../../src/engine/weights/weightFile';
import { describeRejected, parseFromPanel } from '../../src/protocol';
import type { FuzzJob, FuzzResult, Outcome } from './fuzzTypes';

/** A refusal with a message is the readers' contract for bad input; anything else is a crash. */
const refusals = new Set(['WeightFileError', 'ImageError']);

async function runJob(job: FuzzJob): Promise<{ outcome: Outcome; detail?: string; internal?: number }> {
  const bytes = Buffer.from(job.data, 'base64');
  try {
    switch (job.target) {
      case 'python':
      case 'typescript':
      case 'javascript': {
        const analysis = await analyzeSource(bytes.toString('utf8'), job.target);
        const internal = analysis.diagnostics.filter((finding) => finding.code === 'internal' || /could not interpret/.test(finding.message));
        return { outcome: 'ok', internal: internal.length, detail: internal[0]?.message.slice(0, 200) };
      }
      case 'weights':
        readWeightFile(new Uint8Array(bytes), job.fileName);
        return { outcome: 'ok' };
      case 'image':
        decodeImage(new Uint8Array(bytes), job.fileName);
        return { outcome: 'ok' };
      case 'message': {
        const message: unknown = JSON.parse(bytes.toString('utf8'));
        if (parseFromPanel(message) === undefined) describeRejected(message);
        return { outcome: 'ok' };
      }
    }
  } catch (error) {
    const name = error instanceof Error ? error.constructor.name : typeof error;
    const text = error instanceof Error ? `${name}: ${error.message}` : String(error);
    return { outcome: refusals.has(name) ? 'refused' : 'crash', detail: text.slice(0, 300) };
  }
}

process.on('message', (job: FuzzJob) => {
  const started = performance.now();
  void runJob(job).then((result) => {
    const reply: FuzzResult = { id: job.id, ...result, ms: performance.now() - started, maxRssMb: process.resourceUsage().maxRSS / 1024 };
    process.send?.(reply);
  });
});
process.send?.({ id: -1, outcome: 'ok', ms: 0, maxRssMb: 0 } satisfies FuzzResult);
