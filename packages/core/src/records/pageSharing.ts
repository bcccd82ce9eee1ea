import type { Operation } from '@notion-rx/protocol'
import type { CallOptions } from '../callOptions.js'
import { abortable } from '../sync/abortable.js'
import { TransactionRejectedError } from '../transport/errors/transactionRejectedError.js'
import type { NotionRecord } from './notionRecord.js'
import { isShareRole, permissionsOf, SHARE_ROLES, type ShareRole } from './pagePermissions.js'
import { queueWrite } from './recordWrites.js'
import { resolveRecord } from './recordRegistry.js'
import { SharingError } from './sharingError.js'
import { User } from './user.js'

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

export interface ShareOptions extends CallOptions {
  /**
   * For an email without a Notion account: make one (as the share menu does), so the page is
   * shared with it and waits for its owner to sign up; `false` refuses with `unknown_email`.
   * @default true
   */
  invite?: boolean
}

export interface PublishOptions extends CallOptions {
  /** Visitors may duplicate the page into their own workspace. @default false */
  allowDuplicate?: boolean
  /** Search engines may index the page. @default false */
  searchEngines?: boolean
  /** What visitors may do: `reader` (view), `comment_only` or `read_and_write`. @default 'reader' */
  role?: Exclude<ShareRole, 'editor' | 'none'>
}

function dashed(id: string): string {
  const hex = id.replace(/-/g, '').toLowerCase()
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** Refuses before sending when the store already says the caller cannot share (its role is known and not full access). */
function requireFullAccess(page: NotionRecord, what: string): void {
  const role = page.role
  if (role !== undefined && role !== 'editor') {
    throw new SharingError(
      'no_full_access',
      page.id,
      `${what} ${page.table} ${page.id} needs full access (the editor role); you have ${role}. Ask someone with full access to share it.`,
    )
  }
}

/** Sends one setPermissionItem on the page, as the web app's share menu does, and waits for the commit. */
async function setPermissionItem(page: NotionRecord, item: Record<string, unknown>, what: string, options: CallOptions): Promise<void> {
  const op: Operation = { pointer: page.pointer(), path: ['permissions'], command: 'setPermissionItem', args: item }
  try {
    await abortable(queueWrite(page.context, [op]), options.signal)
  } catch (error) {
    if (TransactionRejectedError.isTransactionRejectedError(error) && error.errors.some((rejected) => rejected.name === 'UnauthorizedError')) {
      throw new SharingError('no_full_access', page.id, `${what} ${page.table} ${page.id} was refused by the server: it needs full access (the editor role).`, {
        cause: error,
      })
    }
    throw error
  }
}

/** A User, a user id or an email address, as a user id (`undefined` for an unknown email when not inviting). */
async function userIdOf(page: NotionRecord, who: unknown, invite: boolean, options: CallOptions): Promise<string> {
  if (who instanceof User) return who.id
  if (typeof who === 'string' && UUID.test(who.trim())) return dashed(who.trim())
  if (typeof who === 'string' && EMAIL.test(who.trim())) {
    const email = who.trim()
    const id = await page.context.userIdForEmail(email, { invite, ...(options.signal ? { signal: options.signal } : {}) })
    if (id === undefined) {
      throw new SharingError('unknown_email', page.id, `No Notion account has the email ${email}; pass { invite: true } to share with it anyway.`)
    }
    return id
  }
  const shown = typeof who === 'string' ? JSON.stringify(who.slice(0, 80)) : typeof who
  throw new SharingError('invalid_user', page.id, `Expected a User, a user id or an email address, got ${shown}.`)
}

/** `page.share`: gives a person a role on the page (a `user_permission`); returns the User. */
export async function sharePage(page: NotionRecord, who: User | string, role: ShareRole, options: ShareOptions = {}): Promise<User> {
  if (!isShareRole(role) || role === 'none') {
    throw new SharingError('invalid_role', page.id, `Cannot share with role ${JSON.stringify(role)}: use one of ${SHARE_ROLES.filter((r) => r !== 'none').join(', ')} (unshare removes access).`)
  }
  requireFullAccess(page, 'Sharing')
  const userId = await userIdOf(page, who, options.invite ?? true, options)
  await setPermissionItem(page, { type: 'user_permission', role, user_id: userId }, 'Sharing', options)
  return resolveRecord(page.context, 'notion_user', userId) as User
}

/** `page.unshare`: removes a person's own permission on the page (nothing to do when there is none). */
export async function unsharePage(page: NotionRecord, who: User | string, options: CallOptions = {}): Promise<void> {
  requireFullAccess(page, 'Unsharing')
  const userId = await userIdOf(page, who, false, options)
  if (page.isLoaded && !permissionsOf(page.context, page.value).users.some((share) => share.userId === userId)) return
  await setPermissionItem(page, { type: 'user_permission', role: 'none', user_id: userId }, 'Unsharing', options)
}

/** `page.publish`: turns on the public link (a `public_permission`), or changes its options. */
export async function publishPage(page: NotionRecord, options: PublishOptions = {}): Promise<void> {
  const role = options.role ?? 'reader'
  if (role !== 'reader' && role !== 'comment_only' && role !== 'read_and_write') {
    throw new SharingError('invalid_role', page.id, `A public link gives reader, comment_only or read_and_write, not ${JSON.stringify(role)}.`)
  }
  requireFullAccess(page, 'Publishing')
  const item = {
    type: 'public_permission',
    role,
    allow_duplicate: options.allowDuplicate ?? false,
    allow_search_engine_indexing: options.searchEngines ?? false,
  }
  await setPermissionItem(page, item, 'Publishing', options)
}

/** `page.unpublish`: turns the public link off; anonymous readers lose the page at once. */
export async function unpublishPage(page: NotionRecord, options: CallOptions = {}): Promise<void> {
  requireFullAccess(page, 'Unpublishing')
  await setPermissionItem(page, { type: 'public_permission', role: 'none' }, 'Unpublishing', options)
}
