import { describe, expect, it } from 'vitest'
import { attemptSignal } from '../src/transport/attemptSignal.js'

describe('attemptSignal (what cancels one attempt of a call)', () => {
  it("aborts with the caller's reason when the caller aborts, not as a timeout", () => {
    const caller = new AbortController()
    const attempt = attemptSignal(caller.signal, 60_000)
    caller.abort(new Error('user left'))
    expect(attempt.signal?.aborted).toBe(true)
    expect((attempt.signal?.reason as Error).message).toBe('user left')
    expect(attempt.timedOut).toBe(false)
    attempt.done()
  })

  it('aborts with a TimeoutError once the timeout passes, and says so', async () => {
    const attempt = attemptSignal(undefined, 20)
    await new Promise((resolve) => attempt.signal!.addEventListener('abort', resolve))
    expect(attempt.timedOut).toBe(true)
    expect((attempt.signal!.reason as DOMException).name).toBe('TimeoutError')
  })

  it('after done, neither the timer nor the caller aborts it', async () => {
    const caller = new AbortController()
    const attempt = attemptSignal(caller.signal, 20)
    attempt.done()
    caller.abort()
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(attempt.signal?.aborted).toBe(false)
    expect(attempt.timedOut).toBe(false)
  })

  it("is the caller's own signal without a timeout, and none without either", () => {
    const caller = new AbortController()
    expect(attemptSignal(caller.signal, false).signal).toBe(caller.signal)
    expect(attemptSignal(undefined, false).signal).toBeUndefined()
    const already = new AbortController()
    already.abort(new Error('before'))
    const early = attemptSignal(already.signal, 1_000)
    expect(early.signal?.aborted).toBe(true)
    early.done()
  })
})
