import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { syncRecordValuesResponseSchema } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import { NetworkError } from '../src/index.js'
import { createTransport } from '../src/advanced.js'
import { nodeHttpPoster } from '../src/transport/nodeHttpPost.js'
import { decideRetry, retryPolicy } from '../src/transport/retryPolicy.js'
import { scriptedServer, type Step } from './transportTestServer.js'
import { rejection } from './support/rejection.js'

const answer = { recordMap: { block: { b1: { role: 'editor', value: { id: 'b1', version: 3, type: 'text' } } } } }

/** Answers with the JSON body compressed by `compress`, labelled `encoding`. */
function compressed(encoding: string, compress: (bytes: Buffer) => Buffer): Step {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding })
    response.end(compress(Buffer.from(JSON.stringify(answer))))
  }
}

describe("the transport's own HTTP client (no fetch given)", () => {
  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('asks for compressed answers and reads a %s one', async (encoding, compress) => {
    const server = await scriptedServer([compressed(encoding, compress)])
    const transport = createTransport({ baseUrl: server.apiUrl })
    const result = await transport.post('syncRecordValuesMain', { requests: [] }, syncRecordValuesResponseSchema)
    expect(result.recordMap['block']?.['b1']?.value).toMatchObject({ id: 'b1', version: 3 })
    expect(server.requests[0]?.headers['accept-encoding']).toBe('gzip, deflate, br')
  })

  it('sends the body with its length and one value per header, a caller\'s header replacing ours whatever its case', async () => {
    const server = await scriptedServer([compressed('identity', (bytes) => bytes)])
    const transport = createTransport({ baseUrl: server.apiUrl, tokenV2: 'secret-token', headers: { 'User-Agent': 'my-app/2', 'Notion-Client-Version': '23.13' } })
    const body = { requests: [{ pointer: { table: 'block', id: 'ü-1' }, version: -1 }] }
    await transport.post('syncRecordValuesMain', body, syncRecordValuesResponseSchema, { headers: { 'X-Extra': 'a' } })
    const seen = server.requests[0]!
    expect(JSON.parse(seen.body)).toEqual(body)
    expect(seen.headers['content-length']).toBe(String(Buffer.byteLength(seen.body)))
    expect(seen.headers).toMatchObject({ 'user-agent': 'my-app/2', 'notion-client-version': '23.13', 'x-extra': 'a', cookie: 'token_v2=secret-token' })
  })

  it('an answer cut off mid-body is a NetworkError (retried, then reported), not a short JSON', async () => {
    const cutOff: Step = (request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' })
      response.write('{"recordMap":{')
      setTimeout(() => request.socket.destroy(), 10)
    }
    const server = await scriptedServer([cutOff])
    const transport = createTransport({ baseUrl: server.apiUrl, retry: { maxAttempts: 2, baseDelayMs: 1 } })
    const error = await rejection(transport.post('syncRecordValuesMain', { requests: [] }, syncRecordValuesResponseSchema))
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ attempts: 2, timedOut: false })
    expect(server.requests).toHaveLength(2)
  })

  it('refuses an address that is neither http: nor https: with a NetworkError saying so', async () => {
    const transport = createTransport({ baseUrl: 'ftp://127.0.0.1/api/v3', retry: { maxAttempts: 1 } })
    const error = await rejection(transport.post('syncRecordValuesMain', { requests: [] }, syncRecordValuesResponseSchema))
    expect(error).toBeInstanceOf(NetworkError)
    expect(String((error as Error).cause)).toContain('only http: and https:')
  })

  it('a fetch given in the options carries every call instead', async () => {
    const server = await scriptedServer([compressed('identity', (bytes) => bytes)])
    const seen: string[] = []
    const transport = createTransport({
      baseUrl: server.apiUrl,
      fetch: (input, init) => {
        seen.push(String(input))
        return fetch(input, init)
      },
    })
    await transport.post('syncRecordValuesMain', { requests: [] }, syncRecordValuesResponseSchema)
    expect(seen).toEqual([`${server.apiUrl}/syncRecordValuesMain`])
    expect(server.requests).toHaveLength(1)
  })

  it('stops reading an answer past its size limit, counted after decompression (a gzip bomb), and says why', async () => {
    const server = await scriptedServer([compressed('gzip', () => gzipSync(Buffer.alloc(4_000_000, 0x20)))])
    const post = nodeHttpPoster(1_000_000)
    const error = await rejection(post({ url: `${server.apiUrl}/syncRecordValuesMain`, headers: {}, body: '{}', signal: undefined }))
    expect(error).toMatchObject({ code: 'ERR_ANSWER_TOO_LARGE', message: 'the answer is larger than 1000000 bytes, the most the client reads' })
    // Under the limit, the same answer reads whole.
    const roomy = await scriptedServer([compressed('gzip', () => gzipSync(Buffer.alloc(4_000_000, 0x20)))])
    const answer = await nodeHttpPoster(4_000_000)({ url: `${roomy.apiUrl}/syncRecordValuesMain`, headers: {}, body: '{}', signal: undefined })
    expect(answer.text).toHaveLength(4_000_000)
  })

  it('a too-large answer is a NetworkError that says so and is not retried (it would be as large again)', () => {
    const request = { method: 'POST', url: 'http://x/api/v3/syncRecordValuesMain', headers: {} }
    const error = new NetworkError({ endpoint: 'syncRecordValuesMain', requestId: 'r-1', request, attempts: 1, timedOut: false, systemCode: 'ERR_ANSWER_TOO_LARGE' })
    expect(error.message).toBe('syncRecordValuesMain: the answer from http://x/api/v3/syncRecordValuesMain is too large to read (over 512 MiB). Ask for fewer records per call.')
    const eligible = { transient: true, rateLimited: true }
    expect(decideRetry(error, 1, eligible, undefined, retryPolicy({ maxAttempts: 3 }))).toEqual({ retry: false, error })
    const reset = new NetworkError({ endpoint: 'syncRecordValuesMain', requestId: 'r-1', request, attempts: 1, timedOut: false, systemCode: 'ECONNRESET' })
    expect(decideRetry(reset, 1, eligible, undefined, retryPolicy({ maxAttempts: 3 }))).toMatchObject({ retry: true })
  })
})
