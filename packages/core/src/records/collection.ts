import {
  plainTextToRichText,
  richTextToPlainText,
  type CollectionProperty,
  type Operation,
  type OperationPointer,
  type RichText,
  type SelectOption,
} from '@notion-rx/protocol'
import { map, type Observable } from 'rxjs'
import type { ClientContext } from '../clientContext.js'
import type { CollectionSchema, SchemaProperty } from '../collections/collectionSchema.js'
import { CollectionQuery, builderFromOptions, type ExecuteOptions, type QueryOptions, type QueryTarget } from '../collections/collectionQuery.js'
import { InvalidSchemaChangeError } from '../collections/invalidSchemaChangeError.js'
import type { LiveQueryOptions } from '../collections/liveQuery.js'
import type { PropertyCodecOptions } from '../collections/propertyCodecOptions.js'
import { propertyWriteOperations } from '../collections/propertyWrites.js'
import type { QueryBuilder } from '../collections/queryBuilder.js'
import type { QueryResult } from '../collections/queryResult.js'
import { propertySlug } from '../collections/propertySlug.js'
import { resolveProperty } from '../collections/resolveProperty.js'
import {
  checkColor,
  checkOptionValue,
  checkPropertyType,
  findOption,
  hasOptions,
  newPropertyId,
  storedProperty,
} from '../collections/schemaEdits.js'
import type { Block } from './block.js'
import type { CollectionView } from './collectionView.js'
import { NotionRecord } from './notionRecord.js'
import type { CollectionRowBlock } from './pageBlocks.js'
import { resolveRecord } from './recordResolver.js'
import { queueWrite } from './recordWrites.js'

const EMPTY_SCHEMA: CollectionSchema = Object.freeze({})
const EMPTY_IDS: readonly string[] = Object.freeze([])

export interface AddRowOptions {
  /**
   * Append the row to every view's `page_sort` (manual order) of the database block, as notion-py
   * does; calendar views keep none.
   * @default true
   */
  updateViews?: boolean
  /** Codec options for the props (time zone of `Date` values, markdown titles, ...). */
  codec?: PropertyCodecOptions
}

export interface AddPropertyOptions {
  /** Options of a select, multi-select or status property: values, or `{ value, color }`. */
  options?: ReadonlyArray<string | { value: string; color?: string }>
  /** Other schema fields (`number_format`, `formula`, `collection_id` of a relation, ...). */
  extra?: Readonly<Record<string, unknown>>
}

/**
 * A database (`collection` record): its `name`, `description`, `icon`, `cover`, `schema`, the block
 * it belongs to (`parent`), its `views`, `templates` and rows. Rows are read through queries
 * (`getRows`, `query`, `rows$`) and created with `addRow`. Schema utilities add, rename, retype and
 * remove properties and their select options; every change is checked before it is queued.
 */
export class Collection extends NotionRecord {
  constructor(context: ClientContext, id: string) {
    super(context, 'collection', id)
  }

