import { of, switchMap, type Observable } from 'rxjs'
import type { CollectionSchema } from './properties/collectionSchema.js'
import { Block } from '../records/block.js'
import { fieldMap } from '../records/blockField.js'
import type { Collection } from './collection.js'
import { CollectionViews } from './collectionViews.js'
import { checkNewSchema, createDatabaseRecords } from './databaseCreation.js'
import { InvalidValueError } from '../records/invalidValueError.js'
import { resolveRecord } from '../records/recordRegistry.js'
import { LOCKED, PAGE_COVER, PAGE_ICON } from '../records/pageBlocks.js'

/**
 * `collection_view`: an inline database. `collectionId` (from `collection_id`, or
 * `format.collection_pointer` on newer blocks), its `viewIds`, and `locked`.
 */
export class CollectionViewBlock extends Block {
  static override readonly fields = fieldMap(Block.fields, LOCKED)
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
