import type { PipeLogger } from './pipeLog.js'

/** A running pipe or consumer: `ready` once it runs, `done` once it ends (rejects with why), `close()` to stop it. */
export interface RunningHandle {
  readonly ready: Promise<unknown>
  readonly done: Promise<unknown>
  close(): Promise<void>
}

/**
 * Runs `handle` until it ends or `signal` aborts, calling `tick` every 500 ms (the status line);
 * then closes it and ends the logger. Rejects with what ended the handle when it failed.
 */
export async function runUntilStopped(
  handle: RunningHandle,
  options: { signal?: AbortSignal | undefined; logger: PipeLogger; tick: () => void; onReady?: () => void },
): Promise<void> {
  const { signal, logger } = options
  const ticker = setInterval(options.tick, 500)
  ticker.unref()
  const stopped = new Promise<void>((resolve) => {
    if (signal?.aborted) resolve()
    signal?.addEventListener('abort', () => resolve(), { once: true })
  })
  try {
    await handle.ready
    options.onReady?.()
    await Promise.race([stopped, handle.done])
  } finally {
    clearInterval(ticker)
    await handle.close()
    logger.end()
  }
  await handle.done
}
