import type { PipeEvent } from './pipeEvent.js'

/** What a sink may tell the pipe while it delivers (for `stats$` and logs). */
export interface SinkContext {
  /** Aborted when the pipe closes: stop waiting and throw. */
  signal: AbortSignal
  /** A delivery attempt failed and will be retried (`attempt` counts from 1). */
  retrying(attempt: number, reason: string, delayMs: number): void
  /** Events given up on after the sink's retries and written to its dead letter. */
  deadLettered(events: readonly PipeEvent[], reason: string): void
}

/**
 * Any function can be a sink: it gets events in order (one per record per batch) and resolves once
 * they are safely delivered; the pipe then checkpoints them. A throw makes the pipe retry the batch
 * with backoff, so nothing is dropped.
 */
export type SinkFunction = (events: readonly PipeEvent[], context: SinkContext) => Promise<void> | void

/** A sink with resources to release. */
export interface PipeSink {
  /** Shown in logs, e.g. `webhook https://example.com/hook`. */
  readonly name: string
  deliver: SinkFunction
  close?(): Promise<void>
}

export type Sink = SinkFunction | PipeSink

export function toPipeSink(sink: Sink): PipeSink {
  return typeof sink === 'function' ? { name: sink.name || 'function', deliver: sink } : sink
}
