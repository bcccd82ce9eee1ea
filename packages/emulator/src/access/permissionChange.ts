import { PERMISSION_TYPES, ROLES } from '@notion-rx/protocol'
import type { RecordValue, StoredRecord } from '../storage/recordRepository.js'
import type { WriteSession } from '../writes/writeSession.js'
import { WriteRejection } from '../writes/writeRejection.js'
import { spaceRole } from './permissions.js'

/** Tables whose `permissions` list says who may see them (and what lies below them). */
const SHARED_TABLES: ReadonlySet<string> = new Set(['block', 'space'])
/** Entries one record's `permissions` may hold: a page shared with more people is a workspace. */
export const MAX_PERMISSION_ENTRIES = 1000

const KNOWN_TYPES: ReadonlySet<string> = new Set(PERMISSION_TYPES)
const KNOWN_ROLES: ReadonlySet<string> = new Set(ROLES)

function entriesOf(value: RecordValue | undefined): unknown[] {
  const permissions = value?.['permissions']
  return Array.isArray(permissions) ? permissions : []
}

function isObject(value: unknown): value is RecordValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** What an entry grants, for the error text. */
function describe(entry: RecordValue): string {
  return `${String(entry['type'])}${typeof entry['user_id'] === 'string' ? ` for ${entry['user_id']}` : ''}`
}

/**
 * Sharing is checked apart from editing (docs/protocol.md#sharing): changing a record's
 * `permissions` (setPermissionItem, or any op that rewrites the list) needs full access, the
 * `editor` role, on the record as it was; a member who may only edit (`read_and_write`), comment
 * or read cannot share, and an outsider cannot publish. A new record may carry its creator's own
 * permission and the workspace's; granting anyone else on creation needs full access on the
 * parent. Every new entry must be well formed: a known type, a role Notion names, and for a user
 * permission a user that exists.
 */
export function checkPermissionChange(session: WriteSession, table: string, id: string, before: StoredRecord | undefined, after: RecordValue): void {
  if (!SHARED_TABLES.has(table)) return
  const next = after['permissions']
  if (next !== undefined && next !== null && !Array.isArray(next)) {
    throw new WriteRejection('ValidationError', `${table} ${id}: permissions must be a list.`)
  }
  const entries = entriesOf(after)
  if (entries.length > MAX_PERMISSION_ENTRIES) {
    throw new WriteRejection('ValidationError', `${table} ${id}: at most ${MAX_PERMISSION_ENTRIES} permission entries.`)
  }
  const old = new Set(entriesOf(before?.value).map((entry) => JSON.stringify(entry)))
  const added = entries.filter((entry) => !old.has(JSON.stringify(entry)))
  for (const entry of added) validateEntry(session, table, id, entry)

  if (before) {
    const role = table === 'space' ? spaceRole(before.value, session.userId) : session.roleOf(before)
    if (role !== 'editor') {
      throw new WriteRejection(
        'UnauthorizedError',
        `Sharing ${table} ${id} needs full access (the editor role); the caller's role is ${String(role)}.`,
      )
    }
    return
  }
  const granted = (added as RecordValue[]).filter(
    (entry) => !(entry['type'] === 'space_permission' || (entry['type'] === 'user_permission' && entry['user_id'] === session.userId)),
  )
  if (granted.length === 0) return
  const role = session.roleOfParent(after)
  if (role !== 'editor') {
    throw new WriteRejection(
      'UnauthorizedError',
      `Creating ${table} ${id} with ${describe(granted[0]!)} needs full access (the editor role) on its parent; the caller's role is ${String(role)}.`,
    )
  }
}

function validateEntry(session: WriteSession, table: string, id: string, entry: unknown): void {
  const where = `${table} ${id}: a permission entry`
  if (!isObject(entry)) throw new WriteRejection('ValidationError', `${where} must be an object.`)
  const type = entry['type']
  if (typeof type !== 'string' || !KNOWN_TYPES.has(type)) {
    throw new WriteRejection('ValidationError', `${where} has an unknown type ${JSON.stringify(type)?.slice(0, 60)}; one of ${PERMISSION_TYPES.join(', ')}.`)
  }
  const role = entry['role']
  // Bots carry capability objects instead of role names (protocol: permissionRoleSchema).
  const roleOk = typeof role === 'string' ? KNOWN_ROLES.has(role) : type === 'bot_permission' && isObject(role)
  if (!roleOk) {
    throw new WriteRejection('ValidationError', `${where} has an unknown role ${JSON.stringify(role)?.slice(0, 60)}; one of ${ROLES.join(', ')}.`)
  }
  if (type === 'user_permission') {
    const userId = entry['user_id']
    if (typeof userId !== 'string' || !session.get('notion_user', userId)) {
      throw new WriteRejection('ValidationError', `${where} names no existing user (${JSON.stringify(userId)?.slice(0, 60)}).`)
    }
  }
  if (type === 'public_permission' && table === 'space') {
    throw new WriteRejection('ValidationError', `${where}: a workspace is published page by page, not as a whole.`)
  }
}
