import type { KeyValueStore, NotionClient, RecordValue } from '@notion-rx/core'
import type { CheckpointEntry, CheckpointState, CheckpointStore } from './checkpointStore.js'
import { PipeError } from './pipeError.js'

export interface CacheCheckpointOptions {
  /** A client opened with the `cache` option: its file's key/value area holds the checkpoint. */
  client: NotionClient
  /** Several pipes may share a cache file: each keeps its own namespace (`pipe:<name>`). @default 'default' */
  pipe?: string
}

/** One key per record: `done:` what the sink confirmed, `sending:` the batch in flight; `meta:initialized` once saved. */
interface StoredEntry {
  version: number
  value?: RecordValue
  snapshot?: true
}

const DONE = 'done:'
const SENDING = 'sending:'
const INITIALIZED = 'meta:initialized'

/**
 * Checkpoints in the client's record cache (`new NotionClient({ cache })`), next to the records
 * they mirror: the cache file's key/value area, in the account's partition (another account on
 * the same file never reads them). `begin` and `save` are each ONE SQLite transaction, committed
 * when they resolve: a pipe killed at any moment (kill -9 included) resumes from the last one.
 * The cache file runs SQLite's WAL with `synchronous = NORMAL`, so unlike `SqliteCheckpointStore`
 * (`FULL`) a power cut may lose the last few saves: the pipe then re-sends those events.
 */
export class CacheCheckpointStore implements CheckpointStore {
  readonly #client: NotionClient
  readonly #namespace: string
  #kv: KeyValueStore<StoredEntry | string> | undefined

  constructor(options: CacheCheckpointOptions) {
    const pipe = options.pipe ?? 'default'
    if (!options.client.cache) throw new PipeError('invalid_option', 'checkpoints in the cache need a client opened with the cache option (new NotionClient({ cache: path }))')
    if (pipe.length === 0 || pipe.length > 100) throw new PipeError('invalid_option', `a pipe name has 1 to 100 characters, got ${JSON.stringify(pipe)}`)
    this.#client = options.client
    this.#namespace = `pipe:${pipe}`
  }

  async #store(): Promise<KeyValueStore<StoredEntry | string>> {
    this.#kv ??= await this.#client.keyValues<StoredEntry | string>(this.#namespace)
    return this.#kv
  }

  async load(): Promise<CheckpointState> {
    const kv = await this.#store()
    try {
      const initialized = kv.get(INITIALIZED) !== undefined
      const entries = kv.entries(DONE).map(([key, stored]) => toEntry(key.slice(DONE.length), stored))
      if (!initialized && entries.length > 0) throw new Error('records without the marker that says the checkpoint was written')
      return { initialized, entries, inFlight: kv.entries(SENDING).map(([key, stored]) => toEntry(key.slice(SENDING.length), stored)) }
    } catch (error) {
      throw unreadable(this.#client.cache?.path ?? 'the cache', this.#namespace, error)
    }
  }

  async begin(entries: readonly CheckpointEntry[]): Promise<void> {
    const kv = await this.#store()
    kv.batch(() => {
      clearSending(kv)
      for (const entry of entries) kv.set(SENDING + keyOf(entry), stored(entry, entry.snapshot === true))
    })
  }

  async save(entries: readonly CheckpointEntry[]): Promise<void> {
    const kv = await this.#store()
    kv.batch(() => {
      clearSending(kv)
      kv.set(INITIALIZED, new Date().toISOString())
      for (const entry of entries) kv.set(DONE + keyOf(entry), stored(entry, false))
    })
  }

  /** The client (and its cache file) belong to the caller: nothing to close here. */
  async close(): Promise<void> {}
}

function keyOf(entry: CheckpointEntry): string {
  return `${entry.table}:${entry.id}`
}

function stored(entry: CheckpointEntry, snapshot: boolean): StoredEntry {
  return { version: entry.version, ...(entry.value !== undefined ? { value: entry.value } : {}), ...(snapshot ? { snapshot: true as const } : {}) }
}

function clearSending(kv: KeyValueStore<StoredEntry | string>): void {
  for (const [key] of kv.entries(SENDING)) kv.delete(key)
}

function toEntry(key: string, stored: StoredEntry | string): CheckpointEntry {
  const split = key.indexOf(':')
  if (split <= 0 || typeof stored !== 'object' || stored === null) throw new Error(`the entry ${JSON.stringify(key)} is not a checkpoint entry`)
  const { version, value, snapshot } = stored
  if (!Number.isInteger(version)) throw new Error(`the version of ${key} is not an integer`)
  if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) throw new Error(`the value of ${key} is not a record`)
  return { table: key.slice(0, split), id: key.slice(split + 1), version, value, ...(snapshot ? { snapshot: true } : {}) }
}

function unreadable(path: string, namespace: string, error: unknown): PipeError {
  const reason = error instanceof Error ? error.message : String(error)
  return new PipeError(
    'checkpoint_unreadable',
    `the checkpoint ${namespace} in the cache file ${path} cannot be read (${reason}); clear it (client.keyValues('${namespace}').clear()) and start again with --snapshot (the pipe never restarts from zero on its own)`,
    { cause: error },
  )
}
