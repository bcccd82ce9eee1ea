/** The part of a stream a progress line needs. */
export interface ProgressStream {
  isTTY?: boolean
  write(text: string): unknown
}

/** At most this often, so a fast loop does not flood the terminal. */
const MIN_INTERVAL_MS = 100

/**
 * One line on stderr rewritten in place ("loading: 1200 blocks"), only when stderr is a terminal:
 * piped or redirected output never gets progress noise. `done()` ends the line.
 */
export class ProgressLine {
  readonly #stream: ProgressStream
  readonly #enabled: boolean
  #last = 0
  #shown = false

  constructor(stream: ProgressStream = process.stderr) {
    this.#stream = stream
    this.#enabled = stream.isTTY === true
  }

  update(text: string, force = false): void {
    if (!this.#enabled) return
    const now = Date.now()
    if (!force && now - this.#last < MIN_INTERVAL_MS) return
    this.#last = now
    this.#shown = true
    this.#stream.write(`\r${text}\x1b[K`)
  }

  /** Leaves the last text (or `text`) on its line; nothing when nothing was shown. */
  done(text?: string): void {
    if (!this.#enabled) return
    if (text !== undefined) this.update(text, true)
    if (this.#shown) this.#stream.write('\n')
    this.#shown = false
  }
}
