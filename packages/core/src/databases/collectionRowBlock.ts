import { combineLatest, distinctUntilChanged, of, switchMap, type Observable } from 'rxjs'
import type { RecordValue } from '../store/snapshot.js'
import type { RemoveOptions } from '../records/block.js'
import { PageBlock } from '../records/pageBlocks.js'
import type { RecordOf } from '../records/recordClassMap.js'
import type { RecordPath } from '../records/recordPath.js'
import { resolveRecord } from '../records/recordRegistry.js'
import type { CollectionSchema } from './properties/collectionSchema.js'
import { decodeProperty } from './properties/decodeProperty.js'
import type { PropertyCodecOptions } from './properties/propertyCodecOptions.js'
import type { PropertyValue } from './properties/propertyValueMap.js'
import { propertyWriteOperations } from './properties/propertyWrites.js'
import { relatedRowsIn, type RelatedRowLookup } from './properties/relatedRows.js'
import { resolveProperty } from './properties/resolveProperty.js'
import { hasRollups, rowProperties, schemaSlugs, type RowProperties } from './properties/rowProperties.js'
import { UnknownPropertyError } from './properties/unknownPropertyError.js'
import { watchRelated } from './properties/watchRelated.js'

/** Top-level block fields: `row.get`/`row.set` with these (or any dotted or array path) stay raw record paths. */
const RECORD_FIELDS: ReadonlySet<string> = new Set([
  'id', 'version', 'type', 'properties', 'format', 'content', 'parent_id', 'parent_table', 'alive', 'space_id',
  'created_time', 'last_edited_time', 'created_by', 'created_by_id', 'created_by_table', 'last_edited_by',
  'last_edited_by_id', 'last_edited_by_table', 'permissions', 'file_ids', 'is_template', 'copied_from',
  'discussions', 'view_ids', 'collection_id',
])

/**
 * A database row: a block (a `page`) whose parent is a collection (`parent_table: 'collection'`).
 *
 * Properties are read and written by property id, name or camelCase slug, converted per type
 * (`PropertyValueMap` / `PropertyInputMap`):
 * - `row.prop('Estimated value')`, `row.prop$('estimatedValue')`, `row.setProp('estimatedValue', 3)`;
 * - `row.props.estimatedValue` (read) and `row.props.estimatedValue = 3` (write), a proxy;
 * - `row.properties` / `row.properties$`: all of them, keyed by slug.
 * - `row.get(key)` / `row.set(key, v)` also take a property key when `key` is a single word that
 *   is not a record field (`row.get('Estimated value')`); dotted or array paths and record fields
 *   (`type`, `alive`, ...) stay raw paths, as on every record.
 * Rollups are computed from the related rows the store holds (read-only): `prop`/`properties`
 * read what is loaded now, `prop$`/`properties$` load what is missing and follow the related rows
 * and their databases (queries load them in bulk).
 * Values of the wrong kind throw `PropertyValueError` (naming the property, its type and what it
 * accepts) before anything is queued; unknown keys throw `UnknownPropertyError`.
 * Rows are not listed in a `content` array, so `remove()` only sets `alive: false` (templates also
 * leave the collection's `template_pages`).
 */
export class CollectionRowBlock extends PageBlock {
  #props: Record<string, unknown> | undefined

  /** The database (collection) the row belongs to. */
  get collectionId(): string | undefined {
    return this.parentTable === 'collection' ? this.parentId : undefined
  }

  /** The row's database. */
  get collection(): RecordOf<'collection'> | undefined {
    const id = this.collectionId
    return id === undefined ? undefined : (resolveRecord(this.context, 'collection', id) as RecordOf<'collection'>)
  }

  /** The collection's schema (`{}` until loaded). */
  get schema(): CollectionSchema {
    return this.collection?.schema ?? {}
  }

  /** A template page of its database (not returned by queries). */
  get isTemplate(): boolean {
    return this.value?.['is_template'] === true
  }

  /** The raw value of a property by its schema id (`title`, or 4-character ids such as `8#gA`). */
  property(propertyId: string): unknown {
    return this.get(['properties', propertyId])
  }

  /**
   * A property's value by id, name or slug, converted (`number`, `string[]`, `PropertyDate`, ...).
   * @throws UnknownPropertyError
   * @example row.prop('Estimated value') // 42
   */
  prop(key: string, options?: PropertyCodecOptions): PropertyValue {
    const schema = this.schema
    return decodeProperty(resolveProperty(schema, key), this.value ?? {}, { related: relatedRowsIn(this.context.store), ...options, schema })
  }

