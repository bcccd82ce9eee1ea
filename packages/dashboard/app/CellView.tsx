import type { ComponentChildren, JSX } from 'preact'
import { useState } from 'preact/hooks'
import type { Cell, CellValue, Column } from '../src/viewModel.js'
import { useEdits, useReadOnly } from './hooks.js'
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

/** What an editor starts from: the cell's value as the server takes it. */
function cellValue(column: Column, cell: Cell | undefined): CellValue {
  if (!cell) return column.type === 'multi_select' || column.type === 'person' || column.type === 'relation' ? [] : null
  switch (cell.kind) {
    case 'text': return plain(cell.spans)
    case 'number': return cell.value
    case 'select': return column.type === 'multi_select' ? cell.options.map((option) => option.value) : (cell.options[0]?.value ?? null)
    case 'checkbox': return cell.checked
    case 'url': return cell.text
    case 'date': return cell.start ? { start: cell.start, end: cell.end } : null
    case 'people':
    case 'pages': return cell.ids
    default: return column.type === 'multi_select' || column.type === 'person' || column.type === 'relation' ? [] : null
  }
}

function sameValue(a: CellValue, b: CellValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** What an edited value looks like before the server answers. */
function optimisticCell(column: Column, value: CellValue): Cell {
  if (typeof value === 'boolean') return { kind: 'checkbox', checked: value }
  const list = Array.isArray(value) ? value : []
  const label = (id: string) => column.choices?.find((choice) => choice.id === id)?.label ?? id
  switch (column.type) {
    case 'number':
      return { kind: 'number', value: typeof value === 'number' ? value : null, text: value === null ? '' : String(value) }
    case 'select':
    case 'status':
    case 'multi_select': {
      const values = column.type === 'multi_select' ? list : value === null || value === '' ? [] : [String(value)]
      return { kind: 'select', options: values.map((each) => ({ value: each, color: column.options?.find((option) => option.value === each)?.color ?? 'default' })) }
    }
    case 'person':
      return { kind: 'people', ids: list, names: list.map(label) }
    case 'relation':
      return { kind: 'pages', ids: list, titles: list.map(label) }
    case 'date': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return { kind: 'empty' }
      return { kind: 'date', start: value.start, end: value.end ?? null, text: value.end ? `${value.start} → ${value.end}` : value.start }
    }
    default:
      return { kind: 'text', spans: [{ text: value === null ? '' : String(value) }] }
  }
}

/** An editor panel placed over the cell (fixed, so the table's scrolling box does not clip it). */
function Panel({ anchor, children }: { anchor: DOMRect | undefined; children: ComponentChildren }): JSX.Element {
  const style = anchor ? { top: `${Math.round(anchor.bottom + 2)}px`, left: `${Math.round(anchor.left)}px` } : {}
  return <div class="cell-panel" style={style}>{children}</div>
}

/** Ticks over a list: the options of a multi-select, the people of the space, the pages of the related database. */
function ChoiceEditor({ column, initial, anchor, onSave, onCancel }: { column: Column; initial: string[]; anchor: DOMRect | undefined; onSave: (value: string[]) => void; onCancel: () => void }): JSX.Element {
  const [picked, setPicked] = useState<string[]>(initial)
  const choices = column.type === 'multi_select' ? (column.options ?? []).map((option) => ({ id: option.value, label: option.value })) : (column.choices ?? [])
  // Values the list does not offer (a page past the offered ones) stay ticked.
  const offered = [...choices, ...initial.filter((id) => !choices.some((choice) => choice.id === id)).map((id) => ({ id, label: id }))]
  return (
    <Panel anchor={anchor}>
      <div class="choice-editor" data-property={column.id} onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
        {offered.length === 0 ? <div class="choice-none">Nothing to choose from</div> : null}
        {offered.map((choice) => (
          <label key={choice.id} class="choice" data-choice={choice.id}>
            <input type="checkbox" checked={picked.includes(choice.id)} onChange={(event) => setPicked(event.currentTarget.checked ? [...picked, choice.id] : picked.filter((id) => id !== choice.id))} />
            {choice.label}
          </label>
        ))}
        <div class="panel-buttons">
          <button type="button" class="panel-save" onClick={() => onSave(picked)}>Save</button>
          <button type="button" class="panel-cancel" onClick={onCancel}>Cancel</button>
        </div>
      </div>
    </Panel>
  )
}

