import { syncRecordValuesResponseSchema, saveTransactionsResponseSchema } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  NetworkError,
  NotionApiError,
  ProtocolError,
  RateLimitedError,
  ValidationError,
  type TransportEvent,
  type TransportOptions,
} from '../src/index.js'
import { createTransport } from '../src/advanced.js'
import { closedPort, drop, html, json, notionError, ok, scriptedServer, stall } from './transportTestServer.js'
import { rejection } from './support/rejection.js'

const fast: TransportOptions['retry'] = { baseDelayMs: 20, maxDelayMs: 50, random: () => 0.5 }
const saveBody = { requestId: 'req-1', transactions: [{ id: 'tx-1', operations: [] }] }

describe('transport retries (scripted loopback server)', () => {
  it('retries a read through 503, 503 and returns the 200', async () => {
    const server = await scriptedServer([json(503, notionError('ServiceUnavailableError', 'busy')), json(503, {}), ok()])
    const events: TransportEvent[] = []
    const transport = createTransport({ baseUrl: server.apiUrl, retry: fast, logger: (event) => events.push(event) })
    const result = await transport.post('syncRecordValuesMain', { requests: [] }, syncRecordValuesResponseSchema)
    expect(result.recordMap).toEqual({})
    expect(server.requests).toHaveLength(3)
    const retries = events.filter((event) => event.type === 'retry')
    expect(retries.map((event) => event.attempt)).toEqual([1, 2])
    // Full jitter with random() = 0.5: half of 20 ms, then half of 40 ms.
    expect(retries.map((event) => event.type === 'retry' && event.delayMs)).toEqual([10, 20])
    // One id for the whole call, on every attempt.
    const ids = new Set(server.requests.map((request) => request.headers['x-notion-rx-request-id']))
    expect(ids.size).toBe(1)
  })

  it('gives up after maxAttempts with the last error, counting attempts', async () => {
    const server = await scriptedServer([json(502, notionError('UnknownApiError', 'bad gateway'))])
    const transport = createTransport({ baseUrl: server.apiUrl, retry: { ...fast, maxAttempts: 3 } })
    const error = await rejection(transport.post('loadPageChunk', {}, z.unknown()))
    expect(error).toBeInstanceOf(NotionApiError)
    expect(error).toMatchObject({ name: 'NotionApiError', code: 'server_error', status: 502, attempts: 3, endpoint: 'loadPageChunk' })
    expect((error as Error).message).toContain('after 3 attempts')
    expect(server.requests).toHaveLength(3)
  })

  it('retries 408 and a dropped connection for reads', async () => {
    const server = await scriptedServer([json(408, {}), drop, ok()])
    const transport = createTransport({ baseUrl: server.apiUrl, retry: fast })
    await transport.post('search', {}, z.object({ recordMap: z.record(z.string(), z.unknown()) }))
    expect(server.requests).toHaveLength(3)
  })

  it('never retries a 400', async () => {
    const server = await scriptedServer([json(400, notionError('ValidationError', 'Invalid search body: query: expected string')), ok()])
    const transport = createTransport({ baseUrl: server.apiUrl, retry: fast })
    const error = await rejection(transport.post('search', {}, z.unknown()))
    expect(error).toBeInstanceOf(ValidationError)
    expect(server.requests).toHaveLength(1)
  })

  it('honours Retry-After (seconds) on a 429 and waits about that long', async () => {
    const server = await scriptedServer([json(429, notionError('UserRateLimitResponse', 'slow down'), { 'retry-after': '1' }), ok()])
    const transport = createTransport({ baseUrl: server.apiUrl, retry: fast })
    const started = Date.now()
    await transport.post('syncRecordValues', { requests: [] }, syncRecordValuesResponseSchema)
    const waited = (server.requests[1]?.at ?? 0) - (server.requests[0]?.at ?? 0)
    expect(waited).toBeGreaterThanOrEqual(950)
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('honours Retry-After as an HTTP date', async () => {
    const when = new Date(Date.now() + 1500).toUTCString() // second precision: 0.5 to 1.5 s from now
    const server = await scriptedServer([json(429, {}, { 'retry-after': when }), ok()])
    const events: TransportEvent[] = []
    const transport = createTransport({ baseUrl: server.apiUrl, retry: fast, logger: (event) => events.push(event) })
    await transport.post('getSpaces', {}, z.unknown())
    const retry = events.find((event) => event.type === 'retry')
    expect(retry?.type === 'retry' && retry.delayMs).toBeGreaterThan(300)
    expect(server.requests).toHaveLength(2)
  })

  it('honours clientData.retryAfter (seconds) when there is no header', async () => {
    const body = notionError('UserRateLimitResponse', 'Please try again later.', { clientData: { type: 'rate_limited', retryAfter: 0.6 } })
    const server = await scriptedServer([json(429, body), ok()])
    const transport = createTransport({ baseUrl: server.apiUrl, retry: fast })
    await transport.post('queryCollection?src=initial_load', {}, z.unknown())
    const waited = (server.requests[1]?.at ?? 0) - (server.requests[0]?.at ?? 0)
    expect(waited).toBeGreaterThanOrEqual(550)
    expect(server.requests[0]?.url).toBe('/api/v3/queryCollection?src=initial_load')
  })

  it('fails at once with RateLimitedError when Retry-After exceeds maxRetryAfterMs', async () => {
    const server = await scriptedServer([json(429, notionError('UserRateLimitResponse', 'later'), { 'retry-after': '120' }), ok()])
    const transport = createTransport({ baseUrl: server.apiUrl, retry: { ...fast, maxRetryAfterMs: 5_000 } })
    const started = Date.now()
    const error = await rejection(transport.post('search', {}, z.unknown()))
    expect(Date.now() - started).toBeLessThan(1000)
    expect(error).toBeInstanceOf(RateLimitedError)
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 120_000, attempts: 1 })
    expect((error as Error).message).toContain('retry after 120 s')
    expect(server.requests).toHaveLength(1)
  })

  it('a 429 without any hint backs off and ends in RateLimitedError', async () => {
    const server = await scriptedServer([html(429, 'Too Many Requests')])
    const transport = createTransport({ baseUrl: server.apiUrl, retry: { ...fast, maxAttempts: 2 } })
    const error = await rejection(transport.post('search', {}, z.unknown()))
    expect(error).toMatchObject({ name: 'RateLimitedError', retryAfterMs: undefined, attempts: 2, serverMessage: 'Too Many Requests' })
  })

  it('does not retry a write on 503, a drop or a timeout unless it is idempotent', async () => {
    const failing = await scriptedServer([json(503, {}), ok({})])
    const transport = createTransport({ baseUrl: failing.apiUrl, retry: fast })
    const error = await rejection(transport.post('saveTransactions', saveBody, saveTransactionsResponseSchema))
    expect(error).toMatchObject({ name: 'NotionApiError', status: 503, attempts: 1 })
    expect(failing.requests).toHaveLength(1)

    const dropping = await scriptedServer([drop, ok({})])
    const viaDrop = createTransport({ baseUrl: dropping.apiUrl, retry: fast })
    expect(await rejection(viaDrop.post('submitTransaction', { operations: [] }, z.unknown()))).toBeInstanceOf(NetworkError)
    expect(dropping.requests).toHaveLength(1)

    const again = await scriptedServer([json(503, {}), drop, ok({})])
    const idempotent = createTransport({ baseUrl: again.apiUrl, retry: fast })
    await idempotent.post('saveTransactions', saveBody, saveTransactionsResponseSchema, { idempotent: true })
    expect(again.requests).toHaveLength(3)
    // The same body (same requestId) each time: the server dedupes it.
    expect(new Set(again.requests.map((request) => request.body)).size).toBe(1)
  })

  it('retries a 429 even for a non-idempotent write: the request was turned away unprocessed', async () => {
    const server = await scriptedServer([json(429, {}, { 'retry-after': '0' }), ok({})])
    const transport = createTransport({ baseUrl: server.apiUrl, retry: fast })
    await transport.post('submitTransaction', { operations: [] }, z.unknown())
    expect(server.requests).toHaveLength(2)
  })

  it('unknown endpoints are treated as writes; idempotent: false opts a read out', async () => {
    const server = await scriptedServer([json(500, {}), ok()])
    const transport = createTransport({ baseUrl: server.apiUrl, retry: fast })
    await expect(transport.post('someNewEndpoint', {}, z.unknown())).rejects.toBeInstanceOf(NotionApiError)
    await transport.post('someNewEndpoint', {}, z.unknown(), { idempotent: true })
    const reads = await scriptedServer([json(500, {}), ok()])
    const readTransport = createTransport({ baseUrl: reads.apiUrl, retry: fast })
    await expect(readTransport.post('search', {}, z.unknown(), { idempotent: false })).rejects.toMatchObject({ status: 500 })
    expect(reads.requests).toHaveLength(1)
  })

  it('connection refused is a NetworkError after the read retries', async () => {
    const port = await closedPort()
    const transport = createTransport({ baseUrl: `http://127.0.0.1:${port}/api/v3`, retry: { ...fast, maxAttempts: 2 } })
    const error = await rejection(transport.post('getSpaces', {}, z.unknown()))
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ code: 'network_error', timedOut: false, systemCode: 'ECONNREFUSED', attempts: 2 })
    expect((error as Error).message).toContain(`127.0.0.1:${port}`)
  })

  it('a timeout that is not a whole number of milliseconds a timer can hold is a RangeError, at once', async () => {
    for (const timeout of [0, -5, 1.5, Number.NaN, 2 ** 31]) {
      expect(() => createTransport({ baseUrl: 'http://127.0.0.1:9/api/v3', timeout }), String(timeout)).toThrow(RangeError)
    }
    const transport = createTransport({ baseUrl: 'http://127.0.0.1:9/api/v3' })
    await expect(transport.post('getSpaces', {}, z.unknown(), { timeout: 0 })).rejects.toThrow(/timeout must be a whole number of milliseconds/)
  })

  it('a stalled answer is a NetworkError with timedOut', async () => {
    const server = await scriptedServer([stall])
    const transport = createTransport({ baseUrl: server.apiUrl, timeout: 150, retry: { ...fast, maxAttempts: 2 } })
    const started = Date.now()
    const error = await rejection(transport.post('loadCachedPageChunkV2', {}, z.unknown()))
    expect(error).toMatchObject({ name: 'NetworkError', timedOut: true, attempts: 2 })
    expect((error as Error).message).toContain('within 150 ms')
    expect(Date.now() - started).toBeGreaterThanOrEqual(300)
    expect(server.requests).toHaveLength(2)
  })

  it('a timeout then an answer succeeds for a read; the per-call timeout overrides the default', async () => {
    const server = await scriptedServer([stall, ok()])
    const transport = createTransport({ baseUrl: server.apiUrl, timeout: 10_000, retry: fast })
    await transport.post('syncRecordValuesMain', { requests: [] }, syncRecordValuesResponseSchema, { timeout: 100 })
    expect(server.requests).toHaveLength(2)
  })

  it('a 200 whose body fails the schema is a ProtocolError naming the path, not retried', async () => {
    const server = await scriptedServer([ok({ recordMap: 'nope' }), ok()])
    const transport = createTransport({ baseUrl: server.apiUrl, retry: fast })
    const error = await rejection(transport.post('syncRecordValuesMain', { requests: [] }, syncRecordValuesResponseSchema))
    expect(error).toBeInstanceOf(ProtocolError)
    expect(error).not.toBeInstanceOf(NotionApiError)
    expect(error).toMatchObject({ code: 'protocol_error', endpoint: 'syncRecordValuesMain', status: 200 })
    expect((error as ProtocolError).issues[0]).toMatch(/^recordMap: /)
    expect((error as Error).message).toContain('syncRecordValuesMain')
    expect((error as Error).message).toContain('recordMap:')
    expect(server.requests).toHaveLength(1)
  })

  it('a 200 that is not JSON is a ProtocolError', async () => {
    const server = await scriptedServer([html(200, 'Just a moment...')])
    const transport = createTransport({ baseUrl: server.apiUrl })
    const error = await rejection(transport.post('search', {}, z.unknown()))
    expect(error).toMatchObject({ name: 'ProtocolError' })
    expect((error as ProtocolError).issues[0]).toContain('(root): the body is not JSON')
  })

  it('an AbortSignal cancels a pending request with its reason', async () => {
    const server = await scriptedServer([stall])
    const transport = createTransport({ baseUrl: server.apiUrl })
    const controller = new AbortController()
    const pending = transport.post('search', {}, z.unknown(), { signal: controller.signal })
    setTimeout(() => controller.abort(new Error('user gave up')), 50)
    await expect(pending).rejects.toThrow('user gave up')
  })

  it('an AbortSignal cancels the wait between retries', async () => {
    const server = await scriptedServer([json(429, {}, { 'retry-after': '30' })])
    const transport = createTransport({ baseUrl: server.apiUrl })
    const controller = new AbortController()
    const started = Date.now()
    const pending = transport.post('search', {}, z.unknown(), { signal: controller.signal })
    setTimeout(() => controller.abort(), 100)
    const error = await rejection(pending)
    expect((error as Error).name).toBe('AbortError')
    expect(Date.now() - started).toBeLessThan(2000)
    expect(server.requests).toHaveLength(1)
  })

  it("the transport's own signal cancels every call; an already aborted one sends nothing", async () => {
    const server = await scriptedServer([ok()])
    const controller = new AbortController()
    controller.abort()
    const transport = createTransport({ baseUrl: server.apiUrl, signal: controller.signal })
    await expect(transport.post('search', {}, z.unknown())).rejects.toMatchObject({ name: 'AbortError' })
    expect(server.requests).toHaveLength(0)
  })

  it('sends the cookie, active user, space id, audit platform, user agent and request id headers', async () => {
    const server = await scriptedServer([ok()])
    const transport = createTransport({
      baseUrl: `${server.apiUrl}/`,
      tokenV2: 'v02:secret-token-value',
      activeUser: '11111111-2222-4333-8444-555555555555',
      headers: { 'notion-client-version': '23.13.20260822.0220' },
    })
    await transport.post('queryCollection', { a: 1 }, z.unknown(), { spaceId: 'space-1' })
    const seen = server.requests[0]
    expect(seen?.url).toBe('/api/v3/queryCollection')
    expect(seen?.body).toBe('{"a":1}')
    expect(seen?.headers).toMatchObject({
      cookie: 'token_v2=v02:secret-token-value',
      'x-notion-active-user-header': '11111111-2222-4333-8444-555555555555',
      'x-notion-space-id': 'space-1',
      'notion-audit-log-platform': 'web',
      'notion-client-version': '23.13.20260822.0220',
      'user-agent': 'notion-rx/0.1.0',
      'content-type': 'application/json',
    })
    expect(seen?.headers['x-notion-rx-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('sends no cookie without a token, and a custom user agent', async () => {
    const server = await scriptedServer([ok()])
    const transport = createTransport({ baseUrl: server.apiUrl, userAgent: 'my-app/1.0' })
    await transport.post('getPublicPageData', {}, z.unknown())
    expect(server.requests[0]?.headers.cookie).toBeUndefined()
    expect(server.requests[0]?.headers['x-notion-active-user-header']).toBeUndefined()
    expect(server.requests[0]?.headers['user-agent']).toBe('my-app/1.0')
  })

  it('records x-request-id / cf-ray as serverRequestId', async () => {
    const server = await scriptedServer([json(500, notionError('UnknownApiError', 'boom'), { 'cf-ray': '8f00aa-LHR' })])
    const transport = createTransport({ baseUrl: server.apiUrl, retry: { maxAttempts: 1 } })
    const error = await rejection(transport.post('search', {}, z.unknown()))
    expect(error).toMatchObject({ serverRequestId: '8f00aa-LHR', errorId: '8e55a984-004f-44a3-8338-a7c68617e9e4', serverMessage: 'boom' })
    expect((error as NotionApiError).requestId).toMatch(/^[0-9a-f-]{36}$/)
  })
})
