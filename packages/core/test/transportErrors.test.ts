import { describe, expect, expectTypeOf, it } from 'vitest'
import * as core from './support/allEntries.js'
import {
  NOTION_ERROR_CODES,
  NetworkError,
  NotionApiError,
  NotionError,
  ProtocolError,
  RateLimitedError,
  TransactionRejectedError,
  UnauthorizedError,
  UnknownEndpointError,
  ValidationError,
  isNotionApiError,
  isNotionError,
  type NotionErrorCode,
} from '../src/index.js'
import { createTransport, endpointKind, normalizeResponse } from '../src/advanced.js'
import { isTransientStatus, retryEligibility } from '../src/transport/endpointPolicy.js'
import { backoffDelay, clientDataRetryAfter, parseRetryAfter } from '../src/transport/retryDelay.js'

const base = {
  endpoint: 'search',
  requestId: 'r-1',
  request: { method: 'POST', url: 'http://x/api/v3/search', headers: {} },
  attempts: 1,
}

function describeCode(code: NotionErrorCode): string {
  switch (code) {
    case 'api_error':
    case 'server_error':
    case 'unauthorized':
    case 'rate_limited':
    case 'validation_error':
    case 'transaction_rejected':
    case 'unknown_endpoint':
    case 'network_error':
    case 'protocol_error':
      return code
    default: {
      // Compile-time exhaustiveness: a new code without a case fails here.
      const unreachable: never = code
      return unreachable
    }
  }
}

describe('error classes', () => {
  const errors = [
    new NotionApiError({ ...base, status: 503 }),
    new NotionApiError({ ...base, status: 418 }),
    new UnauthorizedError({ ...base, status: 401 }),
    new RateLimitedError({ ...base, status: 429, retryAfterMs: 2000 }),
    new ValidationError({ ...base, status: 400, serverMessage: 'Invalid input.' }),
    new TransactionRejectedError({ ...base, status: 400, errors: [{ id: 't1', name: 'ValidationError' }], untried: ['t2'] }),
    new UnknownEndpointError({ ...base, status: 404, serverMessage: 'Cannot POST /api/v3/search' }),
    new NetworkError({ ...base, timedOut: true, timeoutMs: 10 }),
    new ProtocolError({ ...base, status: 200, issues: ['recordMap: expected record'] }),
  ]

  it('have literal names and codes, from the code table', () => {
    expect(errors.map((error) => [error.name, error.code])).toEqual([
      ['NotionApiError', 'server_error'],
      ['NotionApiError', 'api_error'],
      ['UnauthorizedError', 'unauthorized'],
      ['RateLimitedError', 'rate_limited'],
      ['ValidationError', 'validation_error'],
      ['TransactionRejectedError', 'transaction_rejected'],
      ['UnknownEndpointError', 'unknown_endpoint'],
      ['NetworkError', 'network_error'],
      ['ProtocolError', 'protocol_error'],
    ])
    const codes = new Set<string>(Object.values(NOTION_ERROR_CODES))
    for (const error of errors) {
      expect(codes.has(error.code)).toBe(true)
      expect(describeCode(error.code)).toBe(error.code)
      expect(error).toBeInstanceOf(NotionError)
      expect(error.stack).toBeDefined()
    }
    expectTypeOf(new UnauthorizedError({ ...base, status: 401 }).code).toEqualTypeOf<'unauthorized'>()
    expectTypeOf(new NetworkError({ ...base, timedOut: false }).name).toEqualTypeOf<'NetworkError'>()
  })

  it('every message names the endpoint', () => {
    for (const error of errors) expect(error.message).toMatch(/^search: /)
  })

  it('ProtocolError and NetworkError are outside the NotionApiError family', () => {
    const [, , , , , , , network, protocol] = errors
    expect(isNotionApiError(network)).toBe(false)
    expect(isNotionApiError(protocol)).toBe(false)
    expect(errors.slice(0, 7).every((error) => isNotionApiError(error))).toBe(true)
  })

  it('guards accept errors of a duplicated package by name and code, and reject look-alikes', () => {
    class ForeignUnauthorized extends Error {
      override name = 'UnauthorizedError'
      code = 'unauthorized'
      status = 401
    }
    const foreign = new ForeignUnauthorized('from another copy')
    expect(foreign).not.toBeInstanceOf(UnauthorizedError)
    expect(UnauthorizedError.isUnauthorizedError(foreign)).toBe(true)
    expect(isNotionApiError(foreign)).toBe(true)
    expect(isNotionError(foreign)).toBe(true)
    expect(RateLimitedError.isRateLimitedError(foreign)).toBe(false)

    const lookAlike = Object.assign(new Error('zod or someone else'), { name: 'ValidationError' })
    expect(ValidationError.isValidationError(lookAlike)).toBe(false)
    expect(isNotionError(lookAlike)).toBe(false)
    expect(isNotionError({ name: 'NetworkError', code: 'network_error' })).toBe(false)
    expect(NetworkError.isNetworkError(errors[7])).toBe(true)
    expect(ProtocolError.isProtocolError(errors[8])).toBe(true)
    expect(TransactionRejectedError.isTransactionRejectedError(errors[5])).toBe(true)
    expect(UnknownEndpointError.isUnknownEndpointError(errors[6])).toBe(true)
    expect(NotionError.isNotionError(errors[0])).toBe(true)
  })

  it('TransactionRejectedError lists rejected then untried ids', () => {
    expect((errors[5] as TransactionRejectedError).transactionIds).toEqual(['t1', 't2'])
  })

  it('JSON.stringify gives a plain object with the message and no cause', () => {
    const error = new ValidationError({ ...base, status: 400, serverMessage: 'Invalid input.', cause: new Error('inner') })
    const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>
    expect(json).toMatchObject({ name: 'ValidationError', code: 'validation_error', status: 400, endpoint: 'search', requestId: 'r-1' })
    expect(json['message']).toContain('Invalid input.')
    expect(json).not.toHaveProperty('cause')
    expect(error.cause).toBeInstanceOf(Error)
  })
})

