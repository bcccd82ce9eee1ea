import { enqueueTaskResponseSchema, getTasksResponseSchema, type Task } from '@notion-rx/protocol'
import type { ApiCaller } from './apiCaller.js'
import { TaskFailedError } from './taskFailedError.js'

export interface RunTaskOptions {
  /** The workspace of the task: sent with getTasks (Notion requires it since 2026) and as a header. */
  spaceId?: string | undefined
  /** Stops waiting (the server's task goes on); the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined
  /** Called with every in-progress answer of getTasks. */
  onStatus?: ((task: Task) => void) | undefined
  /** First wait between polls, in ms; it grows by half each time up to `maxPollMs`. @default 100 */
  pollMs?: number | undefined
  /** @default 1000 */
  maxPollMs?: number | undefined
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as unknown)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal!.reason as unknown)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * Runs a server task as the web app does (docs/protocol.md#tasks): `enqueueTask`, then `getTasks`
 * until the task is `success` (resolves with it) or `failure` (rejects with `TaskFailedError`),
 * waiting a little longer between polls each time.
 */
export async function runTask(call: ApiCaller, eventName: string, request: unknown, options: RunTaskOptions = {}): Promise<Task> {
  const { spaceId, signal } = options
  const callOptions = { ...(signal ? { signal } : {}), ...(spaceId ? { spaceId } : {}) }
  const { taskId } = await call('enqueueTask', { task: { eventName, request } }, enqueueTaskResponseSchema, callOptions)
  let delay = options.pollMs ?? 100
  const maxDelay = options.maxPollMs ?? 1000
  for (;;) {
    await wait(delay, signal)
    delay = Math.min(maxDelay, delay * 1.5)
    const { results } = await call('getTasks', { taskIds: [taskId], ...(spaceId ? { spaceId } : {}) }, getTasksResponseSchema, callOptions)
    const task = results.find((result) => result.id === taskId)
    if (task === undefined) throw new TaskFailedError(eventName, taskId, 'the server no longer knows the task')
    if (task.state === 'success') return task
    if (task.state === 'failure') throw new TaskFailedError(eventName, taskId, task.error ?? 'no reason given')
    options.onStatus?.(task)
  }
}
