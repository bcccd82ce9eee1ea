import { randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { rename, rm, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import { ApiError } from '../http/apiError.js'
import type { EmulatorContext } from '../emulatorContext.js'
import type { SignedMethod } from './fileSigner.js'
import { filesOf, type StoredFile } from './fileStore.js'
import { S3_INTERNAL_ERROR, sendS3Error } from './sendS3Error.js'
import { sendJson, type Route } from '../http/httpServer.js'

const PREFIX = '/files/'

class UploadTooLargeError extends Error {
  override name = 'UploadTooLargeError' as const
}

/** What S3 answers to a GET or PUT without a valid signature (or of a key it does not hold). */
function accessDenied(response: ServerResponse, head: boolean): void {
  sendS3Error(response, { status: 403, code: 'AccessDenied', message: 'Access Denied' }, { head })
}

function tooLarge(response: ServerResponse, limit: number): void {
  // Close the connection: the rest of an oversized body is not worth reading.
  sendJson(response, 413, new ApiError(413, 'PayloadTooLargeError', `Upload larger than ${limit} bytes.`).toBody(), {
    connection: 'close',
  })
}

/** Streams the body to `temp`, counting bytes; rejects (and removes `temp`) past `limit`. */
function receive(request: IncomingMessage, temp: string, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(temp, { flags: 'wx', mode: 0o600 })
    let size = 0
    let settled = false
    const fail = (error: Error) => {
      if (settled) return
      settled = true
      request.resume()
      // Remove the partial file only once the stream has closed, or the unlink can race its open.
      out.once('close', () => void rm(temp, { force: true }).finally(() => reject(error)))
      out.destroy()
    }
    request.on('data', (chunk: Buffer) => {
      if (settled) return
      size += chunk.length
      if (size > limit) {
        fail(new UploadTooLargeError())
        return
      }
      if (!out.write(chunk)) {
        request.pause()
        out.once('drain', () => request.resume())
      }
    })
    request.on('end', () => {
      if (!settled) out.end()
    })
    request.on('close', () => {
      if (!request.complete) fail(new Error('Upload aborted by the client.'))
    })
    request.on('error', fail)
    out.on('error', fail)
    out.on('finish', () => {
      if (settled) return
      settled = true
      resolve(size)
    })
  })
}

async function upload(request: IncomingMessage, response: ServerResponse, emulator: EmulatorContext, file: StoredFile): Promise<void> {
  // The size declared when the slot was issued (as S3's content-length-range holds a POST to it).
  const limit = Math.min(file.maxBytes, emulator.maxUploadBytes)
  const declared = Number(request.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) {
    request.resume()
    tooLarge(response, limit)
    return
  }
  const store = filesOf(emulator)
  const temp = join(emulator.filesDir, `.${file.id}.${randomUUID()}.part`)
  let size: number
  try {
    size = await receive(request, temp, limit)
  } catch (error) {
    if (error instanceof UploadTooLargeError) tooLarge(response, limit)
    else response.destroy()
    return
  }
  await rename(temp, store.pathOf(file))
  store.markUploaded(file.id, size)
  response.writeHead(200, { 'content-length': 0 })
  response.end()
}

async function download(response: ServerResponse, emulator: EmulatorContext, file: StoredFile, headOnly: boolean): Promise<void> {
  const path = filesOf(emulator).pathOf(file)
  let size: number
  try {
    size = (await stat(path)).size
  } catch {
    sendS3Error(response, { status: 404, code: 'NoSuchKey', message: 'The specified key does not exist.' }, { head: headOnly })
    return
  }
  response.writeHead(200, {
    'content-type': file.contentType || 'application/octet-stream',
    'content-length': size,
    'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    // Uploaded bytes are untrusted: never let a browser run them as a page of the emulator's origin.
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, max-age=0',
  })
  if (headOnly) {
    response.end()
    return
  }
  const stream = createReadStream(path)
  stream.on('error', () => response.destroy())
  stream.pipe(response)
}

async function handle(request: IncomingMessage, response: ServerResponse, emulator: EmulatorContext, url: URL): Promise<void> {
  const method = request.method ?? 'GET'
  const signedMethod: SignedMethod | undefined = method === 'PUT' ? 'PUT' : method === 'GET' || method === 'HEAD' ? 'GET' : undefined
  if (!signedMethod) {
    request.resume()
    response.setHeader('allow', 'GET, HEAD, PUT')
    sendS3Error(response, { status: 405, code: 'MethodNotAllowed', message: `The specified method (${method}) is not allowed against this resource.` })
    return
  }
  const [fileId, encodedName, ...rest] = url.pathname.slice(PREFIX.length).split('/')
  const file = fileId ? filesOf(emulator).get(fileId) : undefined
  let name: string | undefined
  try {
    name = encodedName === undefined ? undefined : decodeURIComponent(encodedName)
  } catch {
    name = undefined
  }
  const expiresAt = Number(url.searchParams.get('exp'))
  const signature = url.searchParams.get('sig') ?? ''
  if (
    !file ||
    rest.length > 0 ||
    name !== file.name ||
    !filesOf(emulator).signer.verify(signedMethod, file.id, file.name, expiresAt, signature, emulator.now())
  ) {
    request.resume()
    accessDenied(response, method === 'HEAD')
    return
  }
  if (signedMethod === 'PUT') await upload(request, response, emulator, file)
  else await download(response, emulator, file, method === 'HEAD')
}

/** `PUT`/`GET`/`HEAD /files/<fileId>/<name>?exp=…&sig=…`: the emulator's stand-in for S3. */
export const fileRoute: Route = (request, response, emulator, url) => {
  if (!url.pathname.startsWith(PREFIX)) return false
  handle(request, response, emulator, url).catch(() => {
    if (response.headersSent || response.destroyed) {
      response.destroy()
      return
    }
    sendS3Error(response, S3_INTERNAL_ERROR)
  })
  return true
}
