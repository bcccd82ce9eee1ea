import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { findTooDeep } from '@notion-rx/protocol'
import { z } from 'zod'
import { ApiError, unauthorizedError, validationError } from './apiError.js'
import { parseApiPath, type RequestProfile } from './apiPath.js'
import { authenticate } from './authenticate.js'
import { describePath, MAX_JSON_DEPTH } from './jsonDepth.js'
import { requestUrl } from './requestUrl.js'
import type { Endpoint } from './endpoint.js'
import { JsonText } from './jsonText.js'
import { ResponseCache, type ResponseKey } from './responseCache.js'
import type { EmulatorContext } from '../emulatorContext.js'

/**
 * A non-API route (file uploads and downloads), given the request's already parsed URL. Returns
 * false when it does not handle the request.
 */
export type Route = (request: IncomingMessage, response: ServerResponse, emulator: EmulatorContext, url: URL) => boolean

export interface HttpServerOptions {
  endpoints: readonly Endpoint[]
  routes: readonly Route[]
  /** Largest accepted JSON body, in bytes. */
  maxBodyBytes: number
}

const API_PREFIX = '/api/v3/'

/** Bodies longer than this are answered without the response cache (a key is never bigger). */
const MAX_CACHED_BODY_CHARS = 64 * 1024

class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError' as const
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLargeError())
      request.resume()
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        reject(new BodyTooLargeError())
        request.resume()
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

/** The bytes of a JSON answer: a JsonText as written, anything else through JSON.stringify. */
function encodeJson(body: unknown): Buffer {
  return Buffer.from(body instanceof JsonText ? body.text : JSON.stringify(body), 'utf8')
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  // Encoded once: the length and the bytes sent come from the same buffer.
  sendJsonBytes(response, status, encodeJson(body), headers)
}

function sendJsonBytes(response: ServerResponse, status: number, bytes: Buffer, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': bytes.length,
    ...headers,
  })
  response.end(bytes)
}

function sendHtml(response: ServerResponse, status: number, text: string): void {
  const html = `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Error</title></head>\n<body><pre>${text}</pre></body>\n</html>\n`
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) })
  response.end(html)
}

/** Formats zod issues as `path: message` lines, so a 400 says what was wrong and where. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(body)'}: ${issue.message}`)
    .join('; ')
}

/** `application/json`, with or without parameters (`; charset=utf-8`), in any case. */
function isJsonContentType(header: string | undefined): boolean {
  return header !== undefined && header.split(';')[0]!.trim().toLowerCase() === 'application/json'
}

function escapeHtml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The emulator's HTTP front: `POST /api/v3/<name>` JSON endpoints (404 HTML for unknown names, as
 * the real server answers), extra routes, fault injection, and a guarantee that no input crashes it.
 */
