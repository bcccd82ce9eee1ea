import {
  aggregateRows,
  CellReader,
  compileFilter,
  dayInZone,
  defaultOrder,
  groupRows,
  isLegacyQueryCollectionBody,
  matchesSearch,
  queryCollectionRequestSchema,
  QueryEvaluationError,
  readQuerySchema,
  reducerLoaderSchema,
  rowCollectionId,
  sortRows,
  type FilterContext,
  type QueryCollectionRequest,
  type ReducerLoader,
  type ReducerResult,
} from '@notion-rx/protocol'
import { validationError } from '../http/apiError.js'
import { defineEndpoint, type EndpointRequest } from '../http/endpoint.js'
import type { EmulatorContext } from '../emulatorContext.js'
import { compileViewLoader } from '../query/compileViewLoader.js'
import { relatedRowLookup } from '../query/relatedRowLookup.js'
import { ancestorsOf } from '../reads/ancestry.js'
import { RecordMapBuilder } from '../storage/recordMapBuilder.js'
import type { RecordValue, StoredRecord } from '../storage/recordRepository.js'
import { canRead } from '../access/roles.js'

const USER_PROPERTY_TYPES = new Set(['person', 'created_by', 'last_edited_by'])

function readable(emulator: EmulatorContext, userId: string | undefined, table: string, id: string): StoredRecord | undefined {
  const record = emulator.records.get(table, id)
  return record && canRead(emulator.permissions.roleFor(userId, table, id, record)) ? record : undefined
}

/** The collection a database block or view points at: `format.collection_pointer`, else `collection_id`. */
function collectionIdOf(value: RecordValue | undefined): string | undefined {
  if (!value) return undefined
  const pointer = (value['format'] as Record<string, unknown> | undefined)?.['collection_pointer']
  const pointed = (pointer as Record<string, unknown> | undefined)?.['id']
  if (typeof pointed === 'string') return pointed
  return typeof value['collection_id'] === 'string' ? value['collection_id'] : undefined
}

function resolveCollectionId(
  emulator: EmulatorContext,
  body: QueryCollectionRequest,
  view: StoredRecord | undefined,
): string | undefined {
  if (body.collection) return body.collection.id
  if (body.source) {
    if (body.source.type !== 'collection') throw validationError(`Unsupported source.type "${body.source.type}"; expected "collection".`)
    return body.source.id
  }
  const fromView = collectionIdOf(view?.value)
  if (fromView) return fromView
  const blockId = body.collectionViewBlock?.id ?? (view?.value['parent_table'] === 'block' ? view.value['parent_id'] : undefined)
  return typeof blockId === 'string' ? collectionIdOf(emulator.records.get('block', blockId)?.value) : undefined
}

/**
 * queryCollection, reducer form (docs/protocol.md#querycollection). Rows are the live, non-template pages whose
 * parent is the collection and which the caller may read; `loader.filter` and `searchQuery` narrow
 * them, `loader.sort` orders them (after the view's page_sort), then each reducer answers on its own:
 * `results` pages, `aggregation` values, `groups` board columns. The 2025–26 web body (no loader)
 * gets a loader compiled from the view and sees it back as `compiledRequest`. The pre-2021 body and
 * collections the caller cannot read are 400s, as on the real server.
 */
export const queryCollection = defineEndpoint({
  name: 'queryCollection',
  auth: 'optional',
  body: queryCollectionRequestSchema,
  handle(request, body) {
    try {
      return answerQuery(request, body)
    } catch (error) {
      // The shared evaluator names what is wrong and where; on the wire that is a 400.
      if (QueryEvaluationError.isQueryEvaluationError(error)) throw validationError(error.message)
      throw error
    }
  },
})

