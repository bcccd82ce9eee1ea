import type { JSX } from 'preact'
import { useState } from 'preact/hooks'
import type { Cell, Column } from '../src/viewModel.js'
import { useEdits, useStatus } from './hooks.js'
import { RichText, plain } from './RichText.js'

export function Tag({ value, color }: { value: string; color: string }): JSX.Element {
  return <span class={`tag tag-${color}`}>{value}</span>
}

/** A cell, read-only. */
export function CellText({ cell }: { cell: Cell | undefined }): JSX.Element | null {
  if (!cell) return null
  switch (cell.kind) {
    case 'text':
      return <RichText spans={cell.spans} />
    case 'number':
      return <span class="number">{cell.text}</span>
    case 'select':
      return <>{cell.options.map((option) => <Tag key={option.value} value={option.value} color={option.color} />)}</>
    case 'checkbox':
      return <input type="checkbox" checked={cell.checked} disabled />
    case 'date':
      return <span class="date">{cell.text}</span>
    case 'people':
      return <>{cell.names.map((name) => <span key={name} class="person">{name}</span>)}</>
    case 'pages':
      return <>{cell.titles.map((title, index) => <span key={index} class="mention mention-page">{title}</span>)}</>
    case 'files':
      return <>{cell.files.map((file) => <span key={file.url} class="file">{file.name}</span>)}</>
    case 'url':
      return <span class="url">{cell.text}</span>
    case 'empty':
      return null
  }
}

function cellValue(cell: Cell | undefined): string | number | boolean | null {
  if (!cell) return null
  switch (cell.kind) {
    case 'text': return plain(cell.spans)
    case 'number': return cell.value
    case 'select': return cell.options[0]?.value ?? null
    case 'checkbox': return cell.checked
    case 'url': return cell.text
    default: return null
  }
}

/** What an edited value looks like before the server answers. */
function optimisticCell(column: Column, value: string | number | boolean | null): Cell {
  if (typeof value === 'boolean') return { kind: 'checkbox', checked: value }
  if (column.type === 'number') return { kind: 'number', value: typeof value === 'number' ? value : null, text: value === null ? '' : String(value) }
  if (column.type === 'select' || column.type === 'status') {
    const color = column.options?.find((option) => option.value === value)?.color ?? 'default'
    return { kind: 'select', options: value === null || value === '' ? [] : [{ value: String(value), color }] }
  }
  return { kind: 'text', spans: [{ text: value === null ? '' : String(value) }] }
}

/** A cell the viewer can edit (when the column is editable and the dashboard is not read-only). */
export function EditableCell({ rowId, column, cell }: { rowId: string; column: Column; cell: Cell | undefined }): JSX.Element {
  const edits = useEdits()
  const { readOnly } = useStatus()
  const [editing, setEditing] = useState(false)
  const key = `${rowId}:${column.id}`
  const shown = edits.pending.has(key) ? optimisticCell(column, edits.value(key, null)) : cell
  const save = (value: string | number | boolean | null) => {
    setEditing(false)
    if (value === cellValue(cell)) return
    void edits.run(key, value, { type: 'setCell', rowId, property: column.id, value })
  }
  if (!column.editable || readOnly) return <CellText cell={shown} />
  if (column.type === 'checkbox') {
    const checked = shown?.kind === 'checkbox' && shown.checked
    return <input type="checkbox" checked={checked} onClick={(event) => { event.stopPropagation(); save(!checked) }} />
  }
  if (!editing) {
    return (
      <span class="editable" onClick={() => setEditing(true)}>
        <CellText cell={shown} />
      </span>
    )
  }
  if (column.options && (column.type === 'select' || column.type === 'status')) {
    return (
      <select class="cell-editor" autoFocus value={String(cellValue(cell) ?? '')} onChange={(event) => save((event.currentTarget.value || null))} onBlur={() => setEditing(false)}>
        <option value="">—</option>
        {column.options.map((option) => <option key={option.value} value={option.value}>{option.value}</option>)}
      </select>
    )
  }
  const initial = cellValue(cell)
  return (
    <input
      class="cell-editor"
      autoFocus
      inputMode={column.type === 'number' ? 'decimal' : 'text'}
      defaultValue={initial === null ? '' : String(initial)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setEditing(false)
        if (event.key !== 'Enter') return
        const text = event.currentTarget.value
        save(column.type === 'number' ? (text === '' ? null : Number(text)) : text)
      }}
      onBlur={() => setEditing(false)}
    />
  )
}