  /** A property's value now and whenever it, the schema, or (rollups) a related row changes. */
  prop$(key: string, options?: PropertyCodecOptions): Observable<PropertyValue> {
    return this.#withSchema((schema, value, related) => decodeProperty(resolveProperty(schema, key), value ?? {}, { related, ...options, schema }), true)
  }

  /**
   * Writes a property by id, name or slug; `null`, `undefined`, `''` and `[]` clear it. New select
   * options are added to the schema (existing options keep their ids). Applied to the store at
   * once, resolves on commit.
   * @throws UnknownPropertyError, PropertyValueError (nothing queued)
   * @example row.setProp('estimatedValue', 3)
   */
  setProp(key: string, value: unknown, options?: PropertyCodecOptions): Promise<void> {
    const collection = this.collection
    if (!collection) throw new UnknownPropertyError(key, [], `${this.id} is not a loaded database row`)
    return this.write(propertyWriteOperations(this.schema, collection.pointer(), this.pointer(), key, value, options))
  }

  /** Every property, converted and keyed by slug (`{ name, estimatedValue, tags, ... }`). */
  get properties(): RowProperties {
    return rowProperties(this.schema, this.value ?? {}, { related: relatedRowsIn(this.context.store) })
  }

  get properties$(): Observable<RowProperties> {
    return this.#withSchema((schema, value, related) => rowProperties(schema, value ?? {}, { related }), false)
  }

  /** Properties as fields: `row.props.estimatedValue`, `row.props['Estimated value'] = 3`. */
  get props(): Record<string, unknown> {
    return (this.#props ??= new Proxy(Object.create(null) as Record<string, unknown>, {
      get: (_target, key) => (typeof key === 'string' ? this.prop(key) : undefined),
      set: (_target, key, value) => {
        if (typeof key !== 'string') return false
        void this.setProp(key, value)
        return true
      },
      has: (_target, key) => typeof key === 'string' && this.#isPropertyKey(key),
      ownKeys: () => schemaSlugs(this.schema).map(([slug]) => slug),
      getOwnPropertyDescriptor: (_target, key) =>
        typeof key === 'string' && this.#isPropertyKey(key) ? { configurable: true, enumerable: true, writable: true, value: this.prop(key) } : undefined,
    }))
  }

  /** A record path, or (a single word that is no record field) a property key: see the class doc. */
  override get(path: RecordPath = [], fallback?: unknown): unknown {
    if (this.#asPropertyKey(path)) return this.prop(path as string)
    return super.get(path, fallback)
  }

  /** A record path, or (a single word that is no record field) a property key, checked and converted. */
  override set(path: RecordPath, value: unknown): Promise<void> {
    if (this.#asPropertyKey(path)) return this.setProp(path as string, value)
    return super.set(path, value)
  }

  override remove(options: RemoveOptions = {}): Promise<void> {
    const collection = this.isTemplate ? this.collection : undefined
    if (collection) void this.write([{ pointer: collection.pointer(), path: ['template_pages'], command: 'listRemove', args: { id: this.id } }])
    return super.remove(options)
  }

  #asPropertyKey(path: RecordPath): boolean {
    return typeof path === 'string' && path !== '' && !path.includes('.') && !RECORD_FIELDS.has(path) && this.#isPropertyKey(path)
  }

  #isPropertyKey(key: string): boolean {
    try {
      resolveProperty(this.schema, key)
      return true
    } catch {
      return false
    }
  }

  /**
   * A value of the row and its schema, re-read when either changes, and (when the schema has
   * rollups) when a related row the value read changes.
   */
  #withSchema<T>(read: (schema: CollectionSchema, value: RecordValue | undefined, related: RelatedRowLookup) => T, distinctDeep: boolean): Observable<T> {
    const { context } = this
    const { store } = context
    const schema$ = this.select((value) => value?.['parent_id']).pipe(
      switchMap((collectionId) =>
        typeof collectionId === 'string'
          ? store.selectValue('collection', collectionId, (record) => (record?.value?.['schema'] ?? {}) as CollectionSchema)
          : of({} as CollectionSchema),
      ),
    )
    const row$ = store.selectValue('block', this.id, (record) => record?.value)
    return combineLatest([schema$, row$]).pipe(
      switchMap(([schema, value]) =>
        hasRollups(schema) ? watchRelated(context, (related) => read(schema, value, related)) : of(read(schema, value, relatedRowsIn(store))),
      ),
      distinctUntilChanged(distinctDeep ? (a, b) => a === b || JSON.stringify(a) === JSON.stringify(b) : undefined),
    )
  }
}
