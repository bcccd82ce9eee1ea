import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { getUploadFileUrlResponseSchema, type RecordPointer } from '@notion-rx/protocol'
import { errorFromResponse } from '../transport/errorFromResponse.js'
import { networkErrorFrom } from '../transport/networkErrorFrom.js'
import type { FetchFunction } from '../transport/transportOptions.js'
import type { ApiCaller } from './apiCaller.js'

/** A file to upload: a path on disk, or a Blob (a `File` carries its own name). */
export type UploadSource = string | Blob

export interface UploadFileOptions {
  /** The file name Notion shows. @default the path's base name, the File's name, or `file` */
  name?: string
  /** @default guessed from the name's extension, the Blob's type, or `application/octet-stream` */
  contentType?: string
}

export interface UploadedFile {
  /** The permanent address, stored in the block's `properties.source`. */
  url: string
  /** The id Notion tracks the file by, listed in the block's `file_ids`. */
  fileId: string
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

/**
 * The file id in an upload URL: the path segment before the file name, as in
 * `…/secure.notion-static.com/<fileId>/<name>` (notion-py, KJK) and the emulator's `/files/<fileId>/<name>`.
 */
export function fileIdOf(url: string): string {
  const segments = new URL(url).pathname.split('/').filter((segment) => segment !== '')
  const id = segments.at(-2)
  if (id === undefined) throw new TypeError(`uploadFile: no file id in the upload URL ${url}`)
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

/**
 * Uploads as Notion's web client did through 2025 (protocol.md §2.10): `getUploadFileUrl` for a
 * signed slot tied to the record, then a PUT of the bytes (with a length, never chunked).
 * Attaching the file to a block is the block's job (UploadableBlock.uploadFile).
 */
export class FileUploader {
  readonly #options: FileUploaderOptions

  constructor(options: FileUploaderOptions) {
    this.#options = options
  }

  async upload(source: UploadSource, record: RecordPointer, options: UploadFileOptions = {}): Promise<UploadedFile> {
    const { blob, name } = await toBlob(source, options)
    const contentType = options.contentType ?? contentTypeFor(name, blob.type)
    const body = { bucket: 'secure', name, contentType, record, contentLength: blob.size }
    const slot = await this.#options.call('getUploadFileUrl', body, getUploadFileUrlResponseSchema)
    await this.#put(slot.signedPutUrl, blob, contentType)
    return { url: slot.url, fileId: fileIdOf(slot.url), name, size: blob.size, contentType }
  }

  async #put(signedPutUrl: string, blob: Blob, contentType: string): Promise<void> {
    const fetchFunction = this.#options.fetch ?? globalThis.fetch
    const target = new URL(signedPutUrl)
    // The signature is a credential: errors show the URL without its query.
    const context = {
      endpoint: 'upload',
      requestId: randomUUID(),
      request: { method: 'PUT', url: `${target.origin}${target.pathname}`, headers: { 'content-type': contentType } },
      attempts: 1,
    }
    let response: Response
    try {
      response = await fetchFunction(signedPutUrl, { method: 'PUT', body: blob, headers: { 'content-type': contentType } })
    } catch (error) {
      throw networkErrorFrom(error, context, [], false)
    }
    const text = await response.text()
    if (!response.ok) throw errorFromResponse({ status: response.status, headers: response.headers, text }, { ...context, secrets: [], hadActiveUser: false })
  }
}
