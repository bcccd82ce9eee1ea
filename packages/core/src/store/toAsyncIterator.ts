import type { Observable, Subscription } from 'rxjs'

/**
 * An Observable as an async iterator, for `for await` loops: values are buffered (unbounded) until
 * read; breaking out of the loop, or `signal` aborting, unsubscribes. The stream completing ends
 * the loop, an error is thrown from it.
 */
export function toAsyncIterator<T>(source: Observable<T>, signal?: AbortSignal): AsyncIterableIterator<T> {
  const buffer: T[] = []
  let waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void } | undefined
  let ended = false
  let failure: { error: unknown } | undefined

  let subscription: Subscription | undefined
  const finish = () => {
    ended = true
    subscription?.unsubscribe()
    signal?.removeEventListener('abort', finish)
    waiting?.resolve({ value: undefined, done: true })
    waiting = undefined
  }
  subscription = source.subscribe({
    next(value) {
      if (waiting) {
        waiting.resolve({ value, done: false })
        waiting = undefined
      } else buffer.push(value)
    },
    error(error: unknown) {
      failure = { error }
      ended = true
      waiting?.reject(error)
      waiting = undefined
    },
    complete: () => finish(),
  })
  // The source may have ended while subscribing.
  if (ended) subscription.unsubscribe()
  if (signal?.aborted) finish()
  else signal?.addEventListener('abort', finish, { once: true })

  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (buffer.length > 0) return Promise.resolve({ value: buffer.shift()!, done: false })
      if (failure) return Promise.reject(failure.error)
      if (ended) return Promise.resolve({ value: undefined, done: true })
      return new Promise((resolve, reject) => (waiting = { resolve, reject }))
    },
    return() {
      buffer.length = 0
      finish()
      return Promise.resolve({ value: undefined, done: true })
    },
    [Symbol.asyncIterator]() {
      return iterator
    },
  }
  return iterator
}
