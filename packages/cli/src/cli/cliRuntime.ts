import { CommanderError } from 'commander'
import { EXIT_CODES, EXIT_INTERRUPTED } from './exitCodes.js'
import { UsageError } from './usageError.js'

/** The streams a run writes to; tests of the runtime pass their own. */
export interface CliStreams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean }
  stderr: NodeJS.WritableStream & { isTTY?: boolean }
}

/**
 * What every command shares: where output goes, when to stop, and how the process ends.
 * - stdout closing early (`notion-rx demo | head -4`) is an ordinary end: the run is asked to
 *   stop, its cleanup runs (temp folders, connections), and the process exits 0, without a stack.
 * - Ctrl-C / SIGTERM ask the run to stop the same way; a second one exits at once (130).
 * - Errors print one line (typed errors say what to do; a stack would hide it): exit 1, or 2 for
 *   usage errors.
 */
export class CliRuntime {
  readonly name: string
  readonly #streams: CliStreams
  readonly #controller = new AbortController()
  #stdoutClosed = false
  #signalsInstalled = false

  constructor(name: string, streams: CliStreams = { stdout: process.stdout, stderr: process.stderr }) {
    this.name = name
    this.#streams = streams
    streams.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') this.fail(error)
      this.#stdoutClosed = true
      this.#controller.abort()
    })
  }

  /** Aborted when the run should stop: stdout closed, or (after `untilInterrupted`) Ctrl-C / SIGTERM. */
  get signal(): AbortSignal {
    return this.#controller.signal
  }

  /** The signal, with Ctrl-C and SIGTERM aborting it: for commands that run until stopped. */
  untilInterrupted(): AbortSignal {
    if (!this.#signalsInstalled) {
      this.#signalsInstalled = true
      const stop = () => {
        if (this.#controller.signal.aborted) process.exit(EXIT_INTERRUPTED)
        this.#controller.abort()
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    }
    return this.#controller.signal
  }

  /** Whether stderr is a terminal (progress is shown only then). */
  get stderr(): CliStreams['stderr'] {
    return this.#streams.stderr
  }

  /** A line on stdout; dropped once the reader has gone. */
  readonly print = (line: string): void => {
    this.write(`${line}\n`)
  }

  /** Text on stdout as it is; dropped once the reader has gone. */
  readonly write = (text: string): void => {
    if (this.#stdoutClosed) return
    this.#streams.stdout.write(text)
  }

  /** A line on stderr (notes, status). */
  readonly log = (line: string): void => {
    this.#streams.stderr.write(`${line}\n`)
  }

  /** Runs a command's work and ends the process: 0 when it finished (or stdout closed), else `fail`. */
  async run(work: () => Promise<unknown>): Promise<never> {
    try {
      await work()
    } catch (error) {
      await this.#drainStdout()
      this.fail(error)
    }
    // A pipe takes large writes in several goes: exiting before they are out would cut the output.
    await this.#drainStdout()
    return process.exit(EXIT_CODES.ok)
  }

  #drainStdout(): Promise<void> {
    if (this.#stdoutClosed) return Promise.resolve()
    return new Promise((resolve) => {
      this.#controller.signal.addEventListener('abort', () => resolve(), { once: true })
      this.#streams.stdout.write('', () => resolve())
    })
  }

  /** Prints one line for the error and exits 1 (2 for usage errors). */
  fail(error: unknown): never {
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage)
    const message = error instanceof Error ? error.message : String(error)
    this.#streams.stderr.write(`${this.name}: ${message}\n`)
    return process.exit(error instanceof UsageError ? EXIT_CODES.usage : EXIT_CODES.failure)
  }
}