describe('retry policy', () => {
  it('classifies endpoints', () => {
    expect(endpointKind('syncRecordValuesMain')).toBe('read')
    expect(endpointKind('queryCollection?src=initial_load')).toBe('read')
    expect(endpointKind('saveTransactionsFanout')).toBe('write')
    expect(endpointKind('deleteBlocks')).toBe('write')
    expect(endpointKind('brandNewEndpoint')).toBe('write')
    expect(retryEligibility('search', undefined)).toEqual({ transient: true, rateLimited: true })
    expect(retryEligibility('submitTransaction', undefined)).toEqual({ transient: false, rateLimited: true })
    expect(retryEligibility('submitTransaction', true)).toEqual({ transient: true, rateLimited: true })
    expect(retryEligibility('search', false)).toEqual({ transient: false, rateLimited: true })
  })

  it('rejects a maxAttempts that would never stop or never send', () => {
    expect(() => createTransport({ retry: { maxAttempts: 0 } })).toThrow(RangeError)
    expect(() => createTransport({ retry: { maxAttempts: Number.NaN } })).toThrow(/maxAttempts/)
    expect(createTransport({ retry: { maxAttempts: 1 } }).baseUrl).toBe('https://app.notion.com/api/v3')
  })

  it('transient statuses', () => {
    expect([408, 500, 502, 503, 504, 520, 524, 530].every(isTransientStatus)).toBe(true)
    expect([400, 401, 403, 404, 413, 429, 501, 505].some(isTransientStatus)).toBe(false)
  })

  it('backoff is exponential, jittered below its ceiling, and capped', () => {
    const options = { baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999 }
    expect([1, 2, 3, 4, 5, 6].map((retry) => backoffDelay(retry, options))).toEqual([99, 199, 399, 799, 999, 999])
    expect(backoffDelay(3, { ...options, random: () => 0 })).toBe(0)
  })

  it('parses Retry-After as seconds or an HTTP date, and clientData.retryAfter as seconds', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter('0', now)).toBe(0)
    expect(parseRetryAfter('1.5', now)).toBe(1500)
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000)
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
    expect(clientDataRetryAfter({ retryAfter: 2 })).toBe(2000)
    expect(clientDataRetryAfter({ retryAfter: '4' })).toBe(4000)
    expect(clientDataRetryAfter({ retryAfter: -1 })).toBeUndefined()
    expect(clientDataRetryAfter(undefined)).toBeUndefined()
  })
})

describe('normalizeResponse', () => {
  const value = { id: 'b1', version: 3, type: 'text' }
  it('gives both envelopes one shape', () => {
    const nested = normalizeResponse('loadPageChunk', {
      cursor: { stack: [] },
      recordMap: { __version__: 3, block: { b1: { spaceId: 's1', value: { role: 'editor', value } } } },
    })
    const flat = normalizeResponse('loadPageChunk', { cursor: { stack: [] }, recordMap: { block: { b1: { role: 'editor', value } } } })
    expect(nested.recordMap).toEqual({ block: { b1: { role: 'editor', value, spaceId: 's1' } } })
    expect(flat.recordMap).toEqual({ block: { b1: { role: 'editor', value } } })
    expect(nested.cursor).toEqual({ stack: [] })
  })

  it('leaves answers without record maps alone', () => {
    expect(normalizeResponse('getSignedFileUrls', { signedUrls: ['u'] })).toEqual({ signedUrls: ['u'] })
    expect(normalizeResponse('saveTransactions', {})).toEqual({})
  })
})

describe('public API', () => {
  it('exports the transport surface', () => {
    const names = [
      'createTransport',
      'DEFAULT_BASE_URL',
      'DEFAULT_TIMEOUT_MS',
      'READ_ENDPOINTS',
      'WRITE_ENDPOINTS',
      'endpointKind',
      'normalizeResponse',
      'REDACTED',
      'redactHeaders',
      'redactText',
      'SDK_VERSION',
      'NOTION_ERROR_CODES',
      'NotionError',
      'isNotionError',
      'NotionApiError',
      'isNotionApiError',
      'UnauthorizedError',
      'RateLimitedError',
      'ValidationError',
      'TransactionRejectedError',
      'UnknownEndpointError',
      'NetworkError',
      'ProtocolError',
      'UnknownWriteOutcomeError',
    ]
    for (const name of names) expect(core).toHaveProperty(name)
    expect(core.DEFAULT_BASE_URL).toBe('https://app.notion.com/api/v3')
  })
})
