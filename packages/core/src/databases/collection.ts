import {
  codecFor,
  plainTextToRichText,
  richTextToPlainText,
  type CollectionProperty,
  type Operation,
  type OperationPointer,
  type RichText,
  type SelectOption,
} from '@notion-rx/protocol'
import { map, type Observable } from 'rxjs'
import type { CallOptions } from '../callOptions.js'
import type { ClientContext } from '../clientContext.js'
import type { CollectionSchema, SchemaProperty } from './properties/collectionSchema.js'
import { CollectionQuery, builderFromOptions, type QueryOptions } from './query/collectionQuery.js'
import type { ExecuteOptions, QueryTarget } from './query/runQuery.js'
import { cellOptionValues, convertCell, convertsCells, mergeOptions, type CellConversionContext } from './properties/convertCells.js'
import { decodeProperty } from './properties/decodeProperty.js'
import { InvalidSchemaChangeError } from './properties/invalidSchemaChangeError.js'
import type { LiveQueryOptions } from './live/liveQuery.js'
import type { PropertyCodecOptions } from './properties/propertyCodecOptions.js'
import { propertyWriteOperations } from './properties/propertyWrites.js'
import type { QueryBuilder } from './query/queryBuilder.js'
import type { QueryResult } from './query/queryResult.js'
import { propertySlug } from './properties/propertySlug.js'
import { resolveProperty } from './properties/resolveProperty.js'
import { loadRollupSources } from './properties/rollupSources.js'
import {
  checkColor,
  checkOptionValue,
  checkPropertyType,
  findOption,
  hasOptions,
  newPropertyId,
  storedProperty,
} from './properties/schemaEdits.js'
import type { Block } from '../records/block.js'
import type { CollectionView } from './collectionView.js'
import { NotionRecord } from '../records/notionRecord.js'
import type { CollectionRowBlock } from './collectionRowBlock.js'
import { resolveRecord } from '../records/recordRegistry.js'
import { queueWrite } from '../records/recordWrites.js'
import type { User } from '../records/user.js'

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
   * Every row (no 100-row cap), or those matching `search`, as notion-py's `get_rows`. Related
   * rows that rollups read are loaded too (every query does), so rollups are complete.
   * @example const rows = await collection.getRows({ search: 'penguins' })
   */
  async getRows(options: { search?: string } & ExecuteOptions = {}): Promise<CollectionRowBlock[]> {
    const { search, ...run } = options
    const result = await this.query(search === undefined ? {} : { search }, run).execute()
    return [...result.rows]
  }

  /**
   * Loads the related rows (and their databases) that the rollups of `rows` read and the store
   * lacks, in one request (one more per level of rollups of rollups). Nothing is sent when the
   * database has no rollups or the store holds them all. Queries do it themselves; this is for rows
   * got another way.
   */
  async loadRollupSources(rows: ReadonlyArray<{ readonly id: string }>, options: CallOptions = {}): Promise<void> {
    await loadRollupSources(this.context, rows.map((row) => row.id), options.signal)
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
   * Changes a property's type and converts the cells to it (docs/collections.md has what each
   * type becomes; Notion documents no rules): cells the new type cannot read are cleared, select-like types gain
   * the distinct values as options (existing ones keep their ids and colours). Every row is read
   * first, then the schema and every changed cell go out in one transaction. Cells are not read
   * when nothing converts (computed types, text-like to text-like). The title property cannot be
   * retyped.
   * @throws InvalidSchemaChangeError (`title_property`, `invalid_type`) before anything is read or queued
   */
  retypeProperty(key: string, type: string): Promise<void> {
    const property = this.property(key)
    if (property.type === 'title') throw new InvalidSchemaChangeError('title_property', 'The title property cannot be retyped')
    checkPropertyType(type)
    return this.#retypeCells(property, type)
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

  async #retypeCells(property: SchemaProperty, type: string): Promise<void> {
    // Options stay on the entry whatever the type (Notion's records keep them), so a property
    // retyped back to a select gets its options, ids and colours again.
    const next: Record<string, unknown> = { ...storedProperty(property), type }
    const operations: Operation[] = []
    if (convertsCells(property.type, type)) {
      const rows = await this.#rowsWithTemplates()
      const context = await this.#conversionContext(property, rows)
      let to: SchemaProperty = { ...property, type }
      if (hasOptions(type)) {
        const values = rows.flatMap((row) => (row.value ? cellOptionValues(row.value, property, type, context) : []))
        const options = mergeOptions(property.options ?? [], values, () => this.context.newId())
        next['options'] = options
        to = { ...to, options }
      }
      for (const row of rows) {
        const cell = row.value ? convertCell(row.value, property, to, context) : undefined
        if (cell !== undefined) operations.push({ pointer: row.pointer(), path: ['properties', property.id], command: 'set', args: cell })
      }
    } else if (hasOptions(type)) {
      next['options'] = property.options ?? []
    }
    operations.unshift(this.operation(['schema', property.id], 'set', next))
    await this.#write(operations)
  }

  /** Every row (paginated query) and every template page: templates hold cells too. */
  async #rowsWithTemplates(): Promise<CollectionRowBlock[]> {
    const rows = await this.getRows()
    const templates = this.templates
    await this.context.loadRecords(templates.map((template) => template.pointer()))
    return [...rows, ...templates.filter((template) => template.value?.alive !== false)]
  }

  /** Names of people and titles of related pages, loading those the store lacks in one batch. */
  async #conversionContext(property: SchemaProperty, rows: readonly CollectionRowBlock[]): Promise<CellConversionContext> {
    const { store } = this.context
    const ids = (row: CollectionRowBlock) => {
      const value = row.value ? decodeProperty(property, row.value) : undefined
      return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : typeof value === 'string' ? [value] : []
    }
    const table = codecFor(property.type).references
    if (table !== undefined) {
      const missing = [...new Set(rows.flatMap(ids))].filter((id) => store.get(table, id)?.value === undefined)
      const spaceId = this.spaceId
      if (missing.length > 0) await this.context.loadRecords(missing.map((id) => (spaceId === undefined ? { table, id } : { table, id, spaceId })))
    }
    return {
      schema: this.schema,
      userName: (id) => {
        const name = store.get('notion_user', id)?.value === undefined ? '' : (resolveRecord(this.context, 'notion_user', id) as User).name
        return name === '' ? undefined : name
      },
      pageTitle: (id) => {
        const title = store.get('block', id)?.value?.['properties']
        const raw = title && typeof title === 'object' ? (title as Record<string, unknown>)['title'] : undefined
        return Array.isArray(raw) ? richTextToPlainText(raw as RichText) : undefined
      },
    }
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
