import type { Observable } from 'rxjs'
import { BasicBlock } from './basicBlock.js'
import { booleanField, fieldMap, optionalStringField } from './blockField.js'
import type { DuplicateOptions } from './duplicateOptions.js'
import type { RecordRegistry } from './recordRegistry.js'

export const PAGE_ICON = optionalStringField('icon', 'format.page_icon')
export const PAGE_COVER = optionalStringField('cover', 'format.page_cover')
export const LOCKED = booleanField('locked', 'format.block_locked')

/**
 * `page`: `icon` (an emoji or a URL), `cover` (a URL or a `/images/page-cover/...` path) and
 * `locked`. Its blocks are its `children`. (Signed-URL resolution of S3 icons and covers, which
 * notion-py does on read, is intentionally not done here: it needs a request.)
 */
export class PageBlock extends BasicBlock {
  static override readonly fields = fieldMap(BasicBlock.fields, PAGE_ICON, PAGE_COVER, LOCKED)

  get icon(): string | undefined {
    return this.read(PAGE_ICON)
  }

  set icon(value: string | undefined) {
    this.assign(PAGE_ICON, value)
  }

  get icon$(): Observable<string | undefined> {
    return this.observe(PAGE_ICON)
  }

  get cover(): string | undefined {
    return this.read(PAGE_COVER)
  }

  set cover(value: string | undefined) {
    this.assign(PAGE_COVER, value)
  }

  get cover$(): Observable<string | undefined> {
    return this.observe(PAGE_COVER)
  }

  get locked(): boolean {
    return this.read(LOCKED)
  }

  set locked(value: boolean) {
    this.assign(LOCKED, value)
  }

  get locked$(): Observable<boolean> {
    return this.observe(LOCKED)
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