function answerQuery({ emulator, user, profile }: EndpointRequest, body: QueryCollectionRequest): unknown {
  if (isLegacyQueryCollectionBody(body)) {
    throw validationError(
      'The pre-2021 queryCollection body (collectionId, collectionViewId, query, loader.type "table") is no longer accepted; send collection, collectionView and a reducer loader.',
    )
  }
  const userId = user?.id
  let view: StoredRecord | undefined
  if (body.collectionView) {
    view = readable(emulator, userId, 'collection_view', body.collectionView.id)
    if (!view) throw validationError(`Collection view ${body.collectionView.id} does not exist or is not readable.`)
  }
  const collectionId = resolveCollectionId(emulator, body, view)
  if (!collectionId) throw validationError('queryCollection needs collection (or source) or a collectionView that points at one.')
  const collection = readable(emulator, userId, 'collection', collectionId)
  if (!collection) throw validationError(`Collection ${collectionId} does not exist or is not readable.`)

  const serverCompiled = body.loader === undefined
  if (serverCompiled && !view) throw validationError('queryCollection needs loader.reducers, or collectionView for the server-compiled form.')
  const rawLoader = serverCompiled ? compileViewLoader(view!.value, body.userTimeZone) : body.loader
  const parsedLoader = reducerLoaderSchema.safeParse(rawLoader)
  if (!parsedLoader.success) {
    const issues = parsedLoader.error.issues.slice(0, 10).map((issue) => `${['loader', ...issue.path].join('.')}: ${issue.message}`)
    throw validationError(`Invalid queryCollection body: ${issues.join('; ')}`)
  }
  const loader = parsedLoader.data

  const timeZone = loader.userTimeZone ?? body.userTimeZone ?? 'UTC'
  const schema = readQuerySchema(collection.value)
  // Rollups read related rows only as this caller may see them; formulas' now() is the emulator's clock.
  const reader = new CellReader(schema, timeZone, { related: relatedRowLookup(emulator, userId), now: new Date(emulator.now()) })
  const context: FilterContext = { reader, userId: loader.userId ?? userId, today: dayInZone(emulator.now(), timeZone) }

  const matching = matchingRows(emulator, userId, collectionId, view, loader, reader, context)
  const { reducerResults, shown } = runReducers(matching, loader, reader, context)

  const builder = new RecordMapBuilder(emulator, userId, profile.envelope)
  const viewBlockId = body.collectionViewBlock?.id ?? (view?.value['parent_table'] === 'block' ? view.value['parent_id'] : undefined)
  const viewBlock = typeof viewBlockId === 'string' ? builder.add('block', viewBlockId) : undefined
  // Notion answers with the database block's ancestors up to the top-level page (recorded 2022
  // queryCollection exchanges of kjk/notionapi: 7-12 blocks for 3-8 rows), not the view record.
  if (viewBlock) for (const ancestor of ancestorsOf(emulator.records, viewBlock)) builder.add(ancestor.table, ancestor.id)
  const userProperties = [...schema].filter(([, property]) => USER_PROPERTY_TYPES.has(property.type)).map(([id]) => id)
  for (const row of matching) {
    if (!shown.has(row.id)) continue
    builder.add('block', row.id)
    for (const property of userProperties) {
      const cell = reader.read(row, property)
      if (cell.kind === 'ids') for (const id of cell.ids) builder.add('notion_user', id, { namedByReadable: true })
    }
  }
  builder.add('collection', collectionId)
  if (collection.spaceId) builder.add('space', collection.spaceId)

  const result = { type: 'reducer' as const, reducerResults, sizeHint: matching.length }
  if (!serverCompiled) return { result, recordMap: builder.toWire() }
  const spaceId = collection.spaceId ?? body.collectionView?.spaceId
  const pointer = (id: string) => (spaceId ? { id, spaceId } : { id })
  return {
    result,
    allBlockIds: matching.map((row) => row.id),
    compiledRequest: {
      collection: pointer(collectionId),
      source: { type: 'collection', ...pointer(collectionId) },
      collectionView: pointer(view!.id),
      loader: rawLoader,
    },
    recordMap: builder.toWire(),
  }
}

/** The rows of the collection the caller may read, searched, filtered and in the view's order. */
function matchingRows(
  emulator: EmulatorContext,
  userId: string | undefined,
  collectionId: string,
  view: StoredRecord | undefined,
  loader: ReducerLoader,
  reader: CellReader,
  context: FilterContext,
): StoredRecord[] {
  const rows = emulator.records
    .childrenOf(collectionId)
    .filter(
      (row) =>
        rowCollectionId(row.value) === collectionId &&
        row.value['alive'] !== false &&
        row.value['is_template'] !== true &&
        canRead(emulator.permissions.roleFor(userId, 'block', row.id, row)),
    )
  const search = loader.searchQuery ?? ''
  const searched = search.trim() === '' ? rows : rows.filter((row) => matchesSearch(row, search, reader))
  const matches = compileFilter(loader.filter, context)
  const pageSort = Array.isArray(view?.value['page_sort']) ? (view.value['page_sort'] as unknown[]).filter((id) => typeof id === 'string') : []
  return sortRows(defaultOrder(searched.filter(matches), pageSort as string[]), loader.sort, reader)
}

/** Each reducer's answer over the matching rows, and the rows any of them shows. */
function runReducers(
  matching: readonly StoredRecord[],
  loader: ReducerLoader,
  reader: CellReader,
  context: FilterContext,
): { reducerResults: Record<string, ReducerResult>; shown: Set<string> } {
  const shown = new Set<string>()
  const show = (list: readonly StoredRecord[]) => list.map((row) => (shown.add(row.id), row.id))
  // Reducer names come from the request: a null-prototype map, so `__proto__` is just a name.
  const reducerResults = Object.create(null) as Record<string, ReducerResult>
  for (const [name, reducer] of Object.entries(loader.reducers)) {
    const path = `loader.reducers.${name}`
    const subset = reducer.filter ? matching.filter(compileFilter(reducer.filter, context, `${path}.filter`)) : matching
    switch (reducer.type) {
      case 'results': {
        const page = reducer.limit === undefined ? subset : subset.slice(0, reducer.limit)
        reducerResults[name] = { type: 'results', blockIds: show(page), hasMore: page.length < subset.length }
        break
      }
      case 'aggregation':
        reducerResults[name] = { type: 'aggregation', aggregationResult: aggregateRows(subset, reducer.aggregation, reader, `${path}.aggregation`) }
        break
      case 'groups': {
        const groups = groupRows(subset, { groupBy: reducer.groupBy, groupSortPreference: reducer.groupSortPreference }, reader, path)
        const limit = reducer.blockResults?.defaultLimit ?? reducer.limit
        const pageOf = (group: (typeof groups)[number]) => {
          const page = limit === undefined ? group.rows : group.rows.slice(0, limit)
          return { blockIds: show(page), hasMore: page.length < group.rows.length }
        }
        reducerResults[name] = {
          type: 'groups',
          results: groups.map((group) => ({
            value: group.value,
            ...(limit !== undefined ? pageOf(group) : {}),
            aggregationResult: { type: 'number', value: group.rows.length },
          })),
          ...(reducer.blockResults ? { blockResults: Object.fromEntries(groups.map((group) => [group.key, pageOf(group)])) } : {}),
        }
        break
      }
    }
  }
  return { reducerResults, shown }
}
