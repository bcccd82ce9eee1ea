import { rowCollectionId, type Role } from '@notion-rx/protocol'
import type { CommittedRecord } from './commitEvents.js'
import type { EmulatorContext } from '../emulatorContext.js'
import type { RecordValue, StoredRecord } from '../storage/recordRepository.js'
import { canEdit } from '../access/roles.js'
import { WriteRejection } from './writeRejection.js'

/** Audit fields the server maintains on every block a request touches. */
const LAST_EDITED_KEYS = ['last_edited_time', 'last_edited_by_id', 'last_edited_by_table'] as const
const CREATED_KEYS = ['created_time', 'created_by_id', 'created_by_table'] as const

/** Tables whose access follows the record's own id or owner, not a parent chain (see Permissions.roleFor). */
const OWNER_TABLES = new Set(['notion_user', 'user_root', 'user_settings', 'space_view'])
/**
 * Tables whose records hang below a parent by `parent_id` and live in its space (access follows
 * the parent chain); a permanent delete or a move to another space takes these along.
 */
const PARENTED_TABLES = ['block', 'collection', 'collection_view', 'discussion', 'comment'] as const
const PARENTED = new Set<string>(PARENTED_TABLES)

interface Touched {
  table: string
  id: string
  /** As stored when the request began; undefined for a record the request creates. */
  before: StoredRecord | undefined
  deleted: boolean
  /** Audit keys the operations set themselves, which the server then leaves alone. */
  explicit: Set<string>
}

function parentPointer(value: RecordValue | undefined): { table: string; id: string } | undefined {
  const id = value?.['parent_id']
  if (typeof id !== 'string') return undefined
  const table = value?.['parent_table']
  return { table: typeof table === 'string' ? table : 'block', id }
}

/** Whether a change may have changed who can read the record or what lies below it. */
function accessChanged(before: RecordValue, after: RecordValue): boolean {
  return (
    (before['permissions'] !== after['permissions'] && JSON.stringify(before['permissions']) !== JSON.stringify(after['permissions'])) ||
    before['parent_id'] !== after['parent_id'] ||
    before['parent_table'] !== after['parent_table'] ||
    before['alive'] !== after['alive']
  )
}

/**
 * The changes of one write request, made inside its SQLite transaction. Records are written as
 * they change, so later checks in the same request see earlier changes (the page created by the
 * first operation is the parent that lets the second create a block under it); a throw rolls all
 * of it back. Each touched record gets version = stored version + 1 once per request, however many
 * operations touch it; a new record starts at 1.
 */
export class WriteSession {
  readonly userId: string
  /** One timestamp for the whole request. */
  readonly now: number
  readonly #touched = new Map<string, Touched>()

  private readonly emulator: EmulatorContext

  constructor(emulator: EmulatorContext, userId: string) {
    this.emulator = emulator
    this.userId = userId
    this.now = emulator.now()
  }

  /** The record as this request has left it so far. */
  get(table: string, id: string): StoredRecord | undefined {
    return this.emulator.records.get(table, id)
  }

  /** Records of `table` whose `parent_id` is `parentId`, as this request has left them. */
  childrenOf(parentId: string, table: string): StoredRecord[] {
    return this.emulator.records.childrenOf(parentId, table)
  }

  /** The caller's role on an existing record. */
  roleOf(record: StoredRecord): Role {
    return this.emulator.permissions.roleFor(this.userId, record.table, record.id, record)
  }

  /** The caller's role on the parent `value` names (for a record being created). */
  roleOfParent(value: RecordValue): Role {
    return this.emulator.permissions.roleForNewRecord(this.userId, value)
  }

  /** Throws a WriteRejection unless the caller may edit the (existing) record. */
  requireEdit(record: StoredRecord): void {
    const role = this.emulator.permissions.roleFor(this.userId, record.table, record.id, record)
    if (!canEdit(role)) {
      throw new WriteRejection('UnauthorizedError', `No edit access to ${record.table} ${record.id} (role ${role}).`)
    }
  }

  /** Throws a WriteRejection unless the caller may edit the record `value` names as its parent. */
  requireEditParent(table: string, id: string, value: RecordValue): void {
    const parent = parentPointer(value)
    if (!parent) return
    const role = this.emulator.permissions.roleFor(this.userId, parent.table, parent.id)
    if (!canEdit(role)) {
      throw new WriteRejection(
        'UnauthorizedError',
        `No edit access to ${parent.table} ${parent.id}, the new parent of ${table} ${id} (role ${role}).`,
      )
    }
  }

  /** Throws a WriteRejection unless the caller may create `value` as a new record. */
  requireCreate(table: string, id: string, value: RecordValue): void {
    const role = this.roleForNew(table, id, value)
    if (!canEdit(role)) {
      throw new WriteRejection('UnauthorizedError', `No edit access to create ${table} ${id} (role ${role}).`)
    }
  }

