import type { JSX } from 'preact'
import type { ChannelModel } from '../src/viewModel.js'
import { CellText, EditableCell } from './CellView.js'

type ViewModel = Extract<ChannelModel, { kind: 'view' }>

/** A list view: one line per row, its title then its visible properties. */
export function ListView({ model }: { model: ViewModel }): JSX.Element {
  const { meta, order, rows } = model
  const [title, ...rest] = meta.columns
  return (
    <div class="list">
      {order.map((id) => {
        const row = rows[id]
        return (
          <div key={id} class="list-item" data-row-id={id}>
            <span class="list-title">{title ? <EditableCell rowId={id} column={title} cell={row?.cells[title.id]} /> : null}</span>
            <span class="list-properties">{rest.map((column) => <span key={column.id} class="list-property"><CellText cell={row?.cells[column.id]} /></span>)}</span>
          </div>
        )
      })}
    </div>
  )
}

/** A gallery view: cards in a grid. */
export function GalleryView({ model }: { model: ViewModel }): JSX.Element {
  const { meta, order, rows } = model
  const [title, ...rest] = meta.columns
  return (
    <div class="gallery">
      {order.map((id) => {
        const row = rows[id]
        return (
          <div key={id} class="card gallery-card" data-row-id={id}>
            <div class="gallery-cover" />
            <div class="card-title">{title ? <EditableCell rowId={id} column={title} cell={row?.cells[title.id]} /> : null}</div>
            {rest.map((column) => <div key={column.id} class="card-property"><CellText cell={row?.cells[column.id]} /></div>)}
          </div>
        )
      })}
    </div>
  )
}
