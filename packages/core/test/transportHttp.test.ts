import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { syncRecordValuesResponseSchema } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import { NetworkError } from '../src/index.js'
import { createTransport } from '../src/advanced.js'
import { scriptedServer, type Step } from './transportTestServer.js'

const answer = { recordMap: { block: { b1: { role: 'editor', value: { id: 'b1', version: 3, type: 'text' } } } } }

/** Answers with the JSON body compressed by `compress`, labelled `encoding`. */
function compressed(encoding: string, compress: (bytes: Buffer) => Buffer): Step {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding })
    response.end(compress(Buffer.from(JSON.stringify(answer))))
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the promise to reject')
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
})
