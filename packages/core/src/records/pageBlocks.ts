import { BasicBlock } from './basicBlock.js'
import { booleanField, fieldMap, optionalStringField } from './blockField.js'
import { defineFieldAccessors, type FieldAccessors } from './fieldAccessors.js'

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
}
