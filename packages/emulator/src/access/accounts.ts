import { randomBytes, randomUUID } from 'node:crypto'
import type { Role } from '@notion-rx/protocol'
import type { CommitEvents, CommittedRecord } from '../writes/commitEvents.js'
import type { SqliteDatabase } from '../storage/database.js'
import { spaceRole } from './permissions.js'
import type { RecordRepository, RecordValue } from '../storage/recordRepository.js'

export interface CreateUserOptions {
  email: string
  /** Display name; defaults to the part of the email before `@`. */
  name?: string
  /** Join this existing space instead of getting a workspace of one's own. */
  spaceId?: string
  /** The role in `spaceId` (default `editor`). */
  role?: Role
  /** Add this user to an existing token (one browser logged into several accounts). */
  tokenV2?: string
  /** Fixed ids, for reproducible seeds. */
  userId?: string
}

export interface CreatedUser {
  id: string
  tokenV2: string
  spaceId: string
}

export interface AuthenticatedUser {
  id: string
  token: string
}

/** New accounts one user may create by sharing with unknown emails (createEmailUser). */
export const MAX_INVITES_PER_USER = 500

/** createEmailUser past MAX_INVITES_PER_USER. */
export class InviteLimitError extends Error {
  override name = 'InviteLimitError' as const
}

function isEmail(value: string): boolean {
  return value.length <= 320 && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)
}

function newToken(): string {
  // Same prefix as real cookies, so code that sniffs it behaves.
  return `v02:user_token_or_cookies:${randomBytes(48).toString('base64url')}`
}

/** Users, their tokens and their spaces: the emulator's version of Notion's sign-up and onboarding. */
/** Tokens whose users are remembered at most (an unknown token is remembered too, as no users). */
const TOKEN_MEMO_LIMIT = 1_000

export class Accounts {
  readonly #tokenUsers
  readonly #addToken
  /** token → its users, valid while no token was added and the records' generation stands still (a rollback moves it). */
  readonly #tokenMemo = new Map<string, readonly string[]>()
  #tokenMemoGeneration = -1

  private readonly db: SqliteDatabase
  private readonly records: RecordRepository
  private readonly events: CommitEvents
  private readonly now: () => number

