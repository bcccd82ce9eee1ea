import type { CheckpointEntry, CheckpointState, CheckpointStore } from './checkpointStore.js'

/**
 * Checkpoints in memory: nothing survives the process, so a restarted pipe starts afresh. The
 * default when `pipe()` is given no checkpoint; fine for tests and for sinks that dedupe anyway.
 */
export class MemoryCheckpointStore implements CheckpointStore {
  readonly #entries = new Map<string, CheckpointEntry>()
  #inFlight: CheckpointEntry[] = []
  #initialized = false

  async load(): Promise<CheckpointState> {
    return { initialized: this.#initialized, entries: [...this.#entries.values()], inFlight: [...this.#inFlight] }
  }

  async begin(entries: readonly CheckpointEntry[]): Promise<void> {
    this.#inFlight = [...entries]
  }

  async save(entries: readonly CheckpointEntry[]): Promise<void> {
    this.#initialized = true
    this.#inFlight = []
    for (const entry of entries) this.#entries.set(`${entry.table}:${entry.id}`, entry)
  }

  async close(): Promise<void> {}
}
