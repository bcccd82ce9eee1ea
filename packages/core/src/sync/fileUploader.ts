import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import {
  getUploadFileUrlResponseSchema,
  isPostUploadSlot,
  type GetUploadFileUrlResponse,
  type RecordPointer,
  type UploadHeader,
} from '@notion-rx/protocol'
import type { CallOptions } from '../callOptions.js'
import { errorFromResponse } from '../transport/errorFromResponse.js'
import { NotionApiError, describeAnswer, type NotionApiErrorDetails } from '../transport/errors/notionApiError.js'
import { UnauthorizedError } from '../transport/errors/unauthorizedError.js'
import { networkErrorFrom } from '../transport/networkErrorFrom.js'
import { redactHeaders } from '../transport/redact.js'
import { storageErrorText } from './storageErrorText.js'
import type { FetchFunction } from '../transport/transportOptions.js'
import type { ApiCaller } from './apiCaller.js'

/** A file to upload: a path on disk, or a Blob (a `File` carries its own name). */
export type UploadSource = string | Blob

export interface UploadFileOptions extends CallOptions {
  /** The file name Notion shows. @default the path's base name, the File's name, or `file` */
  name?: string
  /** @default guessed from the name's extension, the Blob's type, or `application/octet-stream` */
  contentType?: string
}

export interface UploadedFile {
  /**
   * The permanent address, stored in the block's `properties.source`: an S3 URL from servers
   * that answer with the older PUT slot, an `attachment:<fileId>:<name>` URI from 2026's POST one.
   */
  url: string
  /** The id Notion tracks the file by, listed in the block's `file_ids`. */
  fileId: string
  /** A signed address to read the bytes back (Notion's lasts 6 h; the block can sign anew). */
  signedGetUrl: string
  name: string
  size: number
  contentType: string
}

// Enough for the block types that take uploads; anything else goes as octet-stream.
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.mov': 'video/quicktime',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.m4a': 'audio/mp4',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.zip': 'application/zip',
}

function contentTypeFor(name: string, blobType: string | undefined): string {
  return CONTENT_TYPES[extname(name).toLowerCase()] ?? (blobType || 'application/octet-stream')
}

/** The second-last segment of a path: `<fileId>` in `…/<fileId>/<name>`. */
function idBeforeName(path: string): string | undefined {
  return path.split('/').filter((segment) => segment !== '').at(-2)
}

/**
 * The file id of an upload: `<fileId>` in a 2026 `attachment:<fileId>:<name>` URI; else the path
 * segment before the file name, as in `…/secure.notion-static.com/<fileId>/<name>` (notion-py,
 * KJK) and the emulator's `/files/<fileId>/<name>`; else the same segment of the POST policy's
 * object `key` (`<prefix>/<fileId>/<name>`).
 */
export function fileIdOf(url: string, key?: string): string {
  const attachment = /^attachment:([^:]+):/.exec(url)?.[1]
  if (attachment) return attachment
  let id: string | undefined
  try {
    id = idBeforeName(new URL(url).pathname)
  } catch {
    id = undefined
  }
  id ??= key === undefined ? undefined : idBeforeName(key)
  if (id === undefined) throw new TypeError(`uploadFile: getUploadFileUrl answered with no file id in its url (${url}) or key; the API may have changed.`)
  return id
}

async function toBlob(source: UploadSource, options: UploadFileOptions): Promise<{ blob: Blob; name: string }> {
  if (typeof source === 'string') return { blob: new Blob([await readFile(source)]), name: options.name ?? basename(source) }
  const ownName = (source as { name?: unknown }).name
  return { blob: source, name: options.name ?? (typeof ownName === 'string' && ownName !== '' ? ownName : 'file') }
}

export interface FileUploaderOptions {
  call: ApiCaller
  fetch?: FetchFunction | undefined
}

/** Names of POST-policy fields that are credentials: kept out of error messages. */
const SECRET_FIELD = /policy|signature|credential|token/i

/** Field values and query parameters an upload target might echo back in an error. */
function secretsOf(slot: GetUploadFileUrlResponse): string[] {
  const secrets: string[] = []
  if (isPostUploadSlot(slot)) {
    for (const [name, value] of Object.entries(slot.fields)) if (SECRET_FIELD.test(name)) secrets.push(value)
    if (slot.signedToken !== undefined) secrets.push(slot.signedToken)
  } else if (URL.canParse(slot.signedPutUrl)) {
    for (const [, value] of new URL(slot.signedPutUrl).searchParams) secrets.push(value)
  }
  return secrets
}

