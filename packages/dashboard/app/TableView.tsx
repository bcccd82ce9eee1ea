import type { JSX } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { ChannelModel, Column } from '../src/viewModel.js'
import { EditableCell } from './CellView.js'

type ViewModel = Extract<ChannelModel, { kind: 'view' }>

export const ROW_HEIGHT = 34
const OVERSCAN = 8
const DEFAULT_WIDTH = 180

function widthOf(column: Column): number {
  return column.width ?? (column.type === 'title' ? 260 : DEFAULT_WIDTH)
}

/**
 * A table view: the view's columns in its order and widths, aggregates in the footer. Rows are
 * virtualised: only those in (or near) the scrolled window are in the DOM.
 */
export function TableView({ model }: { model: ViewModel }): JSX.Element {
  const { meta, order, rows } = model
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
  const width = meta.columns.reduce((sum, column) => sum + widthOf(column), 0)
  const template = meta.columns.map((column) => `${widthOf(column)}px`).join(' ')
  return (
    <div class="table" style={{ width: `${width}px` }}>
      <div class="table-head" style={{ gridTemplateColumns: template }}>
        {meta.columns.map((column) => <div key={column.id} class="th" data-property={column.id}>{column.name}</div>)}
      </div>
      <div class="table-body" ref={scroller} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
        <div style={{ height: `${order.length * ROW_HEIGHT}px`, position: 'relative' }}>
          {order.slice(first, last).map((id, offset) => {
            const row = rows[id]
            return (
              <div key={id} class="tr" data-row-id={id} style={{ top: `${(first + offset) * ROW_HEIGHT}px`, gridTemplateColumns: template }}>
                {meta.columns.map((column) => (
                  <div key={column.id} class="td" data-property={column.id}>
                    <EditableCell rowId={id} column={column} cell={row?.cells[column.id]} />
                  </div>
                ))}
              </div>
            )
          })}
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
