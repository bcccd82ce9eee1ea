import { recordFor, type CollectionView, type NotionClient } from '@notion-rx/core'
import { Observable, combineLatest, distinctUntilChanged, filter, from, map, of, startWith, switchMap, type Subscription } from 'rxjs'
import { NO_CHOICES, columnChoices, loadEditChoices, relationTargets, type EditChoices } from './editChoices.js'
import { readPage } from './pageModel.js'
import { ViewLayout, groupPropertyOf, type ViewSource } from './viewLayout.js'
import type { ChannelModel, Row } from './viewModel.js'

/** A channel's source: its models as they change, and (views) rows laid out on a tab's request. */
export interface LiveSource {
  models: Observable<ChannelModel>
  rows?(ids: readonly string[]): Record<string, Row>
}

/** `YYYY-MM` → the first and last day of that month. */
export function monthWindow(month: string): { from: string; to: string } {
  const [year, monthIndex] = month.split('-').map(Number) as [number, number]
  const last = new Date(Date.UTC(year, monthIndex, 0)).getUTCDate()
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` }
}

export function currentMonth(now = new Date()): string {
  return now.toISOString().slice(0, 7)
}

/**
 * A page's blocks, read again from the store whenever one of them (or a user or collection it
 * names) changes. Every block read is held, so the monitor follows it; children that are not in
 * the store yet are loaded.
 */
export function livePage(client: NotionClient, rootId: string, fileUrl: (blockId: string) => string): LiveSource {
  return { models: pageModels(client, rootId, fileUrl) }
}

function pageModels(client: NotionClient, rootId: string, fileUrl: (blockId: string) => string): Observable<ChannelModel> {
  return new Observable<ChannelModel>((subscriber) => {
    const held = new Map<string, () => void>()
    const loading = new Set<string>()
    let scheduled = false
    let closed = false
    const read = (): void => {
      scheduled = false
      if (closed) return
      const { page, blockIds, missing } = readPage(client.store, rootId, fileUrl)
      for (const id of blockIds) if (!held.has(id)) held.set(id, client.store.hold('block', id))
      for (const [id, release] of held) {
        if (!blockIds.has(id)) {
          release()
          held.delete(id)
        }
      }
      const toLoad = missing.filter((id) => !loading.has(id))
      if (toLoad.length > 0) {
        for (const id of toLoad) loading.add(id)
        client
          .loadRecords(toLoad.map((id) => ({ table: 'block', id })))
          .catch(() => {})
          .finally(() => {
            for (const id of toLoad) loading.delete(id)
            schedule()
          })
      }
      subscriber.next({ kind: 'page', page })
    }
    const schedule = (): void => {
      if (scheduled) return
      scheduled = true
      queueMicrotask(read)
    }
    const changes: Subscription = client.changes$
      .pipe(filter((change) => (change.table === 'block' ? held.has(change.id) : change.table === 'notion_user' || change.table === 'collection')))
      .subscribe(schedule)
    read()
    return () => {
      closed = true
      changes.unsubscribe()
      for (const release of held.values()) release()
    }
  })
}

/** What decides a view's query: when it changes (a teammate edits the view's filters), the query starts again. */
function querySignature(view: CollectionView): string {
  const format = view.get('format') as { board_columns_by?: unknown } | undefined
  return JSON.stringify([view.type, view.query2 ?? null, format?.board_columns_by ?? null, groupPropertyOf(view) ?? null])
}

/** `YYYY-MM` months from one day to another, both included. */
function monthsCovered(start: string, end: string): string[] {
  const months: string[] = []
  for (let month = start.slice(0, 7); month <= end.slice(0, 7) && months.length < 1200; ) {
    months.push(month)
    const [year, index] = month.split('-').map(Number) as [number, number]
    month = new Date(Date.UTC(year, index, 1)).toISOString().slice(0, 7)
  }
  return months
}

/**
 * The month a calendar opens on when the address names none: the current month if it has rows,
 * else the month with the most rows (the nearest to now among equals), so a calendar of past or
 * future work does not open empty.
 */
export async function openingMonth(view: CollectionView, now = new Date()): Promise<string> {
  const current = currentMonth(now)
  // Every dated row, by the calendar's own date property.
  const calendar = await view.calendar({ from: '1900-01-01', to: '2199-12-31', timeZone: 'UTC' })
  const counts = new Map<string, number>()
  for (const entry of calendar.entries) for (const month of monthsCovered(entry.startDay, entry.endDay)) counts.set(month, (counts.get(month) ?? 0) + 1)
  if (counts.size === 0 || counts.has(current)) return current
  const distance = (month: string) => Math.abs(Date.parse(`${month}-01`) - Date.parse(`${current}-01`))
  return [...counts].sort(([a, countA], [b, countB]) => countB - countA || distance(a) - distance(b))[0]![0]
}

function viewSource(view: CollectionView, month: string | undefined): Observable<ViewSource> {
  if (view.type === 'calendar') {
    const shown$ = month ? of(month) : from(openingMonth(view).catch(() => currentMonth()))
    return shown$.pipe(
      switchMap((shown) => view.calendar$({ ...monthWindow(shown), timeZone: 'UTC' }).pipe(map((calendar) => ({ kind: 'calendar' as const, calendar, month: shown })))),
    )
  }
  if (view.type === 'timeline') return view.timeline$({ timeZone: 'UTC' }).pipe(map((timeline) => ({ kind: 'timeline' as const, timeline })))
  return view.defaultQuery().results$.pipe(map((result) => ({ kind: 'query' as const, result })))
}

/**
 * A database view, live: the view's saved query (filters, sorts, grouping) as a live query, laid
 * out again when its result, the view's format or the schema changes. `rows(ids)` lays out rows a
 * tab scrolled to (a table sends its first rows only).
 */
export function liveView(client: NotionClient, viewId: string, month: string | undefined): LiveSource {
  let layout: ViewLayout | undefined
  const models = new Observable<ChannelModel>((subscriber) => {
    let inner: Subscription | undefined
    let closed = false
    client
      .getCollectionView(viewId)
      .then((view) => {
        if (closed) return
        const collection = view.collection
        if (!collection) throw new Error(`View ${viewId} has no database`)
        let choices: EditChoices = NO_CHOICES
        layout = new ViewLayout(client.store, view, (property) => columnChoices(client, property, choices))
        // Who and what person and relation cells may name: loaded at start and when relations change.
        const choices$ = client.store.select('collection', collection.id).pipe(
          map(() => relationTargets(collection.schema).join(' ') + (Object.values(collection.schema).some((property) => property.type === 'person') ? ' people' : '')),
          distinctUntilChanged(),
          switchMap(() => from(loadEditChoices(client, collection).catch(() => NO_CHOICES)).pipe(startWith(choices))),
          map((loaded) => (choices = loaded)),
        )
        const viewRecord$ = client.store.select('collection_view', view.id)
        const source$ = viewRecord$.pipe(
          map(() => querySignature(view)),
          distinctUntilChanged(),
          switchMap(() => viewSource(view, month)),
        )
        // The view's own record (columns, widths), the schema, and the block listing the views (the switcher).
        const parentId = view.parent?.id ?? ''
        const viewList$ = client.store.select('block', parentId).pipe(
          switchMap((block) => {
            // A view a teammate just added is listed before its record is here: load it, then lay out again.
            const ids = Array.isArray(block?.value?.['view_ids']) ? (block.value['view_ids'] as unknown[]).filter((id): id is string => typeof id === 'string') : []
            const missing = ids.filter((id) => !client.store.get('collection_view', id))
            if (missing.length === 0) return of(block)
            const loaded = client.loadRecords(missing.map((id) => ({ table: 'collection_view', id }))).catch(() => {})
            return from(loaded).pipe(map(() => block), startWith(block))
          }),
        )
        const viewLayout = layout
        inner = combineLatest([source$, viewRecord$, client.store.select('collection', collection.id), viewList$, choices$])
          .pipe(map(([source]) => ({ kind: 'view' as const, ...viewLayout.layout(source) })))
          .subscribe(subscriber)
      })
      .catch((error: unknown) => subscriber.error(error))
    return () => {
      closed = true
      inner?.unsubscribe()
    }
  })
  return { models, rows: (ids) => layout?.rows(ids) ?? {} }
}

/** The view object for an id the store holds. */
export function viewRecord(client: NotionClient, viewId: string): CollectionView {
  return recordFor(client, 'collection_view', viewId) as CollectionView
}
