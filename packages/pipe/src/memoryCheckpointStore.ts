import type { CheckpointEntry, CheckpointStore } from './checkpointStore.js'

/**
 * Checkpoints in memory: nothing survives the process, so a restarted pipe starts afresh. The
 * default when `pipe()` is given no checkpoint; fine for tests and for sinks that dedupe anyway.
 */
export class MemoryCheckpointStore implements CheckpointStore {
  readonly #entries = new Map<string, CheckpointEntry>()
  #initialized = false

  async load(): Promise<{ initialized: boolean; entries: CheckpointEntry[] }> {
    return { initialized: this.#initialized, entries: [...this.#entries.values()] }
  }

  async save(entries: readonly CheckpointEntry[]): Promise<void> {
    this.#initialized = true
    for (const entry of entries) this.#entries.set(`${entry.table}:${entry.id}`, entry)
  }

  async close(): Promise<void> {}
}