  constructor(db: SqliteDatabase, records: RecordRepository, events: CommitEvents, now: () => number) {
    this.db = db
    this.records = records
    this.events = events
    this.now = now
    this.#tokenUsers = db.prepare<[string], { user_id: string }>(
      'SELECT user_id FROM tokens WHERE token = ? ORDER BY created_at, rowid',
    )
    this.#addToken = db.prepare('INSERT OR IGNORE INTO tokens (token, user_id, created_at) VALUES (?, ?, ?)')
  }

  /** The users a token_v2 logs in, oldest first. */
  usersOfToken(token: string): readonly string[] {
    if (this.#tokenMemoGeneration !== this.records.generation || this.#tokenMemo.size >= TOKEN_MEMO_LIMIT) {
      this.#tokenMemo.clear()
      this.#tokenMemoGeneration = this.records.generation
    }
    let users = this.#tokenMemo.get(token)
    if (users === undefined) {
      users = Object.freeze(this.#tokenUsers.all(token).map((row) => row.user_id))
      this.#tokenMemo.set(token, users)
    }
    return users
  }

  findUserByEmail(email: string): string | undefined {
    const wanted = email.trim().toLowerCase()
    for (const user of this.records.all('notion_user')) {
      if (typeof user.value['email'] === 'string' && user.value['email'].toLowerCase() === wanted) return user.id
    }
    return undefined
  }

  /** Ids of the spaces a user is a member of. */
  spacesOf(userId: string): string[] {
    return this.records
      .all('space')
      .filter((space) => spaceRole(space.value, userId) !== 'none')
      .map((space) => space.id)
  }

  createUser(options: CreateUserOptions): CreatedUser {
    const email = options.email.trim()
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new TypeError(`createUser: "${email}" is not an email address`)
    const changed: CommittedRecord[] = []
    const result = this.records.transaction(() => {
      const existing = this.findUserByEmail(email)
      const userId = existing ?? options.userId ?? randomUUID()
      if (!existing) this.insertUser(userId, email, options.name ?? email.split('@')[0]!, changed)
      // An account made by sharing with this email (createEmailUser) signs up: it gets its name, root and settings.
      else if (!this.records.get('user_root', existing)) this.completeInvitedUser(existing, options.name ?? email.split('@')[0]!, changed)
      let spaceId = options.spaceId
      if (spaceId) {
        if (!this.records.get('space', spaceId)) throw new TypeError(`createUser: no space with id ${spaceId}`)
        this.addMember(spaceId, userId, options.role ?? 'editor', changed)
      } else if (existing) {
        spaceId = this.spacesOf(userId)[0]
      }
      if (!spaceId) {
        spaceId = this.createWorkspace(userId, options.name ?? email.split('@')[0]!, changed)
      }
      const tokenV2 = options.tokenV2 ?? this.usersTokens(userId)[0] ?? newToken()
      this.#addToken.run(tokenV2, userId, this.now())
      this.#tokenMemo.clear()
      return { id: userId, tokenV2, spaceId }
    })
    this.events.emit({ userId: result.id, records: changed })
    return result
  }

  /**
   * The account Notion makes for an email it does not know, so a page can be shared with it before
   * its owner signs up (`createEmailUser`): a notion_user with that email and no token, no space.
   * Signing up later with the email (createUser) takes this account over. An existing account's
   * id is returned as it is. `invitedBy` is recorded; each user may invite at most
   * `MAX_INVITES_PER_USER` new emails, so one caller cannot grow the user table without bound.
   */
  createEmailUser(email: string, invitedBy: string): { id: string; created: boolean } {
    const address = email.trim()
    if (!isEmail(address)) throw new TypeError(`"${address.slice(0, 80)}" is not an email address`)
    const existing = this.findUserByEmail(address)
    if (existing) return { id: existing, created: false }
    const invited = this.records.all('notion_user').filter((user) => user.value['invited_by_id'] === invitedBy).length
    if (invited >= MAX_INVITES_PER_USER) throw new InviteLimitError(`A user may invite at most ${MAX_INVITES_PER_USER} new email addresses.`)
    const changed: CommittedRecord[] = []
    const id = randomUUID()
    this.records.transaction(() => {
      this.write('notion_user', { id, version: 1, email: address, name: '', invited_by_id: invitedBy, onboarding_completed: false }, changed)
    })
    this.events.emit({ userId: invitedBy, records: changed })
    return { id, created: true }
  }

  private usersTokens(userId: string): string[] {
    return this.db
      .prepare<[string], { token: string }>('SELECT token FROM tokens WHERE user_id = ? ORDER BY created_at')
      .all(userId)
      .map((row) => row.token)
  }

  private write(table: string, value: RecordValue, changed: CommittedRecord[]): void {
    const stored = this.records.put(table, value['id'] as string, value)
    changed.push({ table, id: stored.id, version: stored.version, spaceId: stored.spaceId, collectionIds: [] })
  }

  private bump(table: string, id: string, change: (value: RecordValue) => RecordValue, changed: CommittedRecord[]): void {
    const current = this.records.get(table, id)
    if (!current) return
    this.write(table, { ...change(current.value), version: current.version + 1 }, changed)
  }

  private completeInvitedUser(userId: string, name: string, changed: CommittedRecord[]): void {
    const [given, ...family] = name.split(' ')
    this.bump(
      'notion_user',
      userId,
      (value) => ({ ...value, given_name: given ?? name, family_name: family.join(' '), name, onboarding_completed: true }),
      changed,
    )
    this.insertRoot(userId, changed)
  }

  private insertUser(userId: string, email: string, name: string, changed: CommittedRecord[]): void {
    const [given, ...family] = name.split(' ')
    this.write(
      'notion_user',
      {
        id: userId,
        version: 1,
        email,
        given_name: given ?? name,
        family_name: family.join(' '),
        name,
        onboarding_completed: true,
        mobile_onboarding_completed: true,
      },
      changed,
    )
    this.insertRoot(userId, changed)
  }

  private insertRoot(userId: string, changed: CommittedRecord[]): void {
    this.write('user_root', { id: userId, version: 1, space_views: [], space_view_pointers: [], left_spaces: [] }, changed)
    this.write(
      'user_settings',
      { id: userId, version: 1, settings: { locale: 'en-US', time_zone: 'UTC', preferred_locale: 'en-US' } },
      changed,
    )
  }

  /** A new workspace with one page, as Notion's onboarding leaves it. */
  private createWorkspace(userId: string, name: string, changed: CommittedRecord[]): string {
    const spaceId = randomUUID()
    const pageId = randomUUID()
    const textId = randomUUID()
    const now = this.now()
    const audit = {
      created_time: now,
      created_by_id: userId,
      created_by_table: 'notion_user',
      last_edited_time: now,
      last_edited_by_id: userId,
      last_edited_by_table: 'notion_user',
    }
    this.write(
      'space',
      {
        id: spaceId,
        version: 1,
        name: `${name}'s Notion`,
        pages: [pageId],
        permissions: [{ role: 'editor', type: 'user_permission', user_id: userId }],
        plan_type: 'personal',
        beta_enabled: false,
        ...audit,
      },
      changed,
    )
    this.write(
      'block',
      {
        id: pageId,
        version: 1,
        type: 'page',
        alive: true,
        parent_id: spaceId,
        parent_table: 'space',
        space_id: spaceId,
        properties: { title: [['Getting Started']] },
        content: [textId],
        permissions: [{ role: 'editor', type: 'user_permission', user_id: userId }],
        ...audit,
      },
      changed,
    )
    this.write(
      'block',
      {
        id: textId,
        version: 1,
        type: 'text',
        alive: true,
        parent_id: pageId,
        parent_table: 'block',
        space_id: spaceId,
        properties: { title: [['Welcome to your workspace.']] },
        ...audit,
      },
      changed,
    )
    this.addSpaceView(spaceId, userId, changed)
    return spaceId
  }

  private addMember(spaceId: string, userId: string, role: Role, changed: CommittedRecord[]): void {
    const space = this.records.get('space', spaceId)
    if (!space) return
    if (spaceRole(space.value, userId) === 'none') {
      this.bump(
        'space',
        spaceId,
        (value) => ({
          ...value,
          permissions: [...((value['permissions'] as unknown[]) ?? []), { role, type: 'user_permission', user_id: userId }],
        }),
        changed,
      )
      this.addSpaceView(spaceId, userId, changed)
    }
  }

  /**
   * A member's space_view, so the space shows in their sidebar (loadUserContent / getSpaces), and
   * its pointer in their user_root. Nothing for a user without a user_root, or who has a view of
   * the space already.
   */
  addSpaceView(spaceId: string, userId: string, changed: CommittedRecord[]): void {
    const root = this.records.get('user_root', userId)
    if (!root) return
    const viewIds = Array.isArray(root.value['space_views']) ? (root.value['space_views'] as unknown[]) : []
    const hasView = viewIds.some((id) => typeof id === 'string' && this.records.get('space_view', id)?.value['space_id'] === spaceId)
    if (hasView) return
    const spaceViewId = randomUUID()
    this.write(
      'space_view',
      {
        id: spaceViewId,
        version: 1,
        space_id: spaceId,
        parent_id: userId,
        parent_table: 'user_root',
        alive: true,
        joined: true,
        bookmarked_pages: [],
        notify_desktop: true,
        notify_email: true,
        notify_mobile: true,
      },
      changed,
    )
    this.bump(
      'user_root',
      userId,
      (value) => ({
        ...value,
        space_views: [...((value['space_views'] as unknown[]) ?? []), spaceViewId],
        space_view_pointers: [
          ...((value['space_view_pointers'] as unknown[]) ?? []),
          { id: spaceViewId, table: 'space_view', spaceId },
        ],
      }),
      changed,
    )
  }
}
