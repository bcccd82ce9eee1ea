import { BasicBlock, CollectionRowBlock, ToDoBlock, recordFor, type NotionClient } from '@notion-rx/core'
import { z } from 'zod'
import { EDITABLE_TYPES, optionsOf, type SchemaEntry } from './cellModel.js'
import { MAX_RELATION_CHOICES, spaceMembers } from './editChoices.js'
import type { CellValue, DashboardAction, DateValue } from './viewModel.js'

const id = z.string().regex(/^[0-9a-f-]{32,36}$/i, 'a record id')
const text = z.string().max(2000)
/** Most values in a multi-select, people or relation cell set from the dashboard. */
export const MAX_CELL_ITEMS = 100
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day (YYYY-MM-DD)').refine((value) => new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'a day that exists')
const dateValue = z.object({ start: day, end: z.union([day, z.null()]).optional() }).strict().refine((date) => !date.end || date.end >= date.start, 'an end on or after the start')
const cellValue = z.union([text, z.number().finite(), z.boolean(), z.null(), z.array(text).max(MAX_CELL_ITEMS), dateValue])

/** The closed set of edits, checked field by field: anything else is refused before the SDK sees it. */
export const dashboardActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('setChecked'), blockId: id, checked: z.boolean() }).strict(),
  z.object({ type: z.literal('setTitle'), blockId: id, title: text }).strict(),
  z.object({ type: z.literal('setCell'), rowId: id, property: z.string().min(1).max(64), value: cellValue }).strict(),
  z.object({ type: z.literal('moveCard'), rowId: id, viewId: id, group: z.union([text, z.null()]) }).strict(),
  z.object({ type: z.literal('addRow'), viewId: id, title: text, group: z.union([text, z.null()]).optional() }).strict(),
])

/** An edit refused by the dashboard itself (not by Notion): bad input, read-only, or out of scope. */
export class DashboardActionError extends Error {
  override readonly name = 'DashboardActionError'
  readonly status: 400 | 403 | 413

  constructor(message: string, status: 400 | 403 | 413 = 400) {
    super(message)
    this.status = status
  }
}

/** What the dashboard shows, so edits can only touch that. */
export interface ActionScope {
  /** Blocks of the page shown. */
  hasBlock(blockId: string): boolean
  /** Rows of a view shown. */
  hasRow(rowId: string): boolean
  /** Views shown. */
  hasView(viewId: string): boolean
  /** The property a board view groups by. */
  groupProperty(viewId: string): string | undefined
}

export function parseAction(body: unknown): DashboardAction {
  const parsed = dashboardActionSchema.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new DashboardActionError(`Unknown or malformed edit: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid'}`)
  }
  return parsed.data as DashboardAction
}

function rowOf(client: NotionClient, scope: ActionScope, rowId: string): CollectionRowBlock {
  const row = recordFor(client, 'block', rowId)
  if (!scope.hasRow(rowId) || !(row instanceof CollectionRowBlock)) throw new DashboardActionError(`Row ${rowId} is not shown on this dashboard`, 403)
  return row
}

function schemaProperty(row: CollectionRowBlock, key: string): SchemaEntry {
  const schema = row.collection?.schema ?? {}
  const property = schema[key]
  if (!property) throw new DashboardActionError(`Unknown property ${JSON.stringify(key)}`)
  return property
}

const TEXT_TYPES = new Set(['title', 'text', 'url', 'email', 'phone_number'])

function refuse(property: SchemaEntry, expected: string): DashboardActionError {
  return new DashboardActionError(`${property.name} (${property.type}) takes ${expected}`)
}

function stringList(property: SchemaEntry, value: CellValue, what: string): string[] {
  if (value === null) return []
  if (!Array.isArray(value)) throw refuse(property, `a list of ${what}`)
  return [...new Set(value)]
}

/** Ids that name no row of the related database: the row must be in the store (loaded if not), alive, and a row of that database. */
async function foreignPages(client: NotionClient, collectionId: string, ids: readonly string[]): Promise<string[]> {
  const missing = ids.filter((each) => !client.store.get('block', each))
  if (missing.length > 0) await client.loadRecords(missing.map((each) => ({ table: 'block', id: each }))).catch(() => {})
  return ids.filter((each) => {
    const value = client.store.get('block', each)?.value
    return !value || value['alive'] === false || value['parent_table'] !== 'collection' || value['parent_id'] !== collectionId
  })
}

/**
 * The value to write for an edited cell, checked against the property: its type, options of the
 * schema (no new ones from a browser), members of the row's space, rows of the related database.
 */
