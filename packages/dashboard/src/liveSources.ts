import { recordFor, type CollectionView, type NotionClient } from '@notion-rx/core'
import { Observable, combineLatest, distinctUntilChanged, filter, from, map, of, startWith, switchMap, type Subscription } from 'rxjs'
import { readPage } from './pageModel.js'
import { ViewLayout, groupPropertyOf, type ViewSource } from './viewLayout.js'
import type { ChannelModel } from './viewModel.js'

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
export function livePage(client: NotionClient, rootId: string, fileUrl: (blockId: string) => string): Observable<ChannelModel> {
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

function viewSource(view: CollectionView, month: string | undefined): Observable<ViewSource> {
  if (view.type === 'calendar') {
    const shown = month ?? currentMonth()
    return view.calendar$({ ...monthWindow(shown), timeZone: 'UTC' }).pipe(map((calendar) => ({ kind: 'calendar' as const, calendar, month: shown })))
  }
  if (view.type === 'timeline') return view.timeline$({ timeZone: 'UTC' }).pipe(map((timeline) => ({ kind: 'timeline' as const, timeline })))
  return view.defaultQuery().results$.pipe(map((result) => ({ kind: 'query' as const, result })))
}

/**
 * A database view, live: the view's saved query (filters, sorts, grouping) as a live query, laid
 * out again when its result, the view's format or the schema changes.
 */
export function liveView(client: NotionClient, viewId: string, month: string | undefined): Observable<ChannelModel> {
  return new Observable<ChannelModel>((subscriber) => {
    let inner: Subscription | undefined
    let closed = false
    client
      .getCollectionView(viewId)
      .then((view) => {
        if (closed) return
        const collection = view.collection
        if (!collection) throw new Error(`View ${viewId} has no database`)
        const layout = new ViewLayout(client.store, view)
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
        inner = combineLatest([source$, viewRecord$, client.store.select('collection', collection.id), viewList$])
          .pipe(map(([source]) => ({ kind: 'view' as const, ...layout.layout(source) })))
          .subscribe(subscriber)
      })
      .catch((error: unknown) => subscriber.error(error))
    return () => {
      closed = true
      inner?.unsubscribe()
    }
  })
}

/** The view object for an id the store holds. */
export function viewRecord(client: NotionClient, viewId: string): CollectionView {
  return recordFor(client, 'collection_view', viewId) as CollectionView
}
