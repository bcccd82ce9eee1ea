import type { Role } from '@notion-rx/protocol'
import type { RecordRepository, RecordValue, StoredRecord } from '../storage/recordRepository.js'

/** How far up the parent chain we look before giving up (guards against cycles in bad data). */
const MAX_DEPTH = 64

/** Roles remembered at most before the memo starts over. */
const ROLE_MEMO_LIMIT = 100_000

interface PermissionItem {
  type?: unknown
  role?: unknown
  user_id?: unknown
}

function permissionsOf(value: RecordValue): PermissionItem[] {
  const permissions = value['permissions']
  return Array.isArray(permissions) ? (permissions as PermissionItem[]) : []
}

/** The role a space grants a user (its `permissions` list of user_permission items). */
export function spaceRole(space: RecordValue | undefined, userId: string | undefined): Role {
  if (!space || !userId) return 'none'
  for (const item of permissionsOf(space)) {
    if (item.type === 'user_permission' && item.user_id === userId && typeof item.role === 'string') return item.role
  }
  return 'none'
}

/**
 * Decides what a user (or an anonymous caller) may do with a record, the way Notion does:
 * walking up from the record to its space, the nearest explicit user permission wins, then
 * membership of the space, then the nearest public permission. Missing records are `none`.
 */
export class Permissions {
  private readonly records: RecordRepository
  /**
   * (user, table, id) → the role decided for that stored record. A role depends only on stored
   * records, so it holds while the records' generation stands still (any write starts over); the
   * record is kept to check that a caller's `known` record is the stored one, not a draft.
   */
  readonly #memo = new Map<string, { record: StoredRecord; role: Role }>()
  #memoGeneration = -1

  constructor(records: RecordRepository) {
    this.records = records
  }

  roleFor(userId: string | undefined, table: string, id: string, known?: StoredRecord): Role {
    const record = known ?? this.records.get(table, id)
    if (!record) return 'none'
    // A write moves the generation with every put: nothing remembered there would be asked again.
    if (this.records.inTransaction) return this.#decide(userId, table, id, record)
    if (this.#memoGeneration !== this.records.generation || this.#memo.size >= ROLE_MEMO_LIMIT) {
      this.#memo.clear()
      this.#memoGeneration = this.records.generation
    }
    const key = `${userId ?? ''}\u0000${table}\u0000${id}`
    const memo = this.#memo.get(key)
    if (memo?.record === record) return memo.role
    const role = this.#decide(userId, table, id, record)
    // Only stored records: a draft passed as `known` is decided but not remembered.
    if (known === undefined || known === this.records.get(table, id)) this.#memo.set(key, { record, role })
    return role
  }

  #decide(userId: string | undefined, table: string, id: string, record: StoredRecord): Role {
    switch (table) {
      case 'notion_user':
        return id === userId ? 'editor' : userId && this.shareASpace(userId, id) ? 'reader' : 'none'
      case 'user_root':
      case 'user_settings':
        return id === userId ? 'editor' : 'none'
      case 'space_view':
        return record.value['parent_id'] === userId ? 'editor' : 'none'
      case 'space':
        return spaceRole(record.value, userId)
      default:
        return this.roleFromAncestors(userId, record)
    }
  }

  /** The role for a record that does not exist yet, from the parent it is being created under. */
  roleForNewRecord(userId: string | undefined, value: RecordValue): Role {
    const parentId = value['parent_id']
    const parentTable = value['parent_table']
    if (typeof parentId === 'string' && typeof parentTable === 'string') {
      return this.roleFor(userId, parentTable, parentId)
    }
    const spaceId = value['space_id']
    if (typeof spaceId === 'string') return spaceRole(this.records.get('space', spaceId)?.value, userId)
    return 'none'
  }

  private roleFromAncestors(userId: string | undefined, start: StoredRecord): Role {
    let publicRole: Role | undefined
    let current: StoredRecord | undefined = start
    for (let depth = 0; current && depth < MAX_DEPTH; depth++) {
      if (current.table === 'space') {
        const member = spaceRole(current.value, userId)
        return member !== 'none' ? member : (publicRole ?? 'none')
      }
      for (const item of permissionsOf(current.value)) {
        if (typeof item.role !== 'string') continue
        if (item.type === 'user_permission' && userId && item.user_id === userId) return item.role
        if (item.type === 'public_permission' && publicRole === undefined) publicRole = item.role
      }
      current = this.parentOf(current)
    }
    // No parent chain to a space: fall back to the space the record names.
    const spaceId = start.spaceId
    const member = spaceId ? spaceRole(this.records.get('space', spaceId)?.value, userId) : 'none'
    return member !== 'none' ? member : (publicRole ?? 'none')
  }

  private parentOf(record: StoredRecord): StoredRecord | undefined {
    const parentId = record.value['parent_id']
    let parentTable = record.value['parent_table']
    if (typeof parentId !== 'string') {
      return record.spaceId && record.table !== 'space' ? this.records.get('space', record.spaceId) : undefined
    }
    if (typeof parentTable !== 'string') parentTable = 'block'
    return this.records.get(parentTable as string, parentId)
  }

  private shareASpace(userId: string, otherId: string): boolean {
    for (const space of this.records.all('space')) {
      if (spaceRole(space.value, userId) !== 'none' && spaceRole(space.value, otherId) !== 'none') return true
    }
    return false
  }
}
