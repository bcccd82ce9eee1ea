import type { Observable } from 'rxjs'
import { Block } from './block.js'
import { fieldMap } from './blockField.js'
import { LOCKED, PAGE_COVER, PAGE_ICON } from './pageBlocks.js'

/**
 * `collection_view`: an inline database. `collectionId` (from `collection_id`, or
 * `format.collection_pointer` on newer blocks), its `viewIds`, and `locked`.
 */
export class CollectionViewBlock extends Block {
  static override readonly fields = fieldMap(Block.fields, LOCKED)

  get collectionId(): string | undefined {
    const value = this.value
    return value?.collection_id ?? value?.format?.collection_pointer?.id
  }

  get collectionId$(): Observable<string | undefined> {
    return this.select((value) => {
      const id = value?.['collection_id'] ?? (value?.['format'] as { collection_pointer?: { id?: unknown } } | undefined)?.collection_pointer?.id
      return typeof id === 'string' ? id : undefined
    })
  }

  get viewIds(): readonly string[] {
    return this.value?.view_ids ?? []
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

/** `collection_view_page`: a full-page database, with a page's `icon` and `cover`. */
export class CollectionViewPageBlock extends CollectionViewBlock {
  static override readonly fields = fieldMap(CollectionViewBlock.fields, PAGE_ICON, PAGE_COVER)

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
}

/** `form`: a database form (a view of a collection). */
export class FormBlock extends CollectionViewBlock {}
