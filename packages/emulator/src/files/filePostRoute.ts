import busboy from 'busboy'
import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import type { EmulatorContext } from '../emulatorContext.js'
import { filesOf, type StoredFile } from './fileStore.js'
import type { Route } from '../http/httpServer.js'
import { checkUploadPolicy, UPLOAD_PATH, type S3Failure } from './uploadPolicy.js'
import { S3_INTERNAL_ERROR, sendS3Error } from './sendS3Error.js'

/** Room for the form fields around the file (the policy, the largest, is about 1 KB). */
const FORM_OVERHEAD_BYTES = 256 * 1024
const MAX_FIELD_BYTES = 16 * 1024
const MAX_FIELDS = 32

class PartTooLargeError extends Error {
  override name = 'PartTooLargeError' as const
}

function entityTooLarge(limit: number): S3Failure {
  return { status: 400, code: 'EntityTooLarge', message: `Your proposed upload exceeds the maximum allowed size of ${limit} bytes.` }
}

function malformed(message: string): S3Failure {
  return { status: 400, code: 'MalformedPOSTRequest', message: `The body of your POST request is not well-formed multipart/form-data. ${message}` }
}

/**
 * Writes one file part to `temp`, counting bytes; rejects (and removes `temp`) past `limit`. On
 * failure the rest of the part is discarded, never destroyed: the form parser waits for it to be
 * read before it goes on.
 */
function writePart(part: Readable, temp: string, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(temp, { flags: 'wx', mode: 0o600 })
    let size = 0
    let failed = false
    const fail = (error: Error) => {
      if (failed) return
      failed = true
      part.resume()
      // Remove the partial file only once the stream has closed, or the unlink can race its open.
      out.once('close', () => void rm(temp, { force: true }).finally(() => reject(error)))
      out.destroy()
    }
    part.on('data', (chunk: Buffer) => {
      if (failed) return
      size += chunk.length
      if (size > limit) {
        fail(new PartTooLargeError())
        return
      }
      if (!out.write(chunk)) {
        part.pause()
        out.once('drain', () => part.resume())
      }
    })
    part.on('end', () => {
      if (!failed) out.end()
    })
    part.on('error', fail)
    out.on('error', fail)
    out.on('finish', () => {
      if (!failed) resolve(size)
    })
  })
}

type Received = { kind: 'stored'; file: StoredFile; size: number; temp: string } | { kind: 'failed'; failure: S3Failure; close: boolean }

/**
 * Reads the whole multipart form: fields until the file, the policy check at the file (nothing is
 * written before it passes), the file into a temp file, then the rest (S3 ignores what follows
 * the file). Answers only once the body is read, so the client always sees the answer; past
 * `hardCap` bytes it stops reading at once.
 */
