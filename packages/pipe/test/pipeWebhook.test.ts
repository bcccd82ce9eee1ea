import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parsePipeEvent, pipe, signWebhook, verifyWebhookSignature, webhookSink, WEBHOOK_SIGNATURE_HEADER, type PipeEvent } from '../src/index.js'
import { tempDir } from './support/cliProcess.js'
import { checkChains, pipeWorkspace, serverRecord, waitFor } from './support/pipeWorkspace.js'
import { startReceiver, type ReceivedRequest } from './support/receiver.js'

const SECRET = 'whsec_test_secret'

function eventsOf(requests: readonly ReceivedRequest[], ok: (index: number) => boolean = () => true): PipeEvent[] {
  return requests.flatMap((request, index) => (ok(index) ? [parsePipeEvent(JSON.parse(request.body))] : []))
}

describe('webhook sink', () => {
  it('signs each event; a receiver that answers 503 for a while gets everything once it is back, after growing backoff', async () => {
    const ws = await pipeWorkspace(2)
    const failures = 6
    const receiver = await startReceiver((_request, index) => ({ status: index < failures ? 503 : 200 }))
    const client = ws.client(ws.ada)
    const handle = pipe({
      client,
      sources: [ws.db.pageId],
      sink: webhookSink({ url: receiver.url, secret: SECRET, backoff: { minMs: 40, maxMs: 2_000 }, maxAttempts: 20 }),
    })
    await handle.ready
    const teammate = ws.client(ws.bob, false)
    const block = await teammate.getBlock(ws.textIds[0]!)
    for (let i = 0; i < 5; i++) {
      await block.set(['properties', 'title'], [[`v${i}`]])
      await teammate.flush()
    }
    const final = serverRecord(ws.emu, 'block', block.id)!.version
    await waitFor(() => eventsOf(receiver.requests, (i) => i >= failures).some((event) => event.data.version === final), 'the final version at the receiver')
    await handle.close()

    // Every request is signed over its exact body, and verifies.
    for (const request of receiver.requests) {
      expect(request.headers['content-type']).toBe('application/cloudevents+json')
      expect(verifyWebhookSignature(SECRET, request.body, request.headers[WEBHOOK_SIGNATURE_HEADER])).toBe(true)
    }
    // The same event was retried through the 503s, with delays that grow (jittered, doubling).
    const gaps = receiver.requests.slice(1, failures + 1).map((request, i) => request.at - receiver.requests[i]!.at)
    expect(gaps[4]!).toBeGreaterThan(gaps[0]!)
    expect(gaps[4]!).toBeGreaterThanOrEqual(40 * 2 ** 4 / 2 - 5)
    expect(handle.stats.retrying).toBeGreaterThanOrEqual(failures)
    // Delivered (2xx) events form an unbroken chain up to the server's version.
    const chain = checkChains(eventsOf(receiver.requests, (i) => i >= failures)).get(`block:${block.id}`)!
    expect(chain[0]!.data.previousVersion).toBe(1)
    expect(chain.at(-1)!.data.version).toBe(final)
  }, 90_000)

  it('honours Retry-After on 429', async () => {
    const ws = await pipeWorkspace(1)
    const receiver = await startReceiver((_request, index) => (index === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }))
    const handle = pipe({ client: ws.client(ws.ada), sources: [ws.db.pageId], sink: webhookSink({ url: receiver.url, backoff: { minMs: 10 } }) })
    await handle.ready
    const teammate = ws.client(ws.bob, false)
    await (await teammate.getBlock(ws.textIds[1]!)).set(['properties', 'title'], [['later']])
    await teammate.flush()
    await waitFor(() => receiver.requests.length >= 2, 'the retry')
    await handle.close()
    expect(receiver.requests[1]!.at - receiver.requests[0]!.at).toBeGreaterThanOrEqual(950)
    expect(receiver.requests[1]!.body).toBe(receiver.requests[0]!.body)
  }, 60_000)

  it('sends events a receiver refuses (400 forever) to the dead letter once each, and goes on', async () => {
    const ws = await pipeWorkspace(1)
    const receiver = await startReceiver(() => ({ status: 400 }))
    const deadLetter = join(tempDir(), 'dead.ndjson')
    const logs: string[] = []
    const handle = pipe({
      client: ws.client(ws.ada),
      sources: [ws.db.pageId],
      sink: webhookSink({ url: receiver.url, deadLetter, batch: true }),
      log: (entry) => logs.push(entry.message),
    })
    await handle.ready
    const teammate = ws.client(ws.bob, false)
    const blocks = await Promise.all(ws.textIds.map((id) => teammate.getBlock(id)))
    for (const [i, block] of blocks.entries()) {
      await block.set(['properties', 'title'], [[`refused ${i}`]])
      await teammate.flush()
      await waitFor(() => handle.stats.deadLettered >= i + 1, 'the dead letter')
    }
    await handle.close()
    const dead = readFileSync(deadLetter, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { reason: string; event: PipeEvent })
    expect(dead.map((entry) => entry.event.data.id).sort()).toEqual([...ws.textIds].sort())
    expect(dead[0]!.reason).toMatch(/HTTP 400 from http:\/\/127\.0\.0\.1:\d+\/hook \(not retryable\)/)
    // Not a loop: one request per batch, each a JSON array (batch mode).
    expect(receiver.requests).toHaveLength(3)
    expect(receiver.requests[0]!.headers['content-type']).toBe('application/cloudevents-batch+json')
    expect(handle.stats.deadLettered).toBe(3)
    expect(logs.filter((message) => message === 'events dead-lettered')).toHaveLength(3)
  }, 60_000)

  it('verifyWebhookSignature refuses a changed body, a wrong secret, an old timestamp and junk', () => {
    const body = '{"id":"block/1@2"}'
    const header = signWebhook(SECRET, body, 1_700_000_000)
    const now = 1_700_000_100
    expect(verifyWebhookSignature(SECRET, body, header, { now })).toBe(true)
    expect(verifyWebhookSignature(SECRET, `${body} `, header, { now })).toBe(false)
    expect(verifyWebhookSignature('other', body, header, { now })).toBe(false)
    expect(verifyWebhookSignature(SECRET, body, header, { now: now + 600 })).toBe(false)
    expect(verifyWebhookSignature(SECRET, body, 't=abc,v1=zz', { now })).toBe(false)
    expect(verifyWebhookSignature(SECRET, body, undefined, { now })).toBe(false)
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/)
  })
})
