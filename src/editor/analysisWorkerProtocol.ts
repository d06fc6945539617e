/** Messages between the extension host and the analysis worker (structured-clone friendly). */
import type { FileAnalysis, SourceLanguage } from '../engine/report';
import type { AnalyzeOptions } from '../analysis/analyzeSource';

export interface WorkerRequest {
  readonly id: number;
  readonly source: string;
  readonly language: SourceLanguage;
  readonly options: AnalyzeOptions;
}

export type WorkerReply =
  { readonly id: number; readonly analysis: FileAnalysis; readonly error?: undefined } | { readonly id: number; readonly error: string; readonly analysis?: undefined };
