/** What a cached answer is filed under: everything the answer of a cacheable endpoint depends on. */
export interface ResponseKey {
  endpoint: string
  envelope: string
  strict: boolean
  /** The authenticated caller; undefined for anonymous callers. */
  userId: string | undefined
  /** The request body as text, exactly as received. */
  body: string
}

export interface ResponseCacheLimits {
  /** Bytes of answers and keys held at most. */
  maxBytes: number
  /** Answers held at most. */
  maxEntries: number
}

/** 32 MiB and 256 answers: a few pages' chunks for a few users, nothing a caller can grow further. */
export const DEFAULT_RESPONSE_CACHE_LIMITS: ResponseCacheLimits = { maxBytes: 32 * 1024 * 1024, maxEntries: 256 }

/**
 * Encoded answers of read endpoints whose answer depends only on the body, the caller, the
 * request profile and the stored records. Each answer is filed under the records' generation
 * (RecordRepository.generation): the first lookup after any write finds a newer generation and
 * drops everything, so an answer is never served past a change. Keys name the caller, so one
 * user's answer is never another's. Bounded in bytes and entries, least recently used first out.
 */
export class ResponseCache {
  readonly #limits: ResponseCacheLimits
  /** key → answer; Map order is recency (a hit moves its entry to the end). */
  readonly #answers = new Map<string, Buffer>()
  #generation = -1
  #bytes = 0

  constructor(limits: ResponseCacheLimits = DEFAULT_RESPONSE_CACHE_LIMITS) {
    this.#limits = limits
  }

  /** Answers held, and their bytes with their keys (keys counted as 2 bytes a character). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.#answers.size, bytes: this.#bytes }
  }

  get(key: ResponseKey, generation: number): Buffer | undefined {
    if (generation !== this.#generation) {
      this.#reset(generation)
      return undefined
    }
    const text = keyText(key)
    const answer = this.#answers.get(text)
    if (answer === undefined) return undefined
    this.#answers.delete(text)
    this.#answers.set(text, answer)
    return answer
  }

  /** Files an answer computed entirely at `generation`; answers too big to be worth a slot are not kept. */
  set(key: ResponseKey, generation: number, answer: Buffer): void {
    if (generation !== this.#generation) this.#reset(generation)
    const text = keyText(key)
    const cost = costOf(text, answer)
    if (cost > this.#limits.maxBytes / 4) return
    this.#drop(text)
    this.#answers.set(text, answer)
    this.#bytes += cost
    for (const oldest of this.#answers.keys()) {
      if (this.#bytes <= this.#limits.maxBytes && this.#answers.size <= this.#limits.maxEntries) break
      this.#drop(oldest)
    }
  }

  #drop(text: string): void {
    const answer = this.#answers.get(text)
    if (answer === undefined) return
    this.#answers.delete(text)
    this.#bytes -= costOf(text, answer)
  }

  #reset(generation: number): void {
    this.#answers.clear()
    this.#bytes = 0
    this.#generation = generation
  }
}

/** Unambiguous: every field but the body is JSON, and the body comes last. */
function keyText(key: ResponseKey): string {
  return `${JSON.stringify([key.endpoint, key.envelope, key.strict, key.userId ?? null])}\n${key.body}`
}

function costOf(text: string, answer: Buffer): number {
  return text.length * 2 + answer.length
}
