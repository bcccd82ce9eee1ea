import { open, type FileHandle } from 'node:fs/promises'
import type { Writable } from 'node:stream'
import { PipeError } from '../pipeError.js'
import type { PipeEvent } from '../pipeEvent.js'
import type { PipeSink } from '../sink.js'

export interface NdjsonSinkOptions {
  /** A file to append to (created with mode 0600), or a stream. @default process.stdout */
  to?: string | Writable
}

/** One event per line; a file is synced before a batch counts as delivered. A closed reader (EPIPE: `| head` exited) ends the pipe cleanly (`sink_closed`). */
export function ndjsonSink(options: NdjsonSinkOptions = {}): PipeSink {
  const target = options.to ?? process.stdout
  const lines = (events: readonly PipeEvent[]) => events.map((event) => `${JSON.stringify(event)}\n`).join('')
  if (typeof target === 'string') {
    let file: Promise<FileHandle> | undefined
    return {
      name: `ndjson ${target}`,
      async deliver(events) {
        file ??= open(target, 'a', 0o600)
        const handle = await file
        await handle.write(lines(events))
        // Confirmed means on disk: the checkpoint that follows must not get ahead of the file.
        await handle.datasync()
      },
      async close() {
        if (file) await (await file).close()
      },
    }
  }
  let broken: Error | undefined
  const onError = (error: Error) => (broken = error)
  target.on('error', onError)
  return {
    name: target === process.stdout ? 'ndjson stdout' : 'ndjson stream',
    deliver(events) {
      return new Promise<void>((resolve, reject) => {
        const fail = (error: Error | null | undefined) => {
          const reason = error ?? broken
          if (!reason) return false
          const code = (reason as NodeJS.ErrnoException).code
          reject(code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' ? new PipeError('sink_closed', 'the reader of the output went away (EPIPE)', { cause: reason }) : reason)
          return true
        }
        if (fail(undefined)) return
        target.write(lines(events), (error) => {
          if (!fail(error)) resolve()
        })
      })
    },
    async close() {
      target.off('error', onError)
    },
  }
}