/** A day, or a range of days (an end day). */
function DateEditor({ initial, anchor, onSave, onCancel }: { initial: CellValue; anchor: DOMRect | undefined; onSave: (value: CellValue) => void; onCancel: () => void }): JSX.Element {
  const date = initial !== null && typeof initial === 'object' && !Array.isArray(initial) ? initial : undefined
  const [start, setStart] = useState(date?.start ?? '')
  const [end, setEnd] = useState(date?.end ?? '')
  const save = () => onSave(start === '' ? null : end === '' ? { start } : { start, end })
  return (
    <Panel anchor={anchor}>
      <div class="date-editor" onKeyDown={(event) => (event.key === 'Escape' ? onCancel() : event.key === 'Enter' ? save() : undefined)}>
        <label>Start <input type="date" class="date-start" value={start} onInput={(event) => setStart(event.currentTarget.value)} /></label>
        <label>End <input type="date" class="date-end" value={end} min={start} onInput={(event) => setEnd(event.currentTarget.value)} /></label>
        <div class="panel-buttons">
          <button type="button" class="panel-save" onClick={save}>Save</button>
          <button type="button" class="panel-clear" onClick={() => onSave(null)}>Clear</button>
          <button type="button" class="panel-cancel" onClick={onCancel}>Cancel</button>
        </div>
      </div>
    </Panel>
  )
}

const LIST_TYPES = new Set(['multi_select', 'person', 'relation'])

/** A cell the viewer can edit (when the column is editable and the dashboard is not read-only). */
export function EditableCell({ rowId, column, cell }: { rowId: string; column: Column; cell: Cell | undefined }): JSX.Element {
  const edits = useEdits()
  const readOnly = useReadOnly()
  const [anchor, setAnchor] = useState<DOMRect | undefined>(undefined)
  const editing = anchor !== undefined
  const key = `${rowId}:${column.id}`
  const shown = edits.pending.has(key) ? optimisticCell(column, edits.value(key, null)) : cell
  const close = () => setAnchor(undefined)
  const save = (value: CellValue) => {
    close()
    if (sameValue(value, cellValue(column, cell))) return
    void edits.run(key, value, { type: 'setCell', rowId, property: column.id, value })
  }
  if (!column.editable || readOnly) return <CellText cell={shown} />
  if (column.type === 'checkbox') {
    const checked = shown?.kind === 'checkbox' && shown.checked
    return <input type="checkbox" checked={checked} onClick={(event) => { event.stopPropagation(); save(!checked) }} />
  }
  const view = (
    <span class="editable" onClick={(event) => setAnchor(event.currentTarget.getBoundingClientRect())}>
      <CellText cell={shown} />
    </span>
  )
  if (!editing) return view
  const initial = cellValue(column, cell)
  if (LIST_TYPES.has(column.type)) {
    return <>{view}<ChoiceEditor column={column} initial={Array.isArray(initial) ? initial : []} anchor={anchor} onSave={save} onCancel={close} /></>
  }
  if (column.type === 'date') return <>{view}<DateEditor initial={initial} anchor={anchor} onSave={save} onCancel={close} /></>
  if (column.options && (column.type === 'select' || column.type === 'status')) {
    return (
      <select class="cell-editor" autoFocus value={String(initial ?? '')} onChange={(event) => save(event.currentTarget.value || null)} onBlur={close}>
        <option value="">—</option>
        {column.options.map((option) => <option key={option.value} value={option.value}>{option.value}</option>)}
      </select>
    )
  }
  return (
    <input
      class="cell-editor"
      autoFocus
      inputMode={column.type === 'number' ? 'decimal' : 'text'}
      defaultValue={initial === null ? '' : String(initial)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') close()
        if (event.key !== 'Enter') return
        const text = event.currentTarget.value
        save(column.type === 'number' ? (text === '' ? null : Number(text)) : text)
      }}
      onBlur={close}
    />
  )
}
