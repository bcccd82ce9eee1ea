import { randomUUID } from 'node:crypto'
import type { Task, TaskState } from '@notion-rx/protocol'
import type { SqliteDatabase } from '../storage/database.js'

interface TaskRow {
  id: string
  event_name: string
  request: string
  user_id: string
  state: TaskState
  status: string | null
  error: string | null
  created_at: number
}

/** Finished tasks are kept this long for getTasks, then removed. */
export const FINISHED_TASK_TTL_MS = 24 * 60 * 60 * 1000

/** Tasks in SQLite: what enqueueTask started and getTasks reports, surviving a restart of a file-backed emulator. */
export class TaskStore {
  readonly #db: SqliteDatabase

  constructor(db: SqliteDatabase) {
    this.#db = db
  }

  create(eventName: string, request: unknown, userId: string, now: number): Task {
    const id = randomUUID()
    this.#db
      .prepare("INSERT INTO tasks (id, event_name, request, user_id, state, created_at) VALUES (?, ?, ?, ?, 'not_started', ?)")
      .run(id, eventName, JSON.stringify(request), userId, now)
    return { id, eventName, request, userId, state: 'not_started' }
  }

  /** The user's own task, or undefined: another user's task id tells nothing. */
  get(id: string, userId: string): Task | undefined {
    const row = this.#db.prepare<[string, string], TaskRow>('SELECT * FROM tasks WHERE id = ? AND user_id = ?').get(id, userId)
    return row ? toTask(row) : undefined
  }

  update(id: string, state: TaskState, status?: Task['status'], error?: string): void {
    this.#db
      .prepare('UPDATE tasks SET state = ?, status = ?, error = ? WHERE id = ?')
      .run(state, status === undefined ? null : JSON.stringify(status), error ?? null, id)
  }

  unfinishedCount(userId: string): number {
    const row = this.#db
      .prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM tasks WHERE user_id = ? AND state IN ('not_started', 'in_progress')")
      .get(userId)
    return row?.n ?? 0
  }

  /** Tasks a previous run of the emulator left unfinished: they cannot resume, so they fail. */
  failInterrupted(): void {
    this.#db
      .prepare("UPDATE tasks SET state = 'failure', error = 'Interrupted by a restart of the server.' WHERE state IN ('not_started', 'in_progress')")
      .run()
  }

  removeFinishedBefore(time: number): void {
    this.#db.prepare("DELETE FROM tasks WHERE state IN ('success', 'failure') AND created_at < ?").run(time)
  }
}

function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    eventName: row.event_name,
    request: JSON.parse(row.request) as unknown,
    userId: row.user_id,
    state: row.state,
    ...(row.status !== null ? { status: JSON.parse(row.status) as Task['status'] } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
  }
}
