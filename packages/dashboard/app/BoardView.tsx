import type { JSX } from 'preact'
import { useState } from 'preact/hooks'
import type { ChannelModel } from '../src/viewModel.js'
import { Card } from './Card.js'
import { Tag } from './CellView.js'
import { useEdits, useReadOnly } from './hooks.js'

type ViewModel = Extract<ChannelModel, { kind: 'view' }>

/**
 * A board: one column per value of the group property, in the view's column order. Dragging a
 * card to another column sets the group property (optimistically: the card moves at once).
 */
export function BoardView({ model }: { model: ViewModel }): JSX.Element {
  const { meta, rows } = model
  const edits = useEdits()
  const readOnly = useReadOnly()
  const [over, setOver] = useState<string | null | undefined>(undefined)
  const groups = meta.groups ?? []
  // Cards moved but not confirmed yet show in their new column.
  const columnOf = (id: string, fallback: string | null): string | null => edits.value(`${id}:group`, fallback)
  return (
    <div class="board">
      {groups.map((group) => {
        const ids = groups.flatMap((each) => each.ids.filter((id) => columnOf(id, each.value) === group.value))
        return (
          <div
            key={String(group.value)}
            class={`board-column${over === group.value ? ' drop-target' : ''}`}
            data-group={group.value ?? ''}
            onDragOver={(event) => {
              if (readOnly) return
              event.preventDefault()
              setOver(group.value)
            }}
            onDragLeave={() => setOver(undefined)}
            onDrop={(event) => {
              event.preventDefault()
              setOver(undefined)
              const rowId = event.dataTransfer?.getData('text/x-notion-row')
              if (!rowId || readOnly) return
              const from = groups.find((each) => each.ids.includes(rowId))
              if (from?.value === group.value) return
              void edits.run(`${rowId}:group`, group.value, { type: 'moveCard', rowId, viewId: meta.view.id, group: group.value })
            }}
          >
            <div class="board-column-head">
              {group.value === null ? <span class="tag tag-default">No {meta.groupName ?? 'value'}</span> : <Tag value={group.value} color={group.color} />}
              <span class="board-count">{ids.length}</span>
            </div>
            {ids.map((id) => <Card key={id} row={rows[id]} columns={meta.columns} draggable={!readOnly} />)}
          </div>
        )
      })}
    </div>
  )
}
