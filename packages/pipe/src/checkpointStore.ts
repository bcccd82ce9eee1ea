import type { RecordValue } from '@notion-rx/core'

/** What the pipe last delivered of one record: its version and value (absent once deleted for good). */
export interface CheckpointEntry {
  table: string
  id: string
  version: number
  value: RecordValue | undefined
}

/**
 * Where a pipe keeps what its sink has confirmed, durably, so a restart (also after `kill -9`)
 * resumes from there. `save` is called after every confirmed delivery and must be durable when it
 * resolves. Implementations: `SqliteCheckpointStore` (a file) and `RedisCheckpointStore`.
 */
export interface CheckpointStore {
  /** Everything delivered so far; `initialized` is false for a new checkpoint (never saved to). */
  load(): Promise<{ initialized: boolean; entries: CheckpointEntry[] }>
  save(entries: readonly CheckpointEntry[]): Promise<void>
  close(): Promise<void>
}
