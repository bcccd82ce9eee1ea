import type { JSX } from 'preact'
import { memo } from 'preact/compat'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { ChannelModel, Column, Row } from '../src/viewModel.js'
import { EditableCell } from './CellView.js'
import { useConnection } from './hooks.js'

type ViewModel = Extract<ChannelModel, { kind: 'view' }>

export const ROW_HEIGHT = 34
const OVERSCAN = 8
const DEFAULT_WIDTH = 180

function widthOf(column: Column): number {
  return column.width ?? (column.type === 'title' ? 260 : DEFAULT_WIDTH)
}

/**
 * One table row. Memoised: a patch hands unchanged rows over as the same objects, so only the rows
 * that changed render again (the latency of a teammate's edit does not grow with the window).
 * `row` is undefined while its cells are on their way (asked for as the table scrolled to it).
 */
const TableRow = memo(function TableRow({ id, row, columns, top, template }: { id: string; row: Row | undefined; columns: readonly Column[]; top: number; template: string }): JSX.Element {
  return (
    <div class={`tr${row ? '' : ' pending'}`} data-row-id={id} style={{ top: `${top}px`, gridTemplateColumns: template }}>
      {columns.map((column) => (
        <div key={column.id} class="td" data-property={column.id}>
          {row ? <EditableCell rowId={id} column={column} cell={row.cells[column.id]} /> : null}
        </div>
      ))}
    </div>
  )
})

/**
 * A table view: the view's columns in its order and widths, aggregates in the footer. Rows are
 * virtualised: only those in (or near) the scrolled window are in the DOM.
 */
export function TableView({ model, channel }: { model: ViewModel; channel: string }): JSX.Element {
  const { meta, order, rows } = model
  const connection = useConnection()
  const scroller = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [height, setHeight] = useState(600)
  useEffect(() => {
    const element = scroller.current
    if (!element) return
    setHeight(element.clientHeight || 600)
    const observer = new ResizeObserver(() => setHeight(element.clientHeight || 600))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN)
  const last = Math.min(order.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN)
  // Rows scrolled to whose cells the tab does not have yet: ask the server for them.
  const visible = order.slice(first, last)
  const missing = visible.filter((id) => !rows[id])
  // Run again on every change of the rows: after a reconnection the same rows may be missing anew
  // (the connection forgets what it asked for on the old stream, and asks once per row).
  useEffect(() => {
    if (missing.length > 0) connection.requestRows(channel, missing)
  }, [channel, rows, missing.join(' ')])
  const width = meta.columns.reduce((sum, column) => sum + widthOf(column), 0)
  const template = meta.columns.map((column) => `${widthOf(column)}px`).join(' ')
  return (
    <div class="table" style={{ width: `${width}px` }}>
      <div class="table-head" style={{ gridTemplateColumns: template }}>
        {meta.columns.map((column) => <div key={column.id} class="th" data-property={column.id}>{column.name}</div>)}
      </div>
      <div class="table-body" ref={scroller} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
        <div style={{ height: `${order.length * ROW_HEIGHT}px`, position: 'relative' }}>
          {visible.map((id, offset) => <TableRow key={id} id={id} row={rows[id]} columns={meta.columns} top={(first + offset) * ROW_HEIGHT} template={template} />)}
        </div>
      </div>
      <div class="table-foot" style={{ gridTemplateColumns: template }}>
        {meta.columns.map((column) => {
          const aggregate = meta.aggregates.find((each) => each.property === column.id || (each.property === '' && column.type === 'title'))
          return (
            <div key={column.id} class="tf" data-property={column.id}>
              {aggregate ? <span class="aggregate" data-aggregator={aggregate.aggregator}><span class="aggregate-name">{aggregate.aggregator}</span> {aggregate.text}</span> : null}
            </div>
          )
        })}
      </div>
    </div>
  )
}
