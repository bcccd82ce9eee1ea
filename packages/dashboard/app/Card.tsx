import type { JSX } from 'preact'
import type { Column, Row } from '../src/viewModel.js'
import { CellText, EditableCell } from './CellView.js'

/** A row as a card (board, gallery, calendar): its title first, then the view's visible properties. */
export function Card({ row, columns, draggable = false, compact = false }: { row: Row | undefined; columns: readonly Column[]; draggable?: boolean; compact?: boolean }): JSX.Element | null {
  if (!row) return null
  const [title, ...rest] = columns
  return (
    <div
      class="card"
      data-row-id={row.id}
      draggable={draggable}
      onDragStart={(event) => event.dataTransfer?.setData('text/x-notion-row', row.id)}
    >
      <div class="card-title">{title ? <EditableCell rowId={row.id} column={title} cell={row.cells[title.id]} /> : null}</div>
      {compact
        ? null
        : rest.map((column) => {
            const cell = row.cells[column.id]
            return cell && cell.kind !== 'empty' ? (
              <div key={column.id} class="card-property" data-property={column.id}>
                <CellText cell={cell} />
              </div>
            ) : null
          })}
    </div>
  )
}