function receiveForm(request: IncomingMessage, emulator: EmulatorContext, hardCap: number): Promise<Received> {
  return new Promise((resolve) => {
    const store = filesOf(emulator)
    let parser: busboy.Busboy
    try {
      parser = busboy({
        headers: request.headers,
        limits: { fieldSize: MAX_FIELD_BYTES, fields: MAX_FIELDS, files: 1, parts: MAX_FIELDS + 1, fileSize: emulator.maxUploadBytes + 1 },
      })
    } catch (error) {
      request.resume()
      resolve({ kind: 'failed', failure: malformed((error as Error).message), close: false })
      return
    }
    const form = new Map<string, string>()
    let failure: S3Failure | undefined
    let fileSeen = false
    let stored: Promise<{ file: StoredFile; size: number; temp: string } | undefined> = Promise.resolve(undefined)
    let settled = false
    const fail = (next: S3Failure) => {
      failure ??= next
    }
    const settle = async (close = false) => {
      if (settled) return
      settled = true
      const part = await stored
      if (!fileSeen) fail({ status: 400, code: 'InvalidArgument', message: 'POST requires exactly one file upload per request.' })
      if (failure || !part) {
        if (part) await rm(part.temp, { force: true })
        resolve({ kind: 'failed', failure: failure ?? malformed('No file.'), close })
        return
      }
      resolve({ kind: 'stored', ...part })
    }

    let received = 0
    request.on('data', (chunk: Buffer) => {
      received += chunk.length
      if (received <= hardCap || settled) return
      fail(entityTooLarge(emulator.maxUploadBytes))
      request.unpipe(parser)
      request.resume()
      parser.destroy()
      void settle(true)
    })
    request.on('close', () => {
      // The client went away mid-body: end the parser, which ends the file part with an error.
      if (!request.complete) parser.destroy(new Error('Upload aborted by the client.'))
    })
    parser.on('field', (name, value, info) => {
      if (fileSeen) return
      if (info.nameTruncated || info.valueTruncated) {
        fail({ status: 400, code: 'InvalidArgument', message: `Form field ${name} is longer than ${MAX_FIELD_BYTES} bytes.` })
        return
      }
      const lower = name.toLowerCase()
      if (form.has(lower)) fail({ status: 400, code: 'InvalidArgument', message: `Form field ${name} appears more than once.` })
      form.set(lower, value)
    })
    parser.on('file', (name, part) => {
      if (fileSeen || failure) {
        part.resume()
        fileSeen = true
        return
      }
      fileSeen = true
      if (name !== 'file') {
        fail({ status: 400, code: 'InvalidArgument', message: `The file must be the form field named 'file', not '${name}'.` })
        part.resume()
        return
      }
      const verdict = checkUploadPolicy(store.signer, form, emulator.now())
      const file = verdict.ok ? store.fileOfObjectKey(verdict.key) : undefined
      if (!verdict.ok || !file) {
        fail(verdict.ok ? { status: 403, code: 'AccessDenied', message: 'No upload was issued for this key.' } : verdict.failure)
        part.resume()
        return
      }
      const limit = Math.min(verdict.maxBytes, emulator.maxUploadBytes)
      const temp = join(emulator.filesDir, `.${file.id}.${randomUUID()}.part`)
      stored = writePart(part, temp, limit).then(
        async (size) => {
          if (size >= verdict.minBytes) return { file, size, temp }
          await rm(temp, { force: true })
          fail({ status: 400, code: 'EntityTooSmall', message: `Your proposed upload is smaller than the minimum allowed size of ${verdict.minBytes} bytes.` })
          return undefined
        },
        (error: unknown) => {
          fail(error instanceof PartTooLargeError ? entityTooLarge(limit) : malformed((error as Error).message))
          return undefined
        },
      )
    })
    parser.on('filesLimit', () => fail({ status: 400, code: 'InvalidArgument', message: 'POST requires exactly one file upload per request.' }))
    parser.on('fieldsLimit', () => fail(malformed(`More than ${MAX_FIELDS} form fields.`)))
    parser.on('partsLimit', () => fail(malformed(`More than ${MAX_FIELDS + 1} form parts.`)))
    parser.on('error', (error: Error) => {
      fail(malformed(error.message))
      request.unpipe(parser)
      request.resume()
      void settle()
    })
    parser.on('close', () => void settle())
    request.pipe(parser)
  })
}

async function handle(request: IncomingMessage, response: ServerResponse, emulator: EmulatorContext): Promise<void> {
  if (request.method !== 'POST') {
    request.resume()
    sendS3Error(response, { status: 405, code: 'MethodNotAllowed', message: `The specified method (${request.method}) is not allowed against this resource.` })
    return
  }
  if (!/^multipart\/form-data\s*;/i.test(request.headers['content-type'] ?? '')) {
    request.resume()
    sendS3Error(response, { status: 412, code: 'PreconditionFailed', message: 'Bucket POST must be of the enclosure-type multipart/form-data' })
    return
  }
  const hardCap = emulator.maxUploadBytes + FORM_OVERHEAD_BYTES
  const declared = Number(request.headers['content-length'])
  if (Number.isFinite(declared) && declared > hardCap) {
    request.resume()
    sendS3Error(response, entityTooLarge(emulator.maxUploadBytes), { close: true })
    return
  }
  const received = await receiveForm(request, emulator, hardCap)
  if (received.kind === 'failed') {
    sendS3Error(response, received.failure, { close: received.close })
    return
  }
  const store = filesOf(emulator)
  await rename(received.temp, store.pathOf(received.file))
  store.markUploaded(received.file.id, received.size)
  // S3's default `success_action_status`: 204, no body.
  response.writeHead(204, { location: store.url(received.file) })
  response.end()
}

/**
 * `POST /uploads`: the emulator's stand-in for the S3 bucket root that Notion's 2026 uploads
 * post to. A multipart form whose fields must satisfy the policy getUploadFileUrl signed (key,
 * signature, expiry, size), then the file; 204 when stored, S3's XML errors otherwise.
 */
export const filePostRoute: Route = (request, response, emulator, url) => {
  if (url.pathname !== UPLOAD_PATH && url.pathname !== `${UPLOAD_PATH}/`) return false
  handle(request, response, emulator).catch(() => {
    if (response.headersSent || response.destroyed) {
      response.destroy()
      return
    }
    sendS3Error(response, S3_INTERNAL_ERROR)
  })
  return true
}
