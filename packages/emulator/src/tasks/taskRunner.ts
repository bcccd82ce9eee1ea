import type { Task } from '@notion-rx/protocol'
import { ApiError, validationError } from '../http/apiError.js'
import { describeIssues } from '../http/httpServer.js'
import type { EmulatorContext } from '../emulatorContext.js'
import { TaskFailure, type TaskKind, type TaskRun } from './taskKind.js'
import { TASK_KINDS } from './taskKinds.js'
import { FINISHED_TASK_TTL_MS, TaskStore } from './taskStore.js'

/** Unfinished tasks one user may have at once; more is a 429, as a real server would throttle. */
export const MAX_UNFINISHED_TASKS = 5

class EmulatorClosedError extends Error {
  override name = 'EmulatorClosedError' as const
}

/**
 * Runs enqueued tasks in the background, one step per event-loop turn so that the server keeps
 * answering (getTasks sees `in_progress` with a growing count, then `success`). State lives in
 * SQLite; a task cut off by a restart is reported as failed.
 */
export class TaskRunner {
  readonly store: TaskStore
  readonly #emulator: EmulatorContext
  readonly #kinds: ReadonlyMap<string, TaskKind<never>>

  constructor(emulator: EmulatorContext, kinds: ReadonlyMap<string, TaskKind<never>> = TASK_KINDS) {
    this.#emulator = emulator
    this.#kinds = kinds
    this.store = new TaskStore(emulator.db)
    this.store.failInterrupted()
  }

  /** Checks the request (400 when it is not one this kind takes), queues the task and starts it soon after. */
  enqueue(eventName: string, request: unknown, userId: string): string {
    const kind = this.#kinds.get(eventName)
    if (!kind) throw validationError(`Unsupported task eventName ${JSON.stringify(eventName)}; the emulator runs ${[...this.#kinds.keys()].join(', ')}.`)
    const parsed = kind.request.safeParse(request)
    if (!parsed.success) throw validationError(`task.request: ${describeIssues(parsed.error)}`)
    if (this.store.unfinishedCount(userId) >= MAX_UNFINISHED_TASKS) {
      throw new ApiError(429, 'UserRateLimitResponse', `At most ${MAX_UNFINISHED_TASKS} unfinished tasks per user.`)
    }
    const now = this.#emulator.now()
    this.store.removeFinishedBefore(now - FINISHED_TASK_TTL_MS)
    const task = this.store.create(eventName, request, userId, now)
    setImmediate(() => void this.#run(task, kind as TaskKind<unknown>, parsed.data))
    return task.id
  }

  async #run(task: Task, kind: TaskKind<unknown>, request: unknown): Promise<void> {
    const emulator = this.#emulator
    const run: TaskRun = {
      emulator,
      taskId: task.id,
      userId: task.userId!,
      progress: (status) => this.store.update(task.id, 'in_progress', status),
      step: () =>
        new Promise<void>((resolve, reject) => {
          setImmediate(() => (emulator.db.open ? resolve() : reject(new EmulatorClosedError())))
        }),
    }
    try {
      if (!emulator.db.open) return
      this.store.update(task.id, 'in_progress', { type: 'progress', pagesExported: 0 })
      const status = await kind.run(run, request)
      if (emulator.db.open) this.store.update(task.id, 'success', status)
    } catch (error) {
      if (error instanceof EmulatorClosedError || !emulator.db.open) return
      // Only a TaskFailure's message is meant for the caller; anything else stays internal.
      const message = error instanceof TaskFailure ? error.message : 'The task failed.'
      this.store.update(task.id, 'failure', undefined, message)
    }
  }
}

const runners = new WeakMap<EmulatorContext, TaskRunner>()

/** The task runner of one emulator, made on first use (as the file store is). */
export function tasksOf(emulator: EmulatorContext): TaskRunner {
  let runner = runners.get(emulator)
  if (!runner) {
    runner = new TaskRunner(emulator)
    runners.set(emulator, runner)
  }
  return runner
}
