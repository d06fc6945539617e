/** Messages between the extension host and the analysis worker (structured-clone friendly). */
import type { FileAnalysis, SourceLanguage } from '../engine/report';
import type { EditorAnalyzeOptions } from '../pythonEnvironment/importRequest';

export interface WorkerRequest {
  readonly id: number;
  readonly source: string;
  readonly language: SourceLanguage;
  readonly options: EditorAnalyzeOptions;
}

export type WorkerReply =
  { readonly id: number; readonly analysis: FileAnalysis; readonly error?: undefined } | { readonly id: number; readonly error: string; readonly analysis?: undefined };

/** The worker's first message: it listens (a host where it cannot start never sends it). */
export interface WorkerReady {
  readonly ready: true;
}

/** Settings the worker gets at start (workerData for a thread, a JSON argument for a child process). */
export interface WorkerSettings {
  /** Whether the idle worker warms up after its first request; default true. */
  readonly warmUp?: boolean;
}
