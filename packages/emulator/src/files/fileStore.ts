import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { EmulatorContext } from '../emulatorContext.js'
import { ApiError } from '../http/apiError.js'
import { FileSigner, type SignedMethod } from './fileSigner.js'
import { sanitizeFileName } from './sanitizeFileName.js'

/** One upload slot: created by getUploadFileUrl, filled by a signed PUT or a POST with its policy. */
export interface StoredFile {
  id: string
  /** Sanitized display name, part of the URL and of the signature. */
  name: string
  contentType: string
  /** Bytes stored; undefined until the upload completes. */
  size: number | undefined
  userId: string
  createdAt: number
  /**
   * The record the upload was for and its space, fixed when the slot was issued: signing later
   * checks the file against them, the way Notion ties a file to the block it was uploaded for.
   * Undefined when the request named none (then only the uploader may sign it).
   */
  record: { table: string; id: string } | undefined
  spaceId: string | undefined
  /** The most bytes the upload may carry: the size the client declared, else the emulator's limit. */
  maxBytes: number
}

interface FileRow {
  id: string
  name: string
  content_type: string
  size: number | null
  user_id: string
  created_at: number
  record_table: string | null
  record_id: string | null
  space_id: string | null
  max_bytes: number | null
}

/** How long signed URLs last: Notion's signedGetUrl is valid 6 h (X-Amz-Expires=21600). */
export const SIGNED_GET_TTL_MS = 6 * 60 * 60 * 1000
export const SIGNED_PUT_TTL_MS = 60 * 60 * 1000

/** Upload slots a user may hold open (issued, not yet filled, not expired) at once. */
export const MAX_OPEN_UPLOADS = 1_000

const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function isFileId(id: string): boolean {
  return FILE_ID.test(id)
}

/**
 * Uploaded files: metadata in the `files` table, bytes in `filesDir/<id>` (never under the user's
 * name), and the signed URLs that give access to them on the emulator's own origin.
 */
export class FileStore {
  readonly signer: FileSigner

  private readonly emulator: EmulatorContext

  constructor(emulator: EmulatorContext) {
    this.emulator = emulator
    this.signer = new FileSigner(emulator.db)
  }

  create(options: {
    name: string
    contentType: string
    userId: string
    record?: { table: string; id: string } | undefined
    spaceId?: string | undefined
    maxBytes: number
  }): StoredFile {
    const now = this.emulator.now()
    // Slots never filled before their signature expired are dead: forget them, so the table
    // cannot grow by asking for slots alone.
    this.emulator.db.prepare('DELETE FROM files WHERE size IS NULL AND created_at < ?').run(now - SIGNED_PUT_TTL_MS)
    const open = this.emulator.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM files WHERE size IS NULL AND user_id = ?').get(options.userId)
    if ((open?.n ?? 0) >= MAX_OPEN_UPLOADS) {
      throw new ApiError(429, 'UserRateLimitResponse', `At most ${MAX_OPEN_UPLOADS} upload slots may be open at once; upload to them or wait an hour.`)
    }
    const file: StoredFile = {
      id: randomUUID(),
      name: sanitizeFileName(options.name),
      contentType: options.contentType,
      size: undefined,
      userId: options.userId,
      createdAt: now,
      record: options.record ? { table: options.record.table, id: options.record.id } : undefined,
      spaceId: options.spaceId,
      maxBytes: options.maxBytes,
    }
    this.emulator.db
      .prepare(
        'INSERT INTO files (id, name, content_type, size, user_id, created_at, record_table, record_id, space_id, max_bytes) ' +
          'VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)',
      )
      .run(file.id, file.name, file.contentType, file.userId, file.createdAt, file.record?.table ?? null, file.record?.id ?? null, file.spaceId ?? null, file.maxBytes)
    return file
  }

  get(id: string): StoredFile | undefined {
    if (!isFileId(id)) return undefined
    const row = this.emulator.db.prepare<[string], FileRow>('SELECT * FROM files WHERE id = ?').get(id)
    if (!row) return undefined
    return {
      id: row.id,
      name: row.name,
      contentType: row.content_type,
      size: row.size ?? undefined,
      userId: row.user_id,
      createdAt: row.created_at,
      record: row.record_table !== null && row.record_id !== null ? { table: row.record_table, id: row.record_id } : undefined,
      spaceId: row.space_id ?? undefined,
      maxBytes: row.max_bytes ?? this.emulator.maxUploadBytes,
    }
  }

  markUploaded(id: string, size: number): void {
    this.emulator.db.prepare('UPDATE files SET size = ? WHERE id = ?').run(size, id)
  }

  /** Where the bytes live. `id` is a checked UUID, so this cannot leave filesDir. */
  pathOf(file: StoredFile): string {
    if (!isFileId(file.id)) throw new Error(`Not a file id: ${file.id}`)
    return join(this.emulator.filesDir, file.id)
  }

  /** The permanent, unsigned address (what blocks keep in `properties.source`). */
  url(file: StoredFile): string {
    return `${this.emulator.origin()}/files/${file.id}/${encodeURIComponent(file.name)}`
  }

  /** The 2026 form of the permanent address (what blocks keep in `properties.source`). */
  attachmentUri(file: StoredFile): string {
    return `attachment:${file.id}:${file.name}`
  }

  /** Where a POST upload puts the file in the emulated bucket: `<fileId>/<name>`, as Notion's S3 keys were. */
  objectKey(file: StoredFile): string {
    return `${file.id}/${file.name}`
  }

  /** The file an object key names, only if the key is exactly the one issued for it. */
  fileOfObjectKey(key: string): StoredFile | undefined {
    const id = key.split('/')[0]
    const file = id === undefined ? undefined : this.get(id)
    return file && this.objectKey(file) === key ? file : undefined
  }

  signedUrl(file: StoredFile, method: SignedMethod): string {
    const ttl = method === 'GET' ? SIGNED_GET_TTL_MS : SIGNED_PUT_TTL_MS
    const expiresAt = this.emulator.now() + ttl
    const signature = this.signer.sign(method, file.id, file.name, expiresAt)
    return `${this.url(file)}?exp=${expiresAt}&sig=${signature}`
  }

  /** True for addresses under this emulator's `/files/` (known or not) and `attachment:` URIs. */
  isOwnFileUrl(address: string): boolean {
    if (address.startsWith('attachment:')) return true
    try {
      const parsed = new URL(address)
      return parsed.origin === this.emulator.origin() && parsed.pathname.startsWith('/files/')
    } catch {
      return false
    }
  }

  /**
   * The file an address names, if it is one of ours: `<origin>/files/<id>/<name>[?…]` or the
   * newer `attachment:<id>:<name>` URI.
   */
  fileOfUrl(address: string): StoredFile | undefined {
    const attachment = /^attachment:([0-9a-f-]{36}):/.exec(address)
    if (attachment) return this.get(attachment[1]!)
    let parsed: URL
    try {
      parsed = new URL(address)
    } catch {
      return undefined
    }
    if (parsed.origin !== this.emulator.origin()) return undefined
    const match = /^\/files\/([0-9a-f-]{36})\/[^/]+$/.exec(parsed.pathname)
    return match ? this.get(match[1]!) : undefined
  }
}

const stores = new WeakMap<EmulatorContext, FileStore>()

/** The file store of one emulator, made on first use (keeps the shared context free of file concerns). */
export function filesOf(emulator: EmulatorContext): FileStore {
  let store = stores.get(emulator)
  if (!store) {
    store = new FileStore(emulator)
    stores.set(emulator, store)
  }
  return store
}
