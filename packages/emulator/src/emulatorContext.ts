import type { Envelope } from '@notion-rx/protocol'
import type { Accounts } from './access/accounts.js'
import type { CommitEvents } from './writes/commitEvents.js'
import type { SqliteDatabase } from './storage/database.js'
import type { FaultInjector } from './faults.js'
import type { Permissions } from './access/permissions.js'
import type { RecordRepository } from './storage/recordRepository.js'
import type { UploadMode } from './files/uploadMode.js'

/** Everything an endpoint handler may use. One per running emulator; handlers hold no state of their own. */
export interface EmulatorContext {
  db: SqliteDatabase
  records: RecordRepository
  accounts: Accounts
  permissions: Permissions
  events: CommitEvents
  faults: FaultInjector
  /** Envelope of record maps in responses. */
  envelope: Envelope
  /** Folder for uploaded files (next to the database file, or a temp folder for `:memory:`). */
  filesDir: string
  /** Largest accepted upload, in bytes. */
  maxUploadBytes: number
  /** The getUploadFileUrl shape handed out: 2026's S3 POST policy, or the older signed PUT. */
  uploads: UploadMode
  /** The server's own origin, e.g. `http://127.0.0.1:3310` (known once it listens). */
  origin(): string
  /** Epoch ms; injectable so tests can pin time. */
  now(): number
}