function headersOf(extra: readonly UploadHeader[] | undefined): Record<string, string> {
  return Object.fromEntries((extra ?? []).map(({ name, value }) => [name, value]))
}

/**
 * Uploads a file for a record (docs/protocol.md#file-uploads). `getUploadFileUrl` answers one of two shapes,
 * and both are spoken: Notion's 2026 slot (`type: "POST"`), sent as a multipart form to
 * `signedUploadPostUrl` with every policy field first and the file last (S3 ignores fields after
 * the file) and answered 204; or the older slot, a PUT of the bytes (with a length, never chunked)
 * to `signedPutUrl`. Attaching the file to a block is the block's job (UploadableBlock.uploadFile).
 */
export class FileUploader {
  readonly #options: FileUploaderOptions

  constructor(options: FileUploaderOptions) {
    this.#options = options
  }

  async upload(source: UploadSource, record: RecordPointer, options: UploadFileOptions = {}): Promise<UploadedFile> {
    const { signal } = options
    signal?.throwIfAborted()
    const { blob, name } = await toBlob(source, options)
    const contentType = options.contentType ?? contentTypeFor(name, blob.type)
    // `public`: the only bucket Notion accepted in 2026 (docs/protocol.md#file-uploads), and one older servers took
    // too; `record` ties the file to the block either way.
    const body = { bucket: 'public', name, contentType, record, contentLength: blob.size, supportExtraHeaders: true }
    const slot = await this.#options.call('getUploadFileUrl', body, getUploadFileUrlResponseSchema, signal ? { signal } : {})
    const post = isPostUploadSlot(slot)
    // Before any bytes are sent: a slot that names no file cannot be attached afterwards.
    const fileId = fileIdOf(slot.url, post ? slot.fields['key'] : undefined)
    const secrets = secretsOf(slot)
    if (post) {
      const form = new FormData()
      for (const [field, value] of Object.entries(slot.fields)) form.append(field, value)
      form.append('file', new Blob([blob], { type: contentType }), name)
      // No content-type header: fetch writes the multipart one with its boundary (and a length, as S3 wants).
      await this.#send('POST', slot.signedUploadPostUrl, { body: form, headers: headersOf(slot.postHeaders) }, secrets, signal)
    } else {
      const headers = { ...headersOf(slot.putHeaders), 'content-type': contentType }
      await this.#send('PUT', slot.signedPutUrl, { body: blob, headers }, secrets, signal)
    }
    return { url: slot.url, fileId, signedGetUrl: slot.signedGetUrl, name, size: blob.size, contentType }
  }

  async #send(
    method: 'PUT' | 'POST',
    target: string,
    init: { body: Blob | FormData; headers: Record<string, string> },
    secrets: string[],
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const fetchFunction = this.#options.fetch ?? globalThis.fetch
    const address = new URL(target)
    // The signature is a credential: errors show the URL without its query.
    const context = {
      endpoint: 'upload',
      requestId: randomUUID(),
      request: { method, url: `${address.origin}${address.pathname}`, headers: redactHeaders(init.headers, secrets) },
      attempts: 1,
    }
    let response: Response
    try {
      response = await fetchFunction(target, { method, ...init, ...(signal ? { signal } : {}) })
    } catch (error) {
      if (signal?.aborted) throw signal.reason
      throw networkErrorFrom(error, context, secrets, undefined)
    }
    const text = await response.text()
    if (response.ok) return
    const error = errorFromResponse({ status: response.status, headers: response.headers, text: storageErrorText(text) }, { ...context, secrets, hadActiveUser: false })
    if (!UnauthorizedError.isUnauthorizedError(error)) throw error
    // No token_v2 goes to the file store: its 401/403 refuses the slot (signature, policy, expiry), not the login.
    const details: NotionApiErrorDetails = {
      ...context,
      status: error.status,
      ...(error.notionName !== undefined ? { notionName: error.notionName } : {}),
      ...(error.serverMessage !== undefined ? { serverMessage: error.serverMessage } : {}),
      ...(error.serverRequestId !== undefined ? { serverRequestId: error.serverRequestId } : {}),
    }
    throw new NotionApiError(
      details,
      `upload: the file store refused the upload (${describeAnswer(details)}): the slot getUploadFileUrl gave was altered or has expired; upload again for a fresh one.`,
    )
  }
}
