/** The messages between the fuzz harness and its child process. */

export type FuzzTarget = 'python' | 'typescript' | 'javascript' | 'weights' | 'image' | 'message';

/** ok: handled; refused: a reader's clear refusal; crash: an exception escaped. */
export type Outcome = 'ok' | 'refused' | 'crash';

export interface FuzzJob {
  readonly id: number;
  readonly target: FuzzTarget;
  readonly fileName: string;
  /** The input, base64. */
  readonly data: string;
}

export interface FuzzResult {
  readonly id: number;
  readonly outcome: Outcome;
  readonly detail?: string;
  /** Internal errors the analysis caught and reported as infos. */
  readonly internal?: number;
  readonly ms: number;
  /** The child's resident-memory peak so far, in MB. */
  readonly maxRssMb: number;
}