async function checkedCellValue(client: NotionClient, row: CollectionRowBlock, property: SchemaEntry, value: CellValue): Promise<unknown> {
  const type = property.type
  if (TEXT_TYPES.has(type)) {
    if (value !== null && typeof value !== 'string') throw refuse(property, 'text')
    return value
  }
  switch (type) {
    case 'number':
      if (value !== null && typeof value !== 'number') throw refuse(property, 'a number')
      return value
    case 'checkbox':
      if (typeof value !== 'boolean') throw refuse(property, 'true or false')
      return value
    case 'select':
    case 'status':
    case 'multi_select': {
      const values = type === 'multi_select' ? stringList(property, value, 'options') : value === null || value === '' ? [] : typeof value === 'string' ? [value] : undefined
      if (!values) throw refuse(property, 'one of its options')
      const known = new Set(optionsOf(property).map((option) => option.value))
      const unknown = values.filter((each) => !known.has(each))
      if (unknown.length > 0) throw new DashboardActionError(`${property.name} has no option ${unknown.map((each) => JSON.stringify(each)).join(', ')}; its options are ${[...known].map((each) => JSON.stringify(each)).join(', ')}`)
      return type === 'multi_select' ? values : (values[0] ?? null)
    }
    case 'date': {
      if (value === null) return null
      if (typeof value !== 'object' || Array.isArray(value)) throw refuse(property, 'a date {start, end?}')
      const date = value as DateValue
      return date.end ? { start: date.start, end: date.end } : { start: date.start }
    }
    case 'person': {
      const ids = stringList(property, value, 'user ids')
      if (ids.length === 0) return []
      const members = new Set(await spaceMembers(client, row.spaceId))
      const strangers = ids.filter((each) => !members.has(each))
      if (strangers.length > 0) throw new DashboardActionError(`${property.name}: ${strangers.join(', ')} ${strangers.length === 1 ? 'is' : 'are'} not a member of this workspace`)
      return ids
    }
    case 'relation': {
      const ids = stringList(property, value, 'page ids')
      if (ids.length > MAX_RELATION_CHOICES) throw refuse(property, `at most ${MAX_RELATION_CHOICES} pages`)
      const target = (property as { collection_id?: unknown }).collection_id
      if (typeof target !== 'string') throw new DashboardActionError(`${property.name} names no related database`)
      if (ids.length === 0) return []
      const foreign = await foreignPages(client, target, ids)
      if (foreign.length > 0) throw new DashboardActionError(`${property.name}: ${foreign.join(', ')} ${foreign.length === 1 ? 'is' : 'are'} not a page of the related database`)
      return ids
    }
    default:
      throw new DashboardActionError(`Property ${JSON.stringify(property.name)} (${type}) cannot be edited here`)
  }
}

/**
 * Applies one edit through the SDK (optimistic in the store, so every tab sees it at once) and
 * resolves when Notion committed it; rejects with the SDK's error when Notion refused it (the store
 * has then rolled it back, and the tabs see that too).
 */
export async function applyAction(client: NotionClient, scope: ActionScope, action: DashboardAction): Promise<void> {
  switch (action.type) {
    case 'setChecked': {
      const block = recordFor(client, 'block', action.blockId)
      if (!scope.hasBlock(action.blockId) || !(block instanceof ToDoBlock)) throw new DashboardActionError(`Block ${action.blockId} is not a to-do of this page`, 403)
      block.checked = action.checked
      return block.committed
    }
    case 'setTitle': {
      if (scope.hasRow(action.blockId)) return rowOf(client, scope, action.blockId).setProp('title', action.title)
      const block = recordFor(client, 'block', action.blockId)
      if (!scope.hasBlock(action.blockId) || !(block instanceof BasicBlock)) throw new DashboardActionError(`Block ${action.blockId} is not a text block of this page`, 403)
      block.titlePlaintext = action.title
      return block.committed
    }
    case 'setCell': {
      const row = rowOf(client, scope, action.rowId)
      const property = schemaProperty(row, action.property)
      if (!EDITABLE_TYPES.has(property.type)) throw new DashboardActionError(`Property ${JSON.stringify(action.property)} (${property.type}) cannot be edited here`)
      const value = await checkedCellValue(client, row, property, action.value)
      return row.setProp(action.property, value)
    }
    case 'moveCard': {
      const row = rowOf(client, scope, action.rowId)
      const group = scope.hasView(action.viewId) ? scope.groupProperty(action.viewId) : undefined
      if (!group) throw new DashboardActionError(`View ${action.viewId} is not a board shown on this dashboard`, 403)
      const property = schemaProperty(row, group)
      // A column of a board is one value, even of a multi-select or people property.
      const value = ['multi_select', 'person', 'relation'].includes(property.type) ? (action.group === null ? [] : [action.group]) : action.group
      return row.setProp(group, await checkedCellValue(client, row, property, value))
    }
    case 'addRow': {
      if (!scope.hasView(action.viewId)) throw new DashboardActionError(`View ${action.viewId} is not shown on this dashboard`, 403)
      const view = recordFor(client, 'collection_view', action.viewId)
      const collection = view.collection
      if (!collection) throw new DashboardActionError(`View ${action.viewId} has no database`)
      const group = scope.groupProperty(action.viewId)
      const props: Record<string, unknown> = { title: action.title }
      if (group && action.group !== undefined) props[group] = action.group
      const row = collection.addRow(props)
      return row.committed
    }
  }
}
