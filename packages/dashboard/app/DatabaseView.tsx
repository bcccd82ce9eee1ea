import type { JSX } from 'preact'
import { useState } from 'preact/hooks'
import { BoardView } from './BoardView.js'
import { CalendarView } from './CalendarView.js'
import { ChartPanel } from './ChartPanel.js'
import { useChannel, useEdits, useReadOnly } from './hooks.js'
import { GalleryView, ListView } from './ListView.js'
import { TableView } from './TableView.js'
import { TimelineView } from './TimelineView.js'

const VIEW_ICONS: Record<string, string> = { table: '▦', board: '▥', list: '☰', gallery: '▚', calendar: '▣', timeline: '▬' }

function AddRow({ viewId }: { viewId: string }): JSX.Element | null {
  const edits = useEdits()
  const readOnly = useReadOnly()
  if (readOnly) return null
  return (
    <input
      class="add-row"
      placeholder="+ New row: type a title and press Enter"
      onKeyDown={(event) => {
        if (event.key !== 'Enter') return
        const title = event.currentTarget.value.trim()
        if (title === '') return
        event.currentTarget.value = ''
        void edits.run(`new:${viewId}:${Date.now()}`, title, { type: 'addRow', viewId, title })
      }}
    />
  )
}

/**
 * A database: a view switcher over its saved views, the chosen view laid out by its type, and a
 * chart of rows per group. `initialView` is the view it opens on.
 */
export function DatabaseView({ initialView, initialMonth, isRoot }: { initialView: string; initialMonth?: string | undefined; isRoot: boolean }): JSX.Element {
  const [viewId, setViewId] = useState(initialView)
  const [month, setMonth] = useState<string | undefined>(initialMonth)
  const [showChart, setShowChart] = useState(true)
  const channel = month ? `view:${viewId}:${month}` : `view:${viewId}`
  const { model, error } = useChannel(channel)
  const choose = (id: string) => {
    setViewId(id)
    setMonth(undefined)
    if (isRoot) {
      const url = new URL(location.href)
      url.searchParams.set('view', id)
      url.searchParams.delete('month')
      history.replaceState(null, '', url)
    }
  }
  const chooseMonth = (value: string) => {
    setMonth(value)
    if (isRoot) {
      const url = new URL(location.href)
      url.searchParams.set('month', value)
      history.replaceState(null, '', url)
    }
  }
  if (error) return <div class="database error">Could not show this database: {error}</div>
  if (!model || model.kind !== 'view') return <div class="database loading">Loading…</div>
  const { meta } = model
  const type = meta.view.type
  return (
    <div class="database" data-view-type={type} data-view-id={meta.view.id}>
      <div class="database-head">
        <div class="database-title">{meta.databaseTitle}</div>
        <div class="view-switcher" role="tablist">
          {meta.views.map((view) => (
            <button key={view.id} type="button" role="tab" class={`view-tab${view.id === meta.view.id ? ' active' : ''}`} aria-selected={view.id === meta.view.id} data-view-id={view.id} onClick={() => choose(view.id)}>
              <span class="view-icon">{VIEW_ICONS[view.type] ?? '▦'}</span> {view.name}
            </button>
          ))}
          {meta.chart ? <button type="button" class="chart-toggle" onClick={() => setShowChart(!showChart)}>{showChart ? 'Hide chart' : 'Chart'}</button> : null}
        </div>
        <div class="database-count" data-total={meta.total}>{meta.total} {meta.total === 1 ? 'row' : 'rows'}</div>
      </div>
      <div class="database-body">
        <div class="view-area">
          {type === 'board' ? <BoardView model={model} />
            : type === 'calendar' ? <CalendarView model={model} onMonth={chooseMonth} />
            : type === 'timeline' ? <TimelineView model={model} />
            : type === 'list' ? <ListView model={model} />
            : type === 'gallery' ? <GalleryView model={model} />
            : <TableView model={model} channel={channel} />}
          {type === 'table' || type === 'list' || type === 'gallery' ? <AddRow viewId={meta.view.id} /> : null}
        </div>
        {meta.chart && showChart ? <ChartPanel key={meta.view.id} chart={meta.chart} /> : null}
      </div>
    </div>
  )
}
