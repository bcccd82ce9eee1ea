/**
 * Faults the emulator can inject, by option or at run time (`emu.setFaults`). Rates are
 * probabilities from 0 to 1 drawn per request. Reliability tests of the SDK rely on these.
 */
export interface FaultOptions {
  /** Added latency before each API response, in ms (a number, or a [min, max] range). */
  latencyMs?: number | [number, number]
  /** Share of API requests answered with a 5xx (`status5xx`, default 503). */
  errorRate?: number
  status5xx?: 500 | 502 | 503 | 504
  /** Share of API requests answered with 429 UserRateLimitResponse. */
  rateLimitRate?: number
  /** Seconds sent as `Retry-After` and `clientData.retryAfter` with 429s; omit for none (as the edge often does). */
  retryAfterSeconds?: number
  /** Share of API requests whose connection is destroyed without an answer. */
  dropRate?: number
  /**
   * Share of API requests handled in full (a write is committed) whose answer is then lost: the
   * connection is destroyed instead. The client sees a network error for a write that happened.
   */
  loseAnswerRate?: number
  /** Share of API requests that never answer until the client gives up (or `stallMs` passes). */
  stallRate?: number
  stallMs?: number
  /** Reject every write with the real `unsaved_transactions` body. */
  rejectWrites?: boolean
  /** Message store: close every live connection now and then (ms between disconnects). */
  messageStoreDisconnectEveryMs?: number
  /** Message store: refuse new connections. */
  messageStoreDown?: boolean
  /** Message store: hold notifications back for this many ms (a stalled stream). */
  messageStoreStallMs?: number
}

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'drop' }
  | { kind: 'stall'; ms: number }
  | { kind: 'error'; status: number }
  | { kind: 'rateLimit'; retryAfterSeconds: number | undefined }

/** Holds the current faults and draws a decision per request. `random` is injectable for tests. */
export class FaultInjector {
  #faults: FaultOptions = {}

  private readonly random: () => number

  constructor(initial: FaultOptions = {}, random: () => number = Math.random) {
    this.random = random
    this.set(initial)
  }

  get current(): Readonly<FaultOptions> {
    return this.#faults
  }

  set(faults: FaultOptions): void {
    for (const key of ['errorRate', 'rateLimitRate', 'dropRate', 'stallRate', 'loseAnswerRate'] as const) {
      const rate = faults[key]
      if (rate !== undefined && !(rate >= 0 && rate <= 1)) {
        throw new RangeError(`setFaults: ${key} must be between 0 and 1, got ${String(rate)}`)
      }
    }
    this.#faults = { ...faults }
  }

  latency(): number {
    const latency = this.#faults.latencyMs
    if (latency === undefined) return 0
    if (typeof latency === 'number') return latency
    const [min, max] = latency
    return min + this.random() * (max - min)
  }

  /** Drawn after a request was handled: whether its answer is lost (`loseAnswerRate`). */
  loseAnswer(): boolean {
    const rate = this.#faults.loseAnswerRate
    return rate !== undefined && rate > 0 && this.random() < rate
  }

  decide(): FaultDecision {
    const f = this.#faults
    if (f.dropRate && this.random() < f.dropRate) return { kind: 'drop' }
    if (f.stallRate && this.random() < f.stallRate) return { kind: 'stall', ms: f.stallMs ?? 60_000 }
    if (f.errorRate && this.random() < f.errorRate) return { kind: 'error', status: f.status5xx ?? 503 }
    if (f.rateLimitRate && this.random() < f.rateLimitRate) {
      return { kind: 'rateLimit', retryAfterSeconds: f.retryAfterSeconds }
    }
    return { kind: 'none' }
  }
}
