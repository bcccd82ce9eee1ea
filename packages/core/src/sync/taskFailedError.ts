/**
 * A server task (enqueueTask) ended in `failure`, or vanished from getTasks. `message` carries
 * the server's own reason; `taskId` names the task, `eventName` what it was.
 */
export class TaskFailedError extends Error {
  override name = 'TaskFailedError' as const
  readonly code = 'task_failed' as const
  readonly taskId: string
  readonly eventName: string

  constructor(eventName: string, taskId: string, reason: string) {
    super(`the server's ${eventName} task ${taskId} failed: ${reason}`)
    this.taskId = taskId
    this.eventName = eventName
  }

  static isTaskFailedError(error: unknown): error is TaskFailedError {
    return error instanceof TaskFailedError || (error instanceof Error && error.name === 'TaskFailedError' && (error as { code?: unknown }).code === 'task_failed')
  }
}