  /** The name, as plain text. Set it with a string. */
  get name(): string {
    return richTextToPlainText(this.#richText('name'))
  }

  set name(value: string) {
    void this.set(['name'], plainTextToRichText(String(value)))
  }

  get name$(): Observable<string> {
    return this.field(['name']).pipe(map((raw) => richTextToPlainText(Array.isArray(raw) ? (raw as RichText) : [])))
  }

  get description(): string {
    return richTextToPlainText(this.#richText('description'))
  }

  set description(value: string) {
    void this.set(['description'], plainTextToRichText(String(value)))
  }

  get description$(): Observable<string> {
    return this.field(['description']).pipe(map((raw) => richTextToPlainText(Array.isArray(raw) ? (raw as RichText) : [])))
  }

  get icon(): string | undefined {
    const icon = this.get('icon')
    return typeof icon === 'string' ? icon : undefined
  }

  set icon(value: string | undefined) {
    void this.set(['icon'], value ?? null)
  }

  get cover(): string | undefined {
    const cover = this.get('cover')
    return typeof cover === 'string' ? cover : undefined
  }

  set cover(value: string | undefined) {
    void this.set(['cover'], value ?? null)
  }

  /** Property entries by property id (the store's frozen object; `{}` until loaded). */
  get schema(): CollectionSchema {
    const schema = this.value?.['schema']
    return schema && typeof schema === 'object' ? (schema as CollectionSchema) : EMPTY_SCHEMA
  }

  get schema$(): Observable<CollectionSchema> {
    return this.select((value) => {
      const schema = value?.['schema']
      return schema && typeof schema === 'object' ? (schema as CollectionSchema) : EMPTY_SCHEMA
    })
  }

  /** The block the database belongs to (its `collection_view` / `collection_view_page` block). */
  get parent(): Block | undefined {
    const value = this.value
    const parentId = value?.['parent_id']
    return value?.['parent_table'] === 'block' && typeof parentId === 'string' ? (resolveRecord(this.context, 'block', parentId) as Block) : undefined
  }

  /** The views of the database block (`view_ids`), in order. */
  get views(): CollectionView[] {
    const viewIds = this.parent?.value?.view_ids ?? EMPTY_IDS
    return viewIds.map((id) => resolveRecord(this.context, 'collection_view', id) as CollectionView)
  }

  /** Template pages (`template_pages`): rows with `is_template`, not returned by queries. */
  get templates(): CollectionRowBlock[] {
    const ids = this.get('template_pages')
    return (Array.isArray(ids) ? (ids as string[]) : []).map((id) => resolveRecord(this.context, 'block', id) as CollectionRowBlock)
  }

  /** Every property with its id and slug, in schema order (notion-py's `get_schema_properties`). */
  get properties(): Array<SchemaProperty & { readonly slug: string }> {
    const schema = this.schema
    return Object.entries(schema).map(([id, property]) => ({ ...property, id, slug: propertySlug(property.name) || id }))
  }

  /** A property by id, name or slug (`title` is always the title property). @throws UnknownPropertyError */
  property(key: string): CollectionProperty & { readonly id: string } {
    return resolveProperty(this.schema, key)
  }

  /**
   * A query over the rows: `options` as notion-py's (`filter`, `sort`, `aggregations`, `search`,
   * `groupBy`) or a `QueryBuilder`. Rows are ordered by the first view's manual order before sorts.
   * @throws UnknownPropertyError, InvalidQueryError before anything is sent
   */
  query(options: QueryOptions | QueryBuilder = {}, run: ExecuteOptions & LiveQueryOptions = {}, viewId: string | undefined = this.#defaultViewId()): CollectionQuery {
    const target = this.queryTarget(viewId)
    const builder = isBuilder(options) ? options : builderFromOptions(this.schema, options)
    return new CollectionQuery(target, builder, run)
  }

  /**
   * Every row (no 100-row cap), or those matching `search`, as notion-py's `get_rows`.
   * @example const rows = await collection.getRows({ search: 'penguins' })
   */
  async getRows(options: { search?: string } & ExecuteOptions = {}): Promise<CollectionRowBlock[]> {
    const { search, ...run } = options
    const result = await this.query(search === undefined ? {} : { search }, run).execute()
    return [...result.rows]
  }

  /** Every row, now and whenever rows are added, removed, reordered or changed. */
  get rows$(): Observable<readonly CollectionRowBlock[]> {
    return this.query().results$.pipe(map((result: QueryResult) => result.rows))
  }

  /** What queries of this collection run against, through `viewId`'s manual order. */
  queryTarget(viewId?: string): QueryTarget {
    const collection = this
    return {
      context: this.context,
      collectionId: this.id,
      viewId,
      spaceId: this.spaceId,
      schema: () => collection.schema,
    }
  }

  /**
   * Creates a row with `props` (keys: property ids, names or slugs), all checked before anything is
   * queued; new select options are added to the schema, and the row is appended to the views'
   * manual order. Returns the row at once, already in the store (`await row.committed`).
   * @throws UnknownPropertyError, PropertyValueError (nothing queued)
   * @example const row = collection.addRow({ title: 'x', estimatedValue: 3, tags: ['A', 'Z'] })
   */
  addRow(props: Readonly<Record<string, unknown>> = {}, options: AddRowOptions = {}): CollectionRowBlock {
    return this.#createPage(props, options, false)
  }

  /** Creates a template page (`is_template`, listed in `template_pages`), as notion-py's `templates.add_new`. */
  addTemplate(props: Readonly<Record<string, unknown>> = {}, options: Pick<AddRowOptions, 'codec'> = {}): CollectionRowBlock {
    return this.#createPage(props, { ...options, updateViews: false }, true)
  }

  // Schema utilities

  /**
   * Adds a property; returns its new id.
   * @example const id = collection.addProperty('Priority', 'select', { options: ['High', { value: 'Low', color: 'gray' }] })
   */
  addProperty(name: string, type: string, options: AddPropertyOptions = {}): string {
    this.#checkName(name)
    checkPropertyType(type)
    if (options.options && !hasOptions(type)) {
      throw new InvalidSchemaChangeError('invalid_type', `A ${type} property has no options`)
    }
    const id = newPropertyId(this.schema)
    const property: Record<string, unknown> = { ...options.extra, name, type }
    if (hasOptions(type)) {
      const draft = { id, name, type, options: [] as SelectOption[] }
      for (const option of options.options ?? []) {
        const { value, color = 'default' } = typeof option === 'string' ? { value: option } : option
        checkOptionValue(draft, value)
        checkColor(color)
        draft.options.push({ id: this.context.newId(), value: value.trim(), color })
      }
      property['options'] = draft.options
    }
    this.#write([this.operation(['schema', id], 'set', property)])
    return id
  }

  /** Renames a property (rows keep their values: cells are keyed by id). */
  renameProperty(key: string, name: string): Promise<void> {
    const property = this.property(key)
    this.#checkName(name)
    return this.#write([this.operation(['schema', property.id, 'name'], 'set', name)])
  }

  /**
   * Changes a property's type. Cells are kept as they are stored (text); select-like types gain the
   * distinct values of loaded rows as options only when they are written again. The title property
   * cannot be retyped.
   */
  retypeProperty(key: string, type: string): Promise<void> {
    const property = this.property(key)
    if (property.type === 'title') throw new InvalidSchemaChangeError('title_property', 'The title property cannot be retyped')
    checkPropertyType(type)
    const next: Record<string, unknown> = { ...storedProperty(property), type }
    if (hasOptions(type)) next['options'] = property.options ?? []
    else delete next['options']
    return this.#write([this.operation(['schema', property.id], 'set', next)])
  }

  /** Removes a property from the schema (rows' cells stay, unread). The title property cannot be removed. */
  removeProperty(key: string): Promise<void> {
    const property = this.property(key)
    if (property.type === 'title') throw new InvalidSchemaChangeError('title_property', 'The title property cannot be removed')
    return this.#write([this.operation(['schema', property.id], 'set', null)])
  }

  /** Adds a select option; returns it. */
  addOption(key: string, value: string, color = 'default'): SelectOption {
    const property = this.property(key)
    if (!hasOptions(property.type)) throw new InvalidSchemaChangeError('invalid_type', `Property ${JSON.stringify(property.name)} (${property.type}) has no options`)
    checkOptionValue(property, value)
    checkColor(color)
    const option = { id: this.context.newId(), value: value.trim(), color }
    void this.#setOptions(property.id, [...(property.options ?? []), option])
    return option
  }

  /** Changes an option's colour (the option by value or id). */
  recolorOption(key: string, option: string, color: string): Promise<void> {
    const property = this.property(key)
    const found = findOption(property, option)
    checkColor(color)
    return this.#setOptions(property.id, (property.options ?? []).map((o) => (o === found ? { ...o, color } : o)))
  }

  /**
   * Renames an option, keeping its id and colour, and rewrites the cells that hold it (cells store
   * option values): every row is read first, then everything goes out in one transaction.
   */
  async renameOption(key: string, option: string, value: string): Promise<void> {
    const property = this.property(key)
    const found = findOption(property, option)
    checkOptionValue(property, value, found)
    await this.#rewriteCells(property.id, found.value, value.trim(), (options) =>
      options.map((o) => (o.id === found.id ? { ...o, value: value.trim() } : o)),
    )
  }

  /** Removes an option and takes its value out of the cells that hold it (one transaction, after reading every row). */
  async removeOption(key: string, option: string): Promise<void> {
    const property = this.property(key)
    const found = findOption(property, option)
    await this.#rewriteCells(property.id, found.value, undefined, (options) => options.filter((o) => o.id !== found.id))
  }

  /** The first view the store holds (blocks may list views since deleted, which queries refuse). */
  #defaultViewId(): string | undefined {
    return this.parent?.value?.view_ids?.find((id) => this.context.store.get('collection_view', id)?.value !== undefined)
  }

