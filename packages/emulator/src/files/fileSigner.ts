import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { SqliteDatabase } from '../storage/database.js'

const SECRET_KEY = 'file_signing_secret'

export type SignedMethod = 'GET' | 'PUT'

/**
 * Signs file URLs with HMAC-SHA256 over method, file id, name and expiry, and upload policies over
 * their text. The secret is made once
 * per database and kept in its `meta` table, so URLs stay valid across restarts of a file-backed
 * emulator and are useless against any other emulator.
 */
export class FileSigner {
  readonly #secret: Buffer

  constructor(db: SqliteDatabase) {
    db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(SECRET_KEY, randomBytes(32).toString('hex'))
    const row = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(SECRET_KEY)
    this.#secret = Buffer.from(row!.value, 'hex')
  }

  sign(method: SignedMethod, fileId: string, name: string, expiresAt: number): string {
    // Newlines cannot occur in ids or sanitized names, so the fields cannot run into each other.
    return createHmac('sha256', this.#secret).update(`${method}\n${fileId}\n${name}\n${expiresAt}`).digest('hex')
  }

  /**
   * Signs an upload policy (the base64 text, as S3's POST signatures cover it). The `POST-POLICY`
   * line keeps these apart from URL signatures, whose first line is a method.
   */
  signPolicy(policy: string): string {
    return createHmac('sha256', this.#secret).update(`POST-POLICY\n${policy}`).digest('hex')
  }

  /** True when `signature` is ours for this policy text (its expiry is the policy's own business). */
  verifyPolicy(policy: string, signature: string): boolean {
    if (!/^[0-9a-f]{64}$/.test(signature)) return false
    return timingSafeEqual(Buffer.from(this.signPolicy(policy), 'hex'), Buffer.from(signature, 'hex'))
  }

  /** The 2026 answer's `signedToken` for a file: 44 base64 characters, as Notion's. */
  token(fileId: string): string {
    return createHmac('sha256', this.#secret).update(`TOKEN\n${fileId}`).digest('base64')
  }

  /** True when `signature` is ours for these fields and `expiresAt` has not passed. */
  verify(method: SignedMethod, fileId: string, name: string, expiresAt: number, signature: string, now: number): boolean {
    if (!Number.isSafeInteger(expiresAt) || expiresAt < now) return false
    if (!/^[0-9a-f]{64}$/.test(signature)) return false
    const expected = Buffer.from(this.sign(method, fileId, name, expiresAt), 'hex')
    return timingSafeEqual(expected, Buffer.from(signature, 'hex'))
  }
}
