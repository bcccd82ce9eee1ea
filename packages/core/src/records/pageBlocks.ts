import { distinctUntilChanged, map, type Observable } from 'rxjs'
import type { CallOptions } from '../callOptions.js'
import { BasicBlock } from './basicBlock.js'
import { booleanField, fieldMap, optionalStringField } from './blockField.js'
import type { DuplicateOptions } from './duplicateOptions.js'
import { defineFieldAccessors, type FieldAccessors } from './fieldAccessors.js'
import { permissionsKey, permissionsOf, type PagePermissions, type ShareRole } from './pagePermissions.js'
import { publishPage, sharePage, unpublishPage, unsharePage, type PublishOptions, type ShareOptions } from './pageSharing.js'
import type { RecordRegistry } from './recordRegistry.js'
import type { User } from './user.js'

export const PAGE_ICON = optionalStringField('icon', 'format.page_icon')
export const PAGE_COVER = optionalStringField('cover', 'format.page_cover')
export const LOCKED = booleanField('locked', 'format.block_locked')

const PAGE_FIELDS = {
  /** An emoji or a URL (`format.page_icon`); undefined removes it. */
  icon: PAGE_ICON,
  /** A URL or a `/images/page-cover/...` path (`format.page_cover`); undefined removes it. */
  cover: PAGE_COVER,
  /** Whether the page is locked against edits in the app (`format.block_locked`). */
  locked: LOCKED,
}

// The accessors PAGE_FIELDS declares (typed here, put on the prototype by defineFieldAccessors).
export interface PageBlock extends FieldAccessors<typeof PAGE_FIELDS> {}

/**
 * `page`: `icon` (an emoji or a URL), `cover` (a URL or a `/images/page-cover/...` path) and
 * `locked`. Its blocks are its `children`. (Signed-URL resolution of S3 icons and covers, which
 * notion-py does on read, is intentionally not done here: it needs a request.)
 */
export class PageBlock extends BasicBlock {
  static override readonly fields = fieldMap(BasicBlock.fields, PAGE_FIELDS)

  static {
    defineFieldAccessors(this)
  }

  /** Who the page is shared with, as the page's own `permissions` say (docs/sharing.md). */
  get permissions(): PagePermissions {
    return permissionsOf(this.context, this.value)
  }

  /** `permissions`, now and whenever they change (a share, an unshare, publishing). */
  get permissions$(): Observable<PagePermissions> {
    return this.value$.pipe(
      map((value) => ({ key: permissionsKey(value), value })),
      distinctUntilChanged((a, b) => a.key === b.key),
      map(({ value }) => permissionsOf(this.context, value)),
    )
  }

  /**
   * Gives a person `role` on the page: a User, a user id or an email (an email without an account
   * gets one, as Notion's share menu does, unless `invite: false`). Resolves with the User once
   * the server committed it. Needs full access (`editor`).
   * @throws SharingError (`no_full_access`, `invalid_role`, `invalid_user`, `unknown_email`)
   * @example await page.share('grace@example.com', 'reader')
   */
  share(userOrEmail: User | string, role: ShareRole, options?: ShareOptions): Promise<User> {
    return sharePage(this, userOrEmail, role, options)
  }

  /**
   * Removes a person's own permission on the page (access through the workspace or a parent page
   * stays). Needs full access.
   * @throws SharingError
   */
  unshare(user: User | string, options?: CallOptions): Promise<void> {
    return unsharePage(this, user, options)
  }

  /**
   * Publishes the page to the web: anyone with the link may open it (`role`, default `reader`),
   * duplicate it with `allowDuplicate`, find it in search engines with `searchEngines`. Calling it
   * again changes those options. Needs full access.
   * @throws SharingError
   */
  publish(options?: PublishOptions): Promise<void> {
    return publishPage(this, options)
  }

  /** Turns the public link off: anonymous reads fail at once, live ones included. Needs full access. */
  unpublish(options?: CallOptions): Promise<void> {
    return unpublishPage(this, options)
  }

  /**
   * Copies the page and everything below it: blocks, sub-pages, inline and full-page databases
   * (collection, schema, views, rows with their content); links, mentions and relations inside the
   * copy point at the copies; files are referenced, not uploaded again; each copy has `copied_from`.
   * Within one client and workspace Notion's own duplicate task does it (enqueueTask, polled with
   * getTasks); into another workspace or account, or with `mode: 'client'`, the SDK copies it in
   * ordered transactions under the server's size limit. See docs/records.md#duplicating-pages.
   * @throws RecordNotFoundError when the page (or `parent`) does not exist or is not readable
   * @throws DuplicateError when `parent` may not be edited (nothing is created)
   * @throws TaskFailedError when Notion's task fails; PartialDuplicateError when the client copy
   *   stops midway (it names what was created)
   * @example const copy = await page.duplicate({ parent: otherPage, title: 'Q3 plan' })
   */
  duplicate(options: DuplicateOptions = {}): Promise<PageBlock> {
    return (this.context.records as RecordRegistry).duplicate(this, options) as Promise<PageBlock>
  }
}
