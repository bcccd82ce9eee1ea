import { inspect } from 'node:util'
import { syncRecordValuesResponseSchema } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  NetworkError,
  NotionApiError,
  ProtocolError,
  RateLimitedError,
  TransactionRejectedError,
  UnauthorizedError,
  UnknownEndpointError,
  ValidationError,
  isNotionError,
  type TransportEvent,
} from '../src/index.js'
import {
  REDACTED,
  createTransport,
  redactHeaders,
  redactText,
} from '../src/advanced.js'
import { closedPort, html, json, scriptedServer, stall, type Step } from './transportTestServer.js'
import { rejection } from './support/rejection.js'

const TOKEN = 'v02:user_token_or_cookies:SECRET-abc123DEF456-very-secret'
const ACTIVE_USER = '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'

/** A hostile server: echoes the cookie and the active user back in every error body. */
function echoing(status: number, extra: (cookie: string) => Record<string, unknown> = () => ({})): Step {
  return (request, response) => {
    const cookie = request.headers.cookie ?? ''
    const user = String(request.headers['x-notion-active-user-header'] ?? '')
    json(status, {
      isNotionError: true,
      errorId: 'e1',
      name: status === 401 ? 'UnauthorizedError' : 'ValidationError',
      message: `Rejected ${cookie}`,
      debugMessage: `Bad cookie "${cookie}" for user ${user}`,
      ...extra(cookie),
    })(request, response)
  }
}

function expectClean(value: unknown): void {
  const texts = [
    value instanceof Error ? `${value.message}\n${value.stack ?? ''}` : '',
    JSON.stringify(value),
    inspect(value, { depth: 20, showHidden: true }),
    String(value),
  ]
  for (const text of texts) {
    expect(text).not.toContain(TOKEN)
    expect(text).not.toContain('SECRET-abc123DEF456')
    expect(text).not.toContain(ACTIVE_USER)
  }
}

interface Case {
  name: string
  steps: Step[]
  endpoint: string
  expected: new (...args: never[]) => Error
  timeout?: number
  schema?: z.ZodType
}

const cases: Case[] = [
  { name: 'NotionApiError (500)', steps: [echoing(500)], endpoint: 'search', expected: NotionApiError },
  { name: 'UnauthorizedError (401)', steps: [echoing(401)], endpoint: 'search', expected: UnauthorizedError },
  {
    name: 'RateLimitedError (429)',
    steps: [echoing(429, (cookie) => ({ clientData: { type: 'rate_limited', retryAfter: 999, cookie } }))],
    endpoint: 'search',
    expected: RateLimitedError,
  },
  { name: 'ValidationError (400)', steps: [echoing(400)], endpoint: 'search', expected: ValidationError },
  {
    name: 'TransactionRejectedError (400 unsaved_transactions)',
    steps: [
      echoing(400, (cookie) => ({
        clientData: { type: 'unsaved_transactions', errors: [{ id: 't1', name: 'ValidationError', message: cookie }], untried: [] },
      })),
    ],
    endpoint: 'saveTransactions',
    expected: TransactionRejectedError,
  },
  { name: 'UnknownEndpointError (404)', steps: [html(404, 'Cannot POST /api/v3/nope')], endpoint: 'nope', expected: UnknownEndpointError },
  { name: 'NetworkError (timeout)', steps: [stall], endpoint: 'search', expected: NetworkError, timeout: 100 },
  {
    name: 'ProtocolError (schema)',
    steps: [(request, response) => json(200, { recordMap: request.headers.cookie })(request, response)],
    endpoint: 'syncRecordValues',
    expected: ProtocolError,
    schema: syncRecordValuesResponseSchema,
  },
]

describe('redaction', () => {
  for (const testCase of cases) {
    it(`${testCase.name}: no token or active user in message, stack, JSON, inspect or log events`, async () => {
      const server = await scriptedServer(testCase.steps)
      const events: TransportEvent[] = []
      const transport = createTransport({
        baseUrl: server.apiUrl,
        tokenV2: TOKEN,
        activeUser: ACTIVE_USER,
        retry: { maxAttempts: 2, baseDelayMs: 1, maxRetryAfterMs: 1 },
        ...(testCase.timeout ? { timeout: testCase.timeout } : {}),
        logger: (event) => events.push(event),
      })
      const error = await rejection(transport.post(testCase.endpoint, { some: 'body' }, testCase.schema ?? z.unknown()))
      expect(error).toBeInstanceOf(testCase.expected)
      expect(isNotionError(error)).toBe(true)
      // The server did receive the credentials.
      expect(server.requests[0]?.headers.cookie).toBe(`token_v2=${TOKEN}`)
      expectClean(error)
      expect((error as { request: { headers: Record<string, string> } }).request.headers).toMatchObject({
        cookie: REDACTED,
        'x-notion-active-user-header': REDACTED,
      })
      expect(events.length).toBeGreaterThan(1)
      for (const event of events) expectClean(event)
    })
  }

  it('NetworkError (refused): clean, cause included', async () => {
    const port = await closedPort()
    const events: TransportEvent[] = []
    const transport = createTransport({
      baseUrl: `http://127.0.0.1:${port}/api/v3`,
      tokenV2: TOKEN,
      activeUser: ACTIVE_USER,
      retry: { maxAttempts: 1 },
      logger: (event) => events.push(event),
    })
    const error = await rejection(transport.post('search', {}, z.unknown()))
    expect(error).toBeInstanceOf(NetworkError)
    expect((error as Error).cause).toMatchObject({ code: 'ECONNREFUSED' })
    expectClean(error)
    for (const event of events) expectClean(event)
  })

  it("never changes the caller's objects", async () => {
    const server = await scriptedServer([echoing(400)])
    const headers = { 'notion-client-version': '1', Cookie: `token_v2=${TOKEN}` }
    const options = { baseUrl: server.apiUrl, tokenV2: TOKEN, headers }
    const body = { requests: [{ table: 'block', id: 'x' }] }
    const frozenOptions = structuredClone(options)
    const frozenBody = structuredClone(body)
    const transport = createTransport(options)
    await rejection(transport.post('syncRecordValues', body, z.unknown(), { headers: { authorization: 'Bearer abc' } }))
    expect(options).toEqual(frozenOptions)
    expect(body).toEqual(frozenBody)
  })

  it('redactHeaders and redactText', () => {
    const headers = new Headers({ Cookie: `token_v2=${TOKEN}; notion_user_id=u`, 'X-Notion-Active-User-Header': ACTIVE_USER, Accept: 'x' })
    expect(redactHeaders(headers)).toEqual({ cookie: REDACTED, 'x-notion-active-user-header': REDACTED, accept: 'x' })
    expect(redactHeaders({ Authorization: 'Bearer t', 'x-other': `see token_v2=${TOKEN}` })).toEqual({
      authorization: REDACTED,
      'x-other': `see token_v2=${REDACTED}`,
    })
    expect(redactText(`a ${TOKEN} b`, [TOKEN])).toBe(`a ${REDACTED} b`)
    expect(redactText('token_v2=abc; other=1')).toBe(`token_v2=${REDACTED}; other=1`)
  })
})
