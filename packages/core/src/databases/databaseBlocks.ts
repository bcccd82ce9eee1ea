import { of, switchMap, type Observable } from 'rxjs'
import type { CollectionSchema } from './properties/collectionSchema.js'
import { Block } from '../records/block.js'
import { fieldMap } from '../records/blockField.js'
import { defineFieldAccessors, type FieldAccessors } from '../records/fieldAccessors.js'
import type { Collection } from './collection.js'
import { CollectionViews } from './collectionViews.js'
import { checkNewSchema, createDatabaseRecords } from './databaseCreation.js'
import { InvalidValueError } from '../records/invalidValueError.js'
import { resolveRecord } from '../records/recordRegistry.js'
import { LOCKED, PAGE_COVER, PAGE_ICON } from '../records/pageBlocks.js'

const DATABASE_BLOCK_FIELDS = {
  /** Whether the database is locked against edits in the app (`format.block_locked`). */
  locked: LOCKED,
}

// The accessors DATABASE_BLOCK_FIELDS declares (typed here, put on the prototype by defineFieldAccessors).
export interface CollectionViewBlock extends FieldAccessors<typeof DATABASE_BLOCK_FIELDS> {}

/**
 * `collection_view`: an inline database. `collectionId` (from `collection_id`, or
 * `format.collection_pointer` on newer blocks), its `viewIds`, and `locked`.
 */
export class CollectionViewBlock extends Block {
  static override readonly fields = fieldMap(Block.fields, DATABASE_BLOCK_FIELDS)

  static {
    defineFieldAccessors(this)
  }
  /** `addNew('collection_view', { schema, title })` creates the collection and a table view too. */
  static readonly createOwnedRecords = createDatabaseRecords

  #views: CollectionViews | undefined

  /**
   * The database (`collection_id`, or `format.collection_pointer` on newer blocks, where notion-py
   * gave None); undefined when the block points at none.
   */
  get collection(): Collection | undefined {
    const id = this.collectionId
    return id === undefined ? undefined : (resolveRecord(this.context, 'collection', id) as Collection)
  }

  /** The block's views, in order; `views.addNew('board')` creates one. */
  get views(): CollectionViews {
    return (this.#views ??= new CollectionViews(this, () => this.collectionId, () => this.collection?.schema ?? {}))
  }

  /** The database's name (the collection's), as notion-py's `cvb.title`. */
  get title(): string {
    return this.collection?.name ?? ''
  }

  set title(value: string) {
    const collection = this.#requireCollection('title')
    collection.name = value
  }

  get title$(): Observable<string> {
    return this.collectionId$.pipe(
      switchMap((id) => (id === undefined ? of('') : (resolveRecord(this.context, 'collection', id) as Collection).name$)),
    )
  }

  /** The database's schema (the collection's); setting it replaces the whole schema (prefer the collection's schema utilities). */
  get schema(): CollectionSchema {
    return this.collection?.schema ?? {}
  }

  set schema(value: CollectionSchema) {
    const collection = this.#requireCollection('schema')
    void collection.set(['schema'], checkNewSchema(value))
  }

  #requireCollection(accessor: string): Collection {
    const collection = this.collection
    if (!collection) {
      throw new InvalidValueError('invalid_value', { recordId: this.id, accessor, accepts: 'a database block with a collection' })
    }
    return collection
  }

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
}

const DATABASE_PAGE_FIELDS = {
  /** An emoji or a URL (`format.page_icon`); undefined removes it. */
  icon: PAGE_ICON,
  /** A URL or a `/images/page-cover/...` path (`format.page_cover`); undefined removes it. */
  cover: PAGE_COVER,
}

// The accessors DATABASE_PAGE_FIELDS declares (typed here, put on the prototype by defineFieldAccessors).
export interface CollectionViewPageBlock extends FieldAccessors<typeof DATABASE_PAGE_FIELDS> {}

/** `collection_view_page`: a full-page database, with a page's `icon` and `cover`. */
export class CollectionViewPageBlock extends CollectionViewBlock {
  static override readonly fields = fieldMap(CollectionViewBlock.fields, DATABASE_PAGE_FIELDS)

  static {
    defineFieldAccessors(this)
  }
}

/** `form`: a database form (a view of a collection). */
export class FormBlock extends CollectionViewBlock {}
