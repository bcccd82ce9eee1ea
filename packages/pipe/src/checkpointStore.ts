import type { RecordValue } from '@notion-rx/core'

/** What the pipe last delivered of one record: its version and value (absent once deleted for good). */
export interface CheckpointEntry {
  table: string
  id: string
  version: number
  value: RecordValue | undefined
  /** In-flight entries only: the event was the initial copy of `snapshot`. */
  snapshot?: boolean
}

/** What a checkpoint holds on start. */
export interface CheckpointState {
  /** False for a new checkpoint (never confirmed anything). */
  initialized: boolean
  /** The last confirmed state of every record delivered. */
  entries: CheckpointEntry[]
  /** The batch being delivered when the pipe stopped (`begin` without `save`): re-sent first, with the same ids. */
  inFlight: CheckpointEntry[]
}

/**
 * Where a pipe keeps what its sink has confirmed, durably, so a restart (also after `kill -9`)
 * resumes from there. Per batch the pipe calls `begin` (the batch it is about to deliver) and,
 * once the sink confirmed it, `save` (which also clears the in-flight batch); each must be durable
 * when it resolves. Implementations: `SqliteCheckpointStore` (a file), `RedisCheckpointStore`,
 * `MemoryCheckpointStore`.
 */
export interface CheckpointStore {
  load(): Promise<CheckpointState>
  begin(entries: readonly CheckpointEntry[]): Promise<void>
  save(entries: readonly CheckpointEntry[]): Promise<void>
  close(): Promise<void>
}