export function createHttpServer(emulator: EmulatorContext, options: HttpServerOptions): Server {
  const endpoints = new Map(options.endpoints.map((endpoint) => [endpoint.name, endpoint]))
  const answers = new ResponseCache()

  async function handleApi(request: IncomingMessage, response: ServerResponse, name: string, requested: RequestProfile): Promise<void> {
    const endpoint = endpoints.get(name)
    const profile = { envelope: requested.envelope ?? emulator.envelope, strict: requested.strict }
    if (request.method !== 'POST' || !endpoint || (profile.strict && endpoint.retired !== undefined)) {
      sendHtml(response, 404, `Cannot ${escapeHtml(request.method ?? 'GET')} ${API_PREFIX}${escapeHtml(name)}`)
      request.resume()
      return
    }
    const decision = emulator.faults.decide()
    const latency = emulator.faults.latency()
    if (latency > 0) await sleep(latency)
    switch (decision.kind) {
      case 'drop':
        request.socket.destroy()
        return
      case 'stall':
        await sleep(decision.ms)
        request.socket.destroy()
        return
      case 'error':
        throw new ApiError(decision.status, decision.status === 500 ? 'UnknownApiError' : 'ServiceUnavailableError', 'Injected fault.')
      case 'rateLimit': {
        const retryAfter = decision.retryAfterSeconds
        const error = new ApiError(429, 'UserRateLimitResponse', 'Injected rate limit.', {
          type: 'rate_limited',
          ...(retryAfter !== undefined ? { retryAfter } : {}),
        })
        sendJson(response, 429, error.toBody(), retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {})
        request.resume()
        return
      }
      case 'none':
        break
    }
    const user = authenticate(request, emulator.accounts)
    if (endpoint.auth === 'required' && !user) throw unauthorizedError()
    const raw = await readBody(request, options.maxBodyBytes)
    // JSON endpoints answer only JSON: a form or text/plain body is what a cross-site page can
    // make a browser send with the user's cookie, so it never reaches a handler.
    if (raw.length > 0 && !isJsonContentType(request.headers['content-type'])) {
      throw validationError(
        `Content-Type must be application/json, not ${JSON.stringify((request.headers['content-type'] ?? '(none)').slice(0, 100))}.`,
      )
    }
    const text = raw.toString('utf8')
    const cacheKey: ResponseKey | undefined =
      endpoint.cacheable && text.length <= MAX_CACHED_BODY_CHARS
        ? { endpoint: name, envelope: profile.envelope, strict: profile.strict, userId: user?.id, body: text }
        : undefined
    // The generation before anything is read: an answer is filed only if no write came in between.
    const generation = emulator.records.generation
    const cached = cacheKey && answers.get(cacheKey, generation)
    if (cached) {
      send(request, response, cached)
      return
    }
    let json: unknown
    try {
      json = raw.length === 0 ? {} : JSON.parse(text)
    } catch (error) {
      throw validationError(`Body is not valid JSON: ${(error as Error).message}`)
    }
    const tooDeep = findTooDeep(json, MAX_JSON_DEPTH)
    if (tooDeep) throw validationError(`Body nests deeper than ${MAX_JSON_DEPTH} levels, at ${describePath(tooDeep)}. Flatten it.`)
    const parsed = endpoint.body.safeParse(json)
    if (!parsed.success) throw validationError(`Invalid ${name} body: ${describeIssues(parsed.error)}`)
    const result = await endpoint.handle({ emulator, user, http: request, profile }, parsed.data)
    const bytes = encodeJson(result ?? {})
    if (cacheKey && emulator.records.generation === generation) answers.set(cacheKey, generation, bytes)
    send(request, response, bytes)
  }

  function send(request: IncomingMessage, response: ServerResponse, bytes: Buffer): void {
    if (emulator.faults.loseAnswer()) {
      // Handled in full (a write is committed), then the answer is lost on the way back.
      request.socket.destroy()
      return
    }
    sendJsonBytes(response, 200, bytes)
  }

  return createServer((request, response) => {
    const onError = (error: unknown) => {
      if (response.headersSent || response.destroyed) {
        response.destroy()
        return
      }
      if (error instanceof BodyTooLargeError) {
        sendJson(response, 413, new ApiError(413, 'PayloadTooLargeError', `Body larger than ${options.maxBodyBytes} bytes.`).toBody())
      } else if (error instanceof ApiError) {
        sendJson(response, error.status, error.toBody())
      } else {
        // A bug in a handler (or SQLite refusing something): answer as the real API does rather
        // than crash, with an error id and never the internal text, which may quote stored data.
        sendJson(response, 500, new ApiError(500, 'UnknownApiError', 'Internal error; the errorId names this occurrence.').toBody())
      }
    }
    try {
      const url = requestUrl(request)
      if (!url) {
        // `//`, `//[::1`, `*`: not a path any route answers, and never a reason to stop serving.
        sendHtml(response, 400, 'Bad Request')
        request.resume()
        return
      }
      const api = parseApiPath(url.pathname)
      if (api) {
        handleApi(request, response, api.name, api.profile).catch(onError)
        return
      }
      for (const route of options.routes) if (route(request, response, emulator, url)) return
      sendHtml(response, 404, `Cannot ${escapeHtml(request.method ?? 'GET')} ${escapeHtml(url.pathname)}`)
      request.resume()
    } catch (error) {
      onError(error)
    }
  })
}
