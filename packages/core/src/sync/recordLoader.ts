import type { RecordPointer } from '@notion-rx/protocol'
import type { NotifyManager } from '../store/notifyManager.js'
import type { RecordStore } from '../store/recordStore.js'
import { recordKey, type RecordKey } from '../store/snapshot.js'
import { abortable } from './abortable.js'
import type { RecordFetcher, VersionedPointer } from './recordFetcher.js'

export interface RecordLoaderOptions {
  store: RecordStore
  fetcher: RecordFetcher
  /** Sends each tick's batch (on its next turn). @default the store's notify manager */
  notifyManager?: NotifyManager | undefined
}

interface PendingBatch {
  pointers: Map<RecordKey, VersionedPointer>
  done: Promise<void>
  start: () => void
  /** Aborts the batch's request: only when every caller waiting for it has aborted. */
  controller: AbortController
  /** Callers still waiting (one without a signal never stops waiting). */
  waiting: number
}

/**
 * Loads records into the store: requests of one tick are merged into one fetch, and a record
 * already being fetched is not asked for twice. `load` skips what the store holds; `refresh`
 * fetches anyway, sending the held version so the server can leave out what did not change.
 * A caller's `signal` rejects its own call at once; the shared request is aborted only when
 * every caller waiting for it has aborted.
 */
export class RecordLoader {
  readonly #options: RecordLoaderOptions
  readonly #inFlight = new Map<RecordKey, PendingBatch>()
  #pending: PendingBatch | undefined

  constructor(options: RecordLoaderOptions) {
    this.#options = options
  }

  /** Fetches the records the store does not hold yet. */
  load(pointers: readonly RecordPointer[], signal?: AbortSignal): Promise<void> {
    const { store } = this.#options
    return this.#request(pointers.filter(({ table, id }) => store.get(table, id) === undefined), false, signal)
  }

  /**
   * Fetches the records again, whole (no versions sent): what permissions allow now replaces what
   * the store holds, even at the same version (after switching accounts).
   */
  reload(pointers: readonly RecordPointer[], signal?: AbortSignal): Promise<void> {
    return this.#request(pointers, false, signal)
  }

  /** Fetches the records again (version-aware: only newer versions change the store). */
  refresh(pointers: readonly RecordPointer[], signal?: AbortSignal): Promise<void> {
    return this.#request(pointers, true, signal)
  }

  #request(pointers: readonly RecordPointer[], withVersions: boolean, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as unknown)
    const batches = new Set<PendingBatch>()
    for (const pointer of pointers) {
      const key = recordKey(pointer.table, pointer.id)
      const inFlight = this.#inFlight.get(key)
      if (inFlight && !withVersions) {
        batches.add(inFlight)
        continue
      }
      const batch = (this.#pending ??= this.#newBatch())
      if (!batch.pointers.has(key)) {
        const held = withVersions ? this.#options.store.getConfirmed(pointer.table, pointer.id)?.version : undefined
        batch.pointers.set(key, { ...pointer, ...(held !== undefined && held >= 0 ? { version: held } : {}) })
        this.#inFlight.set(key, batch)
      }
      batches.add(batch)
    }
    for (const batch of batches) this.#wait(batch, signal)
    return abortable(Promise.all([...batches].map((batch) => batch.done)).then(() => undefined), signal)
  }

  /** Counts a caller waiting for `batch`; when the last one aborts, so does the batch's request. */
  #wait(batch: PendingBatch, signal: AbortSignal | undefined): void {
    batch.waiting++
    if (!signal) return
    const onAbort = () => {
      if (--batch.waiting === 0) batch.controller.abort(signal.reason)
    }
    signal.addEventListener('abort', onAbort, { once: true })
    const forget = () => signal.removeEventListener('abort', onAbort)
    batch.done.then(forget, forget)
  }

  #newBatch(): PendingBatch {
    let start!: () => void
    const controller = new AbortController()
    const batch: PendingBatch = {
      pointers: new Map(),
      controller,
      waiting: 0,
      done: new Promise<void>((resolve, reject) => {
        start = () => {
          this.#pending = undefined
          const { store, fetcher } = this.#options
          fetcher
            .fetch([...batch.pointers.values()], controller.signal)
            .then((records) => store.dispatch({ type: 'recordsLoaded', records, origin: 'refresh' }))
            .then(() => resolve(), reject)
            .finally(() => {
              for (const key of batch.pointers.keys()) if (this.#inFlight.get(key) === batch) this.#inFlight.delete(key)
            })
        }
      }),
      start: () => start(),
    }
    // Unobserved failures are still reported to the callers that await this batch.
    batch.done.catch(() => {})
    const { notifyManager = this.#options.store.notifyManager } = this.#options
    notifyManager.schedule(() => batch.start())
    return batch
  }
}
