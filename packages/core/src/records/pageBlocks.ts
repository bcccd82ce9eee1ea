import type { Observable } from 'rxjs'
import { BasicBlock } from './basicBlock.js'
import { booleanField, fieldMap, optionalStringField } from './blockField.js'

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
}
