import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import {
  getRecordValuesResponseSchema,
  getSpacesResponseSchema,
  submitTransactionResponseSchema,
  saveTransactionsResponseSchema,
  syncRecordValuesResponseSchema,
} from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { testEmulator } from '@notion-rx/emulator/testing'
import {
  NetworkError,
  NotionApiError,
  SDK_VERSION,
  TransactionRejectedError,
  UnauthorizedError,
  UnknownEndpointError,
  ValidationError,
  type FetchFunction,
  type TransportEvent,
} from '../src/index.js'
import { createTransport } from '../src/advanced.js'
import { rejection } from './support/rejection.js'

const fast = { baseDelayMs: 10, maxDelayMs: 20 }

describe('transport against the emulator', () => {
  it('validates and normalizes a nested-envelope syncRecordValuesMain answer', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com', name: 'Ada Lovelace' })
    const transport = createTransport({ baseUrl: emu.apiUrl, tokenV2: ada.tokenV2 })
    const result = await transport.post(
      'syncRecordValuesMain',
      { requests: [{ pointer: { table: 'space', id: ada.spaceId }, version: -1 }] },
      syncRecordValuesResponseSchema,
    )
    expect(result.recordMap).not.toHaveProperty('__version__')
    const space = result.recordMap.space?.[ada.spaceId]
    expect(space?.role).toBe('editor')
    expect(space?.value?.['name']).toBe("Ada Lovelace's Notion")
  })

  it('normalizes the flat envelope to the same shape, and getRecordValues results', async () => {
    const emu = await testEmulator({ envelope: 'flat' })
    const ada = emu.createUser({ email: 'ada@example.com' })
    const transport = createTransport({ baseUrl: emu.apiUrl, tokenV2: ada.tokenV2 })
    const synced = await transport.post(
      'syncRecordValues',
      { requests: [{ table: 'notion_user', id: ada.id, version: -1 }] },
      syncRecordValuesResponseSchema,
    )
    expect(synced.recordMap.notion_user?.[ada.id]).toMatchObject({ role: 'editor', value: { email: 'ada@example.com' } })
    const values = await transport.post(
      'getRecordValues',
      { requests: [{ table: 'notion_user', id: ada.id }, { table: 'block', id: randomUUID() }] },
      getRecordValuesResponseSchema,
    )
    expect(values.results[0]).toMatchObject({ role: 'editor', value: { email: 'ada@example.com' } })
    expect(values.results[1]).toEqual({ role: 'none' })
  })

  it('normalizes getSpaces maps keyed by user id', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const transport = createTransport({ baseUrl: emu.apiUrl, tokenV2: ada.tokenV2 })
    const spaces = await transport.post('getSpaces', {}, getSpacesResponseSchema)
    const mine = spaces[ada.id] as Record<string, Record<string, { role: string }>> | undefined
    expect(mine?.['space']?.[ada.spaceId]?.role).toBe('editor')
  })

  it('sends the active user: the same token reads as another of its users', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const alt = emu.createUser({ email: 'ada.work@example.com', tokenV2: ada.tokenV2 })
    const body = { requests: [{ table: 'user_root', id: alt.id, version: -1 }] }
    const asAlt = createTransport({ baseUrl: emu.apiUrl, tokenV2: ada.tokenV2, activeUser: alt.id })
    const result = await asAlt.post('syncRecordValues', body, syncRecordValuesResponseSchema)
    expect(result.recordMap.user_root?.[alt.id]?.role).toBe('editor')
  })

  it('an unknown token is an UnauthorizedError that says what to do', async () => {
    const emu = await testEmulator()
    const transport = createTransport({ baseUrl: emu.apiUrl, tokenV2: 'v02:not-a-real-token', retry: fast })
    const error = await rejection(transport.post('syncRecordValuesMain', { requests: [] }, syncRecordValuesResponseSchema))
    expect(error).toBeInstanceOf(UnauthorizedError)
    expect(error).toBeInstanceOf(NotionApiError)
    expect(error).toMatchObject({ code: 'unauthorized', status: 401, notionName: 'UnauthorizedError', attempts: 1 })
    expect((error as Error).message).toContain('token_v2 was rejected')
    expect((error as Error).message).toContain('copy a fresh token_v2 cookie')
    expect((error as NotionApiError).errorId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('a bad active user is an UnauthorizedError pointing at activeUser', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const transport = createTransport({ baseUrl: emu.apiUrl, tokenV2: ada.tokenV2, activeUser: 'someone-else' })
    const error = await rejection(transport.post('syncRecordValues', { requests: [] }, syncRecordValuesResponseSchema))
    expect(error).toBeInstanceOf(UnauthorizedError)
    expect((error as Error).message).toContain('activeUser')
  })

  it("a bad body is a ValidationError carrying the server's debugMessage", async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const requests: string[] = []
    const transport = createTransport({
      baseUrl: emu.apiUrl,
      tokenV2: ada.tokenV2,
      logger: (event) => event.type === 'request' && requests.push(event.endpoint),
    })
    const error = await rejection(transport.post('syncRecordValues', { requests: [{ pointer: { table: 5 } }] }, syncRecordValuesResponseSchema))
    expect(error).toBeInstanceOf(ValidationError)
    const validation = error as ValidationError
    expect(validation).toMatchObject({ code: 'validation_error', status: 400, notionName: 'ValidationError', endpoint: 'syncRecordValues' })
    expect(validation.serverMessage).toContain('requests.0')
    expect(validation.message).toContain(validation.serverMessage)
    expect(validation.message).toMatch(/^syncRecordValues: /)
    expect(requests).toHaveLength(1)
  })

  it('an unknown endpoint is an UnknownEndpointError, so callers can fall back', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const transport = createTransport({ baseUrl: emu.apiUrl, tokenV2: ada.tokenV2 })
    const error = await rejection(transport.post('syncRecordValuesMainV2', { requests: [] }, syncRecordValuesResponseSchema))
    expect(error).toBeInstanceOf(UnknownEndpointError)
    expect(error).toMatchObject({ code: 'unknown_endpoint', status: 404, serverMessage: 'Cannot POST /api/v3/syncRecordValuesMainV2' })

    // The fallback chain a loader would use.
    const body = { requests: [{ pointer: { table: 'space', id: ada.spaceId }, version: -1 }] }
    let result: unknown
    for (const endpoint of ['syncRecordValuesMainV2', 'syncRecordValuesMain']) {
      try {
        result = await transport.post(endpoint, body, syncRecordValuesResponseSchema)
        break
      } catch (caught) {
        if (!UnknownEndpointError.isUnknownEndpointError(caught)) throw caught
      }
    }
    expect(result).toMatchObject({ recordMap: { space: { [ada.spaceId]: { role: 'editor' } } } })
  })

  it('reads are retried through injected 503s (the logger turns the fault off after the first)', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    emu.setFaults({ errorRate: 1 })
    const events: TransportEvent[] = []
    const transport = createTransport({
      baseUrl: emu.apiUrl,
      tokenV2: ada.tokenV2,
      retry: fast,
      logger: (event) => {
        events.push(event)
        if (event.type === 'retry' && event.attempt === 2) emu.setFaults({})
      },
    })
    const result = await transport.post('syncRecordValuesMain', { requests: [] }, syncRecordValuesResponseSchema)
    expect(result.recordMap).toEqual({})
    expect(events.filter((event) => event.type === 'response').map((event) => event.type === 'response' && event.status)).toEqual([503, 503, 200])
  })

  it('a 429 with Retry-After and clientData.retryAfter from the emulator is waited out', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    emu.setFaults({ rateLimitRate: 1, retryAfterSeconds: 1 })
    const delays: number[] = []
    const transport = createTransport({
      baseUrl: emu.apiUrl,
      tokenV2: ada.tokenV2,
      logger: (event) => {
        if (event.type !== 'retry') return
        delays.push(event.delayMs)
        emu.setFaults({})
      },
    })
    const started = Date.now()
    await transport.post('loadUserContent', {}, z.looseObject({ recordMap: z.record(z.string(), z.unknown()) }))
    expect(delays).toEqual([1000])
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
  })

  it('dropped connections are NetworkErrors; reads retry through them', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    emu.setFaults({ dropRate: 1 })
    const transport = createTransport({ baseUrl: emu.apiUrl, tokenV2: ada.tokenV2, retry: { ...fast, maxAttempts: 2 } })
    const error = await rejection(transport.post('search', { query: 'x' }, z.unknown()))
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ timedOut: false, attempts: 2 })
  })

  it('a rejected write is a TransactionRejectedError with the transaction ids', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    emu.setFaults({ rejectWrites: true })
    const transport = createTransport({ baseUrl: emu.apiUrl, tokenV2: ada.tokenV2 })
    const transactions = [randomUUID(), randomUUID()].map((id) => ({
      id,
      spaceId: ada.spaceId,
      operations: [{ pointer: { table: 'space', id: ada.spaceId, spaceId: ada.spaceId }, path: ['name'], command: 'set', args: 'x' }],
    }))
    const error = await rejection(
      transport.post('saveTransactionsMain', { requestId: randomUUID(), transactions }, saveTransactionsResponseSchema, { idempotent: true }),
    )
    expect(error).toBeInstanceOf(TransactionRejectedError)
    const rejected = error as TransactionRejectedError
    expect(rejected).toMatchObject({ code: 'transaction_rejected', status: 400 })
    expect(rejected.transactionIds.sort()).toEqual(transactions.map((transaction) => transaction.id).sort())
    expect(rejected.errors[0]).toMatchObject({ id: transactions[0]?.id, retryable: false })
    expect(rejected.message).toContain(transactions[0]?.id)
  })

  it('an idempotent write whose answer was lost is retried and applied once (the emulator dedupes)', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    let calls = 0
    // Lets the first request reach the server, then loses its answer, like a reset after commit.
    const losingFetch: FetchFunction = async (input, init) => {
      calls++
      const response = await fetch(input, init)
      if (calls === 1) {
        await response.text()
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) })
      }
      return response
    }
    const read = createTransport({ baseUrl: emu.apiUrl, tokenV2: ada.tokenV2 })
    const versionOf = async () => {
      const result = await read.post(
        'syncRecordValuesMain',
        { requests: [{ pointer: { table: 'space', id: ada.spaceId }, version: -1 }] },
        syncRecordValuesResponseSchema,
      )
      return result.recordMap.space?.[ada.spaceId]?.value?.['version']
    }
    const before = await versionOf()
    const write = createTransport({ baseUrl: emu.apiUrl, tokenV2: ada.tokenV2, fetch: losingFetch, retry: fast })
    const body = {
      transactionId: randomUUID(),
      operations: [{ id: ada.spaceId, table: 'space', path: ['name'], command: 'set', args: 'Renamed' }],
    }
    await write.post('submitTransaction', body, submitTransactionResponseSchema, { idempotent: true })
    expect(calls).toBe(2)
    expect(await versionOf()).toBe((before as number) + 1)

    // Without idempotent, the same lost answer is a NetworkError and nothing is re-sent.
    calls = 0
    const error = await rejection(write.post('submitTransaction', { ...body, transactionId: randomUUID() }, submitTransactionResponseSchema))
    expect(error).toMatchObject({ name: 'NetworkError', systemCode: 'ECONNRESET', attempts: 1 })
    expect(calls).toBe(1)
  })

  it('the default User-Agent carries the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
    expect(SDK_VERSION).toBe(pkg.version)
  })
})