  #richText(key: string): RichText {
    const raw = this.get(key)
    return Array.isArray(raw) ? (raw as RichText) : []
  }

  #checkName(name: unknown): asserts name is string {
    if (typeof name !== 'string' || name.trim() === '') {
      throw new InvalidSchemaChangeError('invalid_name', `A property name must be a non-empty string, got ${JSON.stringify(name)}`)
    }
  }

  #write(operations: Operation[]): Promise<void> {
    return this.write(operations)
  }

  #setOptions(propertyId: string, options: readonly SelectOption[]): Promise<void> {
    return this.#write([this.operation(['schema', propertyId, 'options'], 'set', options)])
  }

  async #rewriteCells(
    propertyId: string,
    from: string,
    to: string | undefined,
    nextOptions: (options: readonly SelectOption[]) => SelectOption[],
  ): Promise<void> {
    const rows = await this.getRows()
    const lower = from.toLowerCase()
    const operations: Operation[] = []
    for (const row of rows) {
      const raw = row.get(['properties', propertyId])
      const text = Array.isArray(raw) ? richTextToPlainText(raw as RichText) : ''
      const values = text.split(',').map((v) => v.trim()).filter((v) => v !== '')
      if (!values.some((v) => v.toLowerCase() === lower)) continue
      const next = [...new Set(values.flatMap((v) => (v.toLowerCase() === lower ? (to === undefined ? [] : [to]) : [v])))]
      operations.push({ pointer: row.pointer(), path: ['properties', propertyId], command: 'set', args: next.length === 0 ? [] : [[next.join(',')]] })
    }
    const property = this.property(propertyId)
    operations.unshift(this.operation(['schema', propertyId, 'options'], 'set', nextOptions(property.options ?? [])))
    await this.#write(operations)
  }

  #createPage(props: Readonly<Record<string, unknown>>, options: AddRowOptions, template: boolean): CollectionRowBlock {
    const { context } = this
    const id = context.newId()
    const spaceId = this.spaceId
    const pointer: OperationPointer = spaceId === undefined ? { table: 'block', id } : { table: 'block', id, spaceId }
    const collectionPointer = this.pointer()
    // Checked against a running copy of the schema, so two props adding options to it compose.
    let schema = this.schema
    const propOperations: Operation[] = []
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined) continue
      const operations = propertyWriteOperations(schema, collectionPointer, pointer, key, value, options.codec)
      for (const op of operations) {
        if (op.path[0] === 'schema') {
          const propertyId = String(op.path[1])
          schema = { ...schema, [propertyId]: { ...schema[propertyId]!, options: op.args as SelectOption[] } }
        }
      }
      propOperations.push(...operations)
    }
    const userId = context.currentUserId()
    const record = {
      id,
      version: 1,
      type: 'page',
      alive: true,
      parent_id: this.id,
      parent_table: 'collection',
      ...(spaceId === undefined ? {} : { space_id: spaceId }),
      ...(template ? { is_template: true } : {}),
      created_time: context.now(),
      ...(userId === undefined ? {} : { created_by_id: userId, created_by_table: 'notion_user' }),
    }
    const operations: Operation[] = [{ pointer, path: [], command: 'set', args: record }, ...propOperations]
    if (template) operations.push(this.operation(['template_pages'], 'listAfter', { id }))
    if (options.updateViews ?? true) {
      for (const view of this.views) {
        if (view.type === 'calendar') continue
        operations.push({ pointer: view.pointer(), path: ['page_sort'], command: 'listAfter', args: { id } })
      }
    }
    void queueWrite(context, operations)
    return resolveRecord(context, 'block', id) as CollectionRowBlock
  }
}

function isBuilder(value: unknown): value is QueryBuilder {
  return typeof value === 'object' && value !== null && typeof (value as QueryBuilder).toQueryCollectionBody === 'function'
}