  /**
   * Puts a record of a parented table in the space of its parent, whatever `space_id` the
   * operations wrote: a record's space is never the caller's to choose (else an outsider could
   * plant a block in another workspace under a parent of their own). Under a space, that space;
   * under a record in a space, its space; under a record in none (a user record), no space. A
   * record without a parent keeps its space, or takes `spaceHint` (the op pointer's or the
   * transaction's) when new; creating it then needs rights in that space (requireCreate).
   */
  placeInSpace(table: string, value: RecordValue, before: StoredRecord | undefined, spaceHint: string | undefined): RecordValue {
    if (!PARENTED.has(table)) return value
    const parent = parentPointer(value)
    let spaceId: string | undefined
    if (!parent) spaceId = before ? before.spaceId : typeof value['space_id'] === 'string' ? value['space_id'] : spaceHint
    else if (parent.table === 'space') spaceId = parent.id
    else spaceId = this.get(parent.table, parent.id)?.spaceId
    if (value['space_id'] === spaceId) return value
    if (spaceId !== undefined) return { ...value, space_id: spaceId }
    const { space_id: _dropped, ...rest } = value
    return rest
  }

  /**
   * Gives every record below `id` (children, their collections, views, rows, discussions...) the
   * space `spaceId`: a block moved to another workspace takes its whole subtree along.
   */
  moveDescendantsToSpace(id: string, spaceId: string | undefined): void {
    for (const descendant of this.descendantsOf(id)) {
      const current = this.get(descendant.table, descendant.id)
      if (!current || current.spaceId === spaceId) continue
      const { space_id: _old, ...rest } = current.value
      this.write(descendant.table, descendant.id, spaceId === undefined ? rest : { ...rest, space_id: spaceId })
    }
  }

  /** Every record below the record `rootId` by `parent_id`, once each, breadth first. */
  descendantsOf(rootId: string): { table: string; id: string }[] {
    const found: { table: string; id: string }[] = []
    const seen = new Set<string>([rootId])
    const queue = [rootId]
    for (let parentId = queue.shift(); parentId !== undefined; parentId = queue.shift()) {
      for (const table of PARENTED_TABLES) {
        for (const child of this.childrenOf(parentId, table)) {
          if (seen.has(child.id)) continue
          seen.add(child.id)
          found.push({ table, id: child.id })
          queue.push(child.id)
        }
      }
    }
    return found
  }

  /** Stores the record's new value at the request's version. `explicitKeys`: keys the op set itself. */
  write(table: string, id: string, value: RecordValue, explicitKeys: Iterable<string> = []): StoredRecord {
    const touched = this.touch(table, id)
    touched.deleted = false
    for (const key of explicitKeys) touched.explicit.add(key)
    // The server owns `id` and `version`, whatever the operations wrote there; the stored space is
    // the value's own (placeInSpace made it right), or none.
    const spaceId = typeof value['space_id'] === 'string' ? value['space_id'] : null
    return this.emulator.records.put(table, id, { ...value, id, version: (touched.before?.version ?? 0) + 1 }, PARENTED.has(table) ? { spaceId } : {})
  }

  /** Deletes the record for good. */
  remove(table: string, id: string): void {
    this.touch(table, id).deleted = true
    this.emulator.records.delete(table, id)
  }

  /**
   * Stamps `last_edited_*` (and `created_*` on new blocks) on every touched block, except fields the
   * operations set explicitly, and lists what changed for the commit event.
   */
  finish(): CommittedRecord[] {
    const committed: CommittedRecord[] = []
    for (const touched of this.#touched.values()) {
      const { table, id, before } = touched
      const version = (before?.version ?? 0) + 1
      if (touched.deleted) {
        // Created and deleted in the same request: nobody ever saw it.
        if (!before) continue
        const collectionId = rowCollectionId(before.value)
        committed.push({ table, id, version, spaceId: before.spaceId, collectionIds: collectionId ? [collectionId] : [], accessChanged: true })
        continue
      }
      const current = this.get(table, id)
      if (!current) continue
      const stored = table === 'block' ? this.emulator.records.put(table, id, this.stamp(current.value, touched)) : current
      const collectionIds = [...new Set([rowCollectionId(before?.value), rowCollectionId(stored.value)])].filter(
        (collectionId): collectionId is string => collectionId !== undefined,
      )
      committed.push({ table, id, version: stored.version, spaceId: stored.spaceId, collectionIds, ...(before && accessChanged(before.value, stored.value) ? { accessChanged: true } : {}) })
    }
    return committed
  }

  private stamp(value: RecordValue, touched: Touched): RecordValue {
    const audit: RecordValue = {
      last_edited_time: this.now,
      last_edited_by_id: this.userId,
      last_edited_by_table: 'notion_user',
    }
    const stamped: RecordValue = { ...value }
    for (const key of LAST_EDITED_KEYS) if (!touched.explicit.has(key)) stamped[key] = audit[key]
    if (!touched.before) {
      const created: RecordValue = { created_time: this.now, created_by_id: this.userId, created_by_table: 'notion_user' }
      for (const key of CREATED_KEYS) if (stamped[key] === undefined) stamped[key] = created[key]
    }
    return stamped
  }

  private touch(table: string, id: string): Touched {
    const key = `${table}\u0000${id}`
    let touched = this.#touched.get(key)
    if (!touched) {
      touched = { table, id, before: this.get(table, id), deleted: false, explicit: new Set() }
      this.#touched.set(key, touched)
    }
    return touched
  }

  private roleForNew(table: string, id: string, value: RecordValue): Role {
    // Spaces are made by sign-up, not by transactions: a new space would grant itself its own permissions.
    if (table === 'space') return 'none'
    if (OWNER_TABLES.has(table)) {
      return this.emulator.permissions.roleFor(this.userId, table, id, { table, id, spaceId: undefined, version: 0, value })
    }
    // From the parent, never from the permissions the new record carries itself.
    return this.emulator.permissions.roleForNewRecord(this.userId, value)
  }
}
