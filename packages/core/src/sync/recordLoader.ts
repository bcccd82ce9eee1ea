import type { RecordPointer } from '@notion-rx/protocol'
import type { RecordStore } from '../store/recordStore.js'
import { recordKey, type RecordKey } from '../store/snapshot.js'
import type { RecordFetcher, VersionedPointer } from './recordFetcher.js'

export interface RecordLoaderOptions {
  store: RecordStore
  fetcher: RecordFetcher
  /** When a batch closes; tests inject their own. @default setImmediate */
  schedule?: (flush: () => void) => void
}

interface PendingBatch {
  pointers: Map<RecordKey, VersionedPointer>
  done: Promise<void>
  start: () => void
}

/**
 * Loads records into the store: requests of one tick are merged into one fetch, and a record
 * already being fetched is not asked for twice. `load` skips what the store holds; `refresh`
 * fetches anyway, sending the held version so the server can leave out what did not change.
 */
export class RecordLoader {
  readonly #options: RecordLoaderOptions
  readonly #inFlight = new Map<RecordKey, Promise<void>>()
  #pending: PendingBatch | undefined

  constructor(options: RecordLoaderOptions) {
    this.#options = options
  }

  /** Fetches the records the store does not hold yet. */
  load(pointers: readonly RecordPointer[]): Promise<void> {
    const { store } = this.#options
    return this.#request(pointers.filter(({ table, id }) => store.get(table, id) === undefined), false)
  }

  /**
   * Fetches the records again, whole (no versions sent): what permissions allow now replaces what
   * the store holds, even at the same version (after switching accounts).
   */
  reload(pointers: readonly RecordPointer[]): Promise<void> {
    return this.#request(pointers, false)
  }

  /** Fetches the records again (version-aware: only newer versions change the store). */
  refresh(pointers: readonly RecordPointer[]): Promise<void> {
    return this.#request(pointers, true)
  }

  #request(pointers: readonly RecordPointer[], withVersions: boolean): Promise<void> {
    const waits: Promise<void>[] = []
    for (const pointer of pointers) {
      const key = recordKey(pointer.table, pointer.id)
      const inFlight = this.#inFlight.get(key)
      if (inFlight && !withVersions) {
        waits.push(inFlight)
        continue
      }
      const batch = (this.#pending ??= this.#newBatch())
      if (!batch.pointers.has(key)) {
        const held = withVersions ? this.#options.store.getConfirmed(pointer.table, pointer.id)?.version : undefined
        batch.pointers.set(key, { ...pointer, ...(held !== undefined && held >= 0 ? { version: held } : {}) })
        this.#inFlight.set(key, batch.done)
      }
      waits.push(batch.done)
    }
    return Promise.all(new Set(waits)).then(() => undefined)
  }

  #newBatch(): PendingBatch {
    let start!: () => void
    const batch: PendingBatch = {
      pointers: new Map(),
      done: new Promise<void>((resolve, reject) => {
        start = () => {
          this.#pending = undefined
          const { store, fetcher } = this.#options
          fetcher
            .fetch([...batch.pointers.values()])
            .then((records) => store.dispatch({ type: 'recordsLoaded', records, origin: 'refresh' }))
            .then(() => resolve(), reject)
            .finally(() => {
              for (const key of batch.pointers.keys()) if (this.#inFlight.get(key) === batch.done) this.#inFlight.delete(key)
            })
        }
      }),
      start: () => start(),
    }
    // Unobserved failures are still reported to the callers that await this batch.
    batch.done.catch(() => {})
    const schedule = this.#options.schedule ?? ((flush: () => void) => void setImmediate(flush))
    schedule(() => batch.start())
    return batch
  }
}
