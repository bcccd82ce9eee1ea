import { describe, expect, it } from 'vitest'
import {
  collectionSubscriptionKey,
  decodePrimusFrame,
  encodePrimusFrame,
  messageStoreRequestSchema,
  messageStoreServerMessageSchema,
  parseSubscriptionKey,
  primusPing,
  primusPong,
  recordSubscriptionKey,
} from '../src/index.js'

describe('Primus framing', () => {
  it('encodes values as JSON and heartbeats as JSON strings', () => {
    expect(encodePrimusFrame({ type: 'x' })).toBe('{"type":"x"}')
    expect(primusPing(1783641305148)).toBe('"primus::ping::1783641305148"')
    expect(primusPong('12')).toBe('"primus::pong::12"')
  })

  it('decodes heartbeats, data, and malformed text without throwing', () => {
    expect(decodePrimusFrame('"primus::ping::1783641305148"')).toEqual({ kind: 'ping', timestamp: '1783641305148' })
    expect(decodePrimusFrame(new TextEncoder().encode('"primus::pong::7"'))).toEqual({ kind: 'pong', timestamp: '7' })
    expect(decodePrimusFrame('"primus::ping::abc"')).toEqual({ kind: 'data', value: 'primus::ping::abc' })
    expect(decodePrimusFrame('{"type":"notification"}')).toEqual({ kind: 'data', value: { type: 'notification' } })
    expect(decodePrimusFrame('{"type":')).toEqual({ kind: 'malformed' })
    expect(decodePrimusFrame('')).toEqual({ kind: 'malformed' })
  })
})

describe('subscription keys', () => {
  it('builds and parses record and collection keys', () => {
    expect(recordSubscriptionKey('block', 'b1')).toBe('versions/b1:block')
    expect(recordSubscriptionKey('block', 'b1', 's1')).toBe('versions/b1:block:s1')
    expect(collectionSubscriptionKey('c1')).toBe('collection/c1')
    expect(parseSubscriptionKey('versions/6682351e-44bb-4f9c-a0e1-49b703265bdb:block')).toEqual({
      kind: 'record',
      table: 'block',
      id: '6682351e-44bb-4f9c-a0e1-49b703265bdb',
    })
    expect(parseSubscriptionKey('versions/b1:block:s1')).toEqual({ kind: 'record', table: 'block', id: 'b1', spaceId: 's1' })
    expect(parseSubscriptionKey('collection/c1')).toEqual({ kind: 'collection', collectionId: 'c1' })
  })

  it('keeps every other key as other, including malformed versions keys', () => {
    for (const key of ['activity/a1', 'versions/b1', 'versions/:block', 'versions/a:b:c:d', 'collection/', 'collection/a/b']) {
      expect(parseSubscriptionKey(key)).toEqual({ kind: 'other', key })
    }
  })
})

describe('message store message schemas', () => {
  it('accepts the client requests of docs/protocol.md#message-store-messages, keeping unknown fields', () => {
    const requests = [
      { type: '/api/v1/registerSubscription', requestId: 'r', key: 'versions/b:block', version: 60 },
      { type: '/api/v1/registerBatchSubscriptions', requestId: 'r', subscriptions: [{ key: 'versions/b:block', version: -1, authorizationToken: 't' }] },
      { type: '/api/v1/unregisterBatchSubscriptions', requestId: 'r', keys: ['versions/b:block'] },
      { type: '/api/v1/unregisterBatchSubscriptions', requestId: 'r', subscriptions: [{ key: 'versions/b:block' }] },
      { type: '/api/v1/ackNotification', requestId: 'r', ackId: 'ack-1' },
      { type: '/api/v1/diagnosticPing', requestId: 'r', id: 'd', extra: true },
    ]
    for (const request of requests) expect(messageStoreRequestSchema.parse(request)).toEqual(request)
  })

  it('rejects unknown types and bad bodies', () => {
    expect(messageStoreRequestSchema.safeParse({ type: '/api/v1/setField', requestId: 'r' }).success).toBe(false)
    expect(messageStoreRequestSchema.safeParse({ type: '/api/v1/registerSubscription', key: 'k' }).success).toBe(false)
    expect(messageStoreRequestSchema.safeParse({ type: '/api/v1/registerBatchSubscriptions', requestId: 'r', subscriptions: [{ key: '' }] }).success).toBe(false)
  })

  it('parses server responses and notifications, NPY-era notifications without a version included', () => {
    const response = {
      type: 'response',
      status: 'ok',
      requestId: 'r',
      result: { responses: [{ key: 'versions/b:block', wasNotified: false }], internalProcessingTimeMs: 3 },
    }
    expect(messageStoreServerMessageSchema.parse(response)).toEqual(response)
    const current = { type: 'notification', key: 'versions/thread-1:thread', value: { id: 'thread-1', table: 'thread' }, version: 7, ackId: 'ack-1' }
    expect(messageStoreServerMessageSchema.parse(current)).toEqual(current)
    const npy = { type: 'notification', key: 'versions/b:block', value: 61 }
    expect(messageStoreServerMessageSchema.parse(npy)).toEqual(npy)
    expect(messageStoreServerMessageSchema.safeParse({ type: 'notification', key: 'k' }).success).toBe(false)
  })
})
