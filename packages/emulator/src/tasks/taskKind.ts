import type { Task } from '@notion-rx/protocol'
import type { z } from 'zod'
import type { EmulatorContext } from '../emulatorContext.js'

/** What a running task may use: the emulator as its user sees it, progress reports, and a yield point. */
export interface TaskRun {
  readonly emulator: EmulatorContext
  readonly taskId: string
  readonly userId: string
  progress(status: NonNullable<Task['status']>): void
  /** Lets requests in between; rejects once the emulator is closing, which ends the task. */
  step(): Promise<void>
}

/** One `eventName` of enqueueTask: its request schema (checked before the task is queued) and its work. */
export interface TaskKind<Request = unknown> {
  readonly request: z.ZodType<Request>
  run(run: TaskRun, request: Request): Promise<NonNullable<Task['status']>>
}

/** A task that cannot complete: its message is the task's `error`, as the caller may read it. */
export class TaskFailure extends Error {
  override name = 'TaskFailure' as const
}
