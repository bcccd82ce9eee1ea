import { map, type Observable } from 'rxjs'
import type { ClientContext } from '../clientContext.js'
import { fieldMap, optionalStringField, readOnlyField, stringField, type FieldMap } from './blockField.js'
import { Children, createChildBlock } from './children.js'
import { defineFieldAccessors, type FieldAccessors } from './fieldAccessors.js'
import { InvalidValueError } from './invalidValueError.js'
import { NotionRecord } from './notionRecord.js'
import type { BlockFor } from './blockClassMap.js'
import type { PageBlock } from './pageBlocks.js'
import { resolveRecord } from './recordRegistry.js'
import type { User } from './user.js'
import { membersOf, type SpaceMember } from './spaceMembers.js'

const SPACE_FIELDS = {
  /** The workspace's name (`''` when unset). */
  name: stringField('name', 'name', ''),
  /** The workspace's domain, when it has one (read-only). */
  domain: readOnlyField(optionalStringField('domain', 'domain')),
  /** The workspace's icon: an emoji or a URL; undefined removes it. */
  icon: optionalStringField('icon', 'icon'),
}

export interface AddPageOptions<T extends 'page' | 'collection_view_page' = 'page'> {
  /** @default '' */
  title?: string
  /** @default 'page' */
  type?: T
  /**
   * Shared with the whole workspace (a `space_permission`), or private to the current user
   * (a `user_permission`), as notion-py's `add_page(shared=)`.
   * @default false
   */
  shared?: boolean
}

function userIdsOf(permissions: unknown): string[] {
  if (!Array.isArray(permissions)) return []
  const ids: string[] = []
  for (const permission of permissions) {
    const userId = (permission as { user_id?: unknown } | null)?.user_id
    if (typeof userId === 'string' && !ids.includes(userId)) ids.push(userId)
  }
  return ids
}

// The accessors SPACE_FIELDS declares (typed here, put on the prototype by defineFieldAccessors).
export interface Space extends FieldAccessors<typeof SPACE_FIELDS> {}

/** A workspace: `name`, its top-level `pages`, its `users`, and `addPage` for a new top-level page. */
export class Space extends NotionRecord {
  static readonly fields: FieldMap = fieldMap({}, SPACE_FIELDS)

  static {
    defineFieldAccessors(this)
  }

  #pages: Children | undefined

  constructor(context: ClientContext, id: string) {
    super(context, 'space', id)
  }

  override get spaceId(): string {
    return this.id
  }

  /** The top-level pages, in sidebar order (`space.pages`). */
  get pages(): Children {
    return (this.#pages ??= new Children(this, 'pages'))
  }

  /** The members named by the space's user permissions (load them with `user.load()`). */
  get users(): User[] {
    return userIdsOf(this.value?.['permissions']).map((id) => resolveRecord(this.context, 'notion_user', id) as User)
  }

  /** The members, now and whenever the permissions name other users. */
  get users$(): Observable<User[]> {
    // Joined to a string so that an unrelated permissions change does not emit.
    return this.select((value) => userIdsOf(value?.['permissions']).join(' ')).pipe(
      map((ids) => (ids === '' ? [] : ids.split(' ').map((id) => resolveRecord(this.context, 'notion_user', id) as User))),
    )
  }

  /** The members and their roles in the workspace (its user permissions), in the space's order. */
  get members(): SpaceMember[] {
    return membersOf(this.context, this.value)
  }

  /** `members`, now and whenever someone joins, leaves or changes role. */
  get members$(): Observable<SpaceMember[]> {
    return this.select((value) => JSON.stringify(value?.['permissions'] ?? null)).pipe(map(() => membersOf(this.context, this.value)))
  }

  /**
   * Creates a top-level page (a block with `parent_table: 'space'`, appended to `pages`), in the
   * tick's batch; returns it at once (`await page.committed` to wait for the server).
   * @throws InvalidValueError for a type other than `page`/`collection_view_page` or a non-string title
   */
  addPage(options?: AddPageOptions<'page'>): PageBlock
  addPage(options: AddPageOptions<'collection_view_page'> & { type: 'collection_view_page' }): BlockFor<'collection_view_page'>
  addPage(options: AddPageOptions<'page' | 'collection_view_page'> = {}): PageBlock | BlockFor<'collection_view_page'> {
    const { title = '', type = 'page', shared = false } = options
    if (type !== 'page' && type !== 'collection_view_page') {
      throw new InvalidValueError('unknown_block_type', {
        recordId: this.id,
        table: 'space',
        accessor: 'addPage',
        accepts: "'page' or 'collection_view_page'",
        value: type,
      })
    }
    if (typeof title !== 'string') {
      throw new InvalidValueError('invalid_value', { recordId: this.id, table: 'space', accessor: 'addPage.title', accepts: 'a string', value: title })
    }
    const userId = this.context.currentUserId()
    const permissions =
      shared || userId === undefined
        ? [{ role: 'editor', type: 'space_permission' }]
        : [{ role: 'editor', type: 'user_permission', user_id: userId }]
    const { block } = createChildBlock(this.pages, type, {}, {
      permissions,
      ...(title === '' ? {} : { properties: { title: [[title]] } }),
    })
    return block as PageBlock | BlockFor<'collection_view_page'>
  }
}
