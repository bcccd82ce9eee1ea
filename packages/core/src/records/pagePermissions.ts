import type { ClientContext } from '../clientContext.js'
import type { RecordValue } from '../store/snapshot.js'
import { resolveRecord } from './recordRegistry.js'
import type { User } from './user.js'

/**
 * The roles Notion names, most access first: `editor` (full access: may also share),
 * `read_and_write` (can edit), `comment_only`, `reader` (can view), `none`.
 */
export const SHARE_ROLES = ['editor', 'read_and_write', 'comment_only', 'reader', 'none'] as const
export type ShareRole = (typeof SHARE_ROLES)[number]

/** One person a page is shared with (a `user_permission` on the page). */
export interface UserShare {
  user: User
  userId: string
  role: ShareRole
}

/** The page's public link (its `public_permission`): who has it may open the page without an account. */
export interface PublicAccess {
  role: ShareRole
  /** Visitors may duplicate the page into their own workspace. */
  allowDuplicate: boolean
  /** Search engines may index the page. */
  searchEngines: boolean
}

/**
 * Who a page is shared with, as the page itself says (its `permissions`; access inherited from
 * parent pages is not repeated here): people, the workspace's members, and the public link.
 */
export interface PagePermissions {
  users: UserShare[]
  /** The role every member of the workspace has (a `space_permission`), if the page names one. */
  space: ShareRole | undefined
  /** The public link, when the page is published to the web. */
  public: PublicAccess | undefined
}

export function isShareRole(role: unknown): role is ShareRole {
  return typeof role === 'string' && (SHARE_ROLES as readonly string[]).includes(role)
}

function entriesOf(value: RecordValue | undefined): RecordValue[] {
  const permissions = value?.['permissions']
  return Array.isArray(permissions) ? permissions.filter((entry): entry is RecordValue => typeof entry === 'object' && entry !== null) : []
}

/** Reads a block's `permissions` list (entries of kinds or roles notion-rx does not know are left out). */
export function permissionsOf(context: ClientContext, value: RecordValue | undefined): PagePermissions {
  const result: PagePermissions = { users: [], space: undefined, public: undefined }
  for (const entry of entriesOf(value)) {
    const role = entry['role']
    if (!isShareRole(role)) continue
    if (entry['type'] === 'user_permission' && typeof entry['user_id'] === 'string') {
      const userId = entry['user_id']
      result.users.push({ user: resolveRecord(context, 'notion_user', userId) as User, userId, role })
    } else if (entry['type'] === 'space_permission') {
      result.space = role
    } else if (entry['type'] === 'public_permission' && role !== 'none') {
      result.public = { role, allowDuplicate: entry['allow_duplicate'] === true, searchEngines: entry['allow_search_engine_indexing'] === true }
    }
  }
  return result
}

/** The part of a value `permissionsOf` reads, as a string: equal strings, equal permissions. */
export function permissionsKey(value: RecordValue | undefined): string {
  return JSON.stringify(value?.['permissions'] ?? null)
}
