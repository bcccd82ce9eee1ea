/** Why a pipe could not start or go on. `usage` codes are the caller's input (the CLI exits 2 for them). */
export const PIPE_ERROR_CODES = [
  'invalid_target',
  'invalid_source',
  'invalid_option',
  'checkpoint_unreadable',
  'sink_unreachable',
  'sink_failed',
  'sink_closed',
] as const
export type PipeErrorCode = (typeof PIPE_ERROR_CODES)[number]

const USAGE_CODES: ReadonlySet<PipeErrorCode> = new Set(['invalid_target', 'invalid_source', 'invalid_option'])

/**
 * A pipe's typed error: what went wrong, where, and what to do, in one line. A sink that throws one
 * stops the pipe (`sink_closed`: the reader went away, e.g. EPIPE); any other error is retried.
 */
export class PipeError extends Error {
  override readonly name = 'PipeError'
  readonly code: PipeErrorCode

  constructor(code: PipeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
  }

  /** Whether the caller's input is at fault (a bad URL, an unknown sink scheme) rather than the world. */
  get isUsage(): boolean {
    return USAGE_CODES.has(this.code)
  }

  static isPipeError(error: unknown): error is PipeError {
    return error instanceof PipeError
  }
}
