import { createHash } from 'node:crypto'

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
  /**
   * An answer is filed once its request has missed this many times in one generation: a request
   * asked once is not worth copying and keeping (that costs a third of computing it).
   */
  admitAfterMisses: number
}

/** 32 MiB and 256 answers: a few pages' chunks for a few users, nothing a caller can grow further. */
export const DEFAULT_RESPONSE_CACHE_LIMITS: ResponseCacheLimits = { maxBytes: 32 * 1024 * 1024, maxEntries: 256, admitAfterMisses: 2 }

/** Requests whose misses are counted at most (by a digest of their key) before counting starts over. */
const MAX_COUNTED_MISSES = 4096

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
  /** Digest of a key → its misses in this generation. */
  readonly #misses = new Map<string, number>()
  #generation = -1
  #bytes = 0
  /** A key's text and digest, worked out once for the lookup and the filing of one request. */
  readonly #keys = new WeakMap<ResponseKey, { text: string; digest: string | undefined }>()

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
    const { text } = this.#keyOf(key)
    const answer = this.#answers.get(text)
    if (answer === undefined) {
      if (this.#misses.size >= MAX_COUNTED_MISSES) this.#misses.clear()
      const digest = this.#digest(key)
      this.#misses.set(digest, (this.#misses.get(digest) ?? 0) + 1)
      return undefined
    }
    this.#answers.delete(text)
    this.#answers.set(text, answer)
    return answer
  }

  /**
   * Files an answer computed entirely at `generation`, if its request has missed often enough
   * (`admitAfterMisses`); answers too big to be worth a slot are not kept.
   */
  set(key: ResponseKey, generation: number, answer: Buffer): void {
    if (generation !== this.#generation) this.#reset(generation)
    const { text } = this.#keyOf(key)
    const cost = costOf(text, answer)
    if (cost > this.#limits.maxBytes / 4) return
    if (this.#limits.admitAfterMisses > 0 && (this.#misses.get(this.#digest(key)) ?? 0) < this.#limits.admitAfterMisses) return
    this.#drop(text)
    this.#answers.set(text, answer)
    this.#bytes += cost
    for (const oldest of this.#answers.keys()) {
      if (this.#bytes <= this.#limits.maxBytes && this.#answers.size <= this.#limits.maxEntries) break
      this.#drop(oldest)
    }
  }

  #keyOf(key: ResponseKey): { text: string; digest: string | undefined } {
    let known = this.#keys.get(key)
    if (known === undefined) this.#keys.set(key, (known = { text: keyText(key), digest: undefined }))
    return known
  }

  #digest(key: ResponseKey): string {
    const known = this.#keyOf(key)
    return (known.digest ??= digestOf(known.text))
  }

  #drop(text: string): void {
    const answer = this.#answers.get(text)
    if (answer === undefined) return
    this.#answers.delete(text)
    this.#bytes -= costOf(text, answer)
  }

  #reset(generation: number): void {
    this.#answers.clear()
    this.#misses.clear()
    this.#bytes = 0
    this.#generation = generation
  }
}

/** Unambiguous: every field but the body is JSON, and the body comes last. */
function keyText(key: ResponseKey): string {
  return `${JSON.stringify([key.endpoint, key.envelope, key.strict, key.userId ?? null])}\n${key.body}`
}

/** Short and fixed-size: counting misses of long bodies costs no more memory than of short ones. */
function digestOf(text: string): string {
  return createHash('sha1').update(text).digest('base64')
}

function costOf(text: string, answer: Buffer): number {
  return text.length * 2 + answer.length
}
