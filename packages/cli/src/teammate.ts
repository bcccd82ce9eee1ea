import type { NotionClient } from '@notion-rx/core'

/** One edit the simulated teammate makes. */
type Edit = (client: NotionClient) => Promise<string>

export interface TeammatePlan {
  /** Rows of the tasks database. */
  rowIds: string[]
  /** The select property holding a task's status, and its option values. */
  statusPropertyId: string
  statuses: string[]
  /** To-do blocks to tick and untick. */
  todoIds: string[]
  /** A page to append notes to. */
  notesPageId: string
}

/**
 * A second person editing the workspace every second or two, through their own NotionClient, so
 * the watcher has something real to show: ticking to-dos, moving tasks through statuses, renaming
 * tasks and adding notes. Every edit is an ordinary SDK write.
 */
export class Teammate {
  readonly #client: NotionClient
  readonly #plan: TeammatePlan
  readonly #edits: Edit[]
  #step = 0
  #timer: NodeJS.Timeout | undefined
  #stopped = false

  constructor(client: NotionClient, plan: TeammatePlan) {
    this.#client = client
    this.#plan = plan
    this.#edits = [
      (c) => this.#toggleTodo(c),
      (c) => this.#advanceTask(c),
      (c) => this.#addNote(c),
      (c) => this.#renameTask(c),
    ]
  }

  /** Starts editing every `minMs`–`maxMs`; `onEdit` hears what was done, `onError` what failed. */
  start(options: { minMs: number; maxMs: number; onEdit?: (what: string) => void; onError?: (error: unknown) => void }): void {
    const next = () => {
      if (this.#stopped) return
      const delay = options.minMs + Math.random() * (options.maxMs - options.minMs)
      this.#timer = setTimeout(() => {
        const edit = this.#edits[this.#step++ % this.#edits.length]!
        edit(this.#client)
          .then((what) => options.onEdit?.(what), options.onError)
          .finally(next)
      }, delay)
    }
    next()
  }

  stop(): void {
    this.#stopped = true
    if (this.#timer) clearTimeout(this.#timer)
  }

  #pick<T>(items: readonly T[]): T {
    return items[this.#step % items.length]!
  }

  async #toggleTodo(client: NotionClient): Promise<string> {
    const todo = await client.getRecord('block', this.#pick(this.#plan.todoIds))
    const checked = todo.get(['properties', 'checked', 0, 0]) === 'Yes'
    await todo.set(['properties', 'checked'], [[checked ? 'No' : 'Yes']])
    return `${checked ? 'unticked' : 'ticked'} a to-do`
  }

  async #advanceTask(client: NotionClient): Promise<string> {
    const row = await client.getRecord('block', this.#pick(this.#plan.rowIds))
    const { statusPropertyId, statuses } = this.#plan
    const current = String(row.get(['properties', statusPropertyId, 0, 0]) ?? '')
    const next = statuses[(statuses.indexOf(current) + 1) % statuses.length]!
    await row.set(['properties', statusPropertyId], [[next]])
    return `moved a task to ${next}`
  }

  async #renameTask(client: NotionClient): Promise<string> {
    const row = await client.getRecord('block', this.#pick(this.#plan.rowIds))
    const title = String(row.get(['properties', 'title', 0, 0]) ?? 'Task')
    const base = title.replace(/ \(v\d+\)$/, '')
    await row.set(['properties', 'title'], [[`${base} (v${this.#step})`]])
    return 'renamed a task'
  }

  async #addNote(client: NotionClient): Promise<string> {
    const page = await client.getBlock(this.#plan.notesPageId)
    const time = new Date().toISOString().slice(11, 19)
    const note = page.children.addNew('bulleted_list', { title: `Note taken at ${time}` })
    await note.committed
    return 'added a note to the meeting notes'
  }
}
