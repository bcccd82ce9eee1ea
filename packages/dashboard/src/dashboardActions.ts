import { BasicBlock, CollectionRowBlock, ToDoBlock, recordFor, type NotionClient } from '@notion-rx/core'
import { z } from 'zod'
import { EDITABLE_TYPES } from './cellModel.js'
import type { DashboardAction } from './viewModel.js'

const id = z.string().regex(/^[0-9a-f-]{32,36}$/i, 'a record id')
const text = z.string().max(2000)

/** The closed set of edits, checked field by field: anything else is refused before the SDK sees it. */
export const dashboardActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('setChecked'), blockId: id, checked: z.boolean() }).strict(),
  z.object({ type: z.literal('setTitle'), blockId: id, title: text }).strict(),
  z.object({ type: z.literal('setCell'), rowId: id, property: z.string().min(1).max(64), value: z.union([text, z.number().finite(), z.boolean(), z.null()]) }).strict(),
  z.object({ type: z.literal('moveCard'), rowId: id, viewId: id, group: z.union([text, z.null()]) }).strict(),
  z.object({ type: z.literal('addRow'), viewId: id, title: text, group: z.union([text, z.null()]).optional() }).strict(),
])

/** An edit refused by the dashboard itself (not by Notion): bad input, read-only, or out of scope. */
export class DashboardActionError extends Error {
  override readonly name = 'DashboardActionError'
  readonly status: 400 | 403

  constructor(message: string, status: 400 | 403 = 400) {
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

function schemaProperty(row: CollectionRowBlock, key: string): { id: string; type: string } {
  const schema = row.collection?.schema ?? {}
  const property = schema[key]
  if (!property) throw new DashboardActionError(`Unknown property ${JSON.stringify(key)}`)
  return { id: key, type: property.type }
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
      return row.setProp(property.id, action.value)
    }
    case 'moveCard': {
      const row = rowOf(client, scope, action.rowId)
      const group = scope.hasView(action.viewId) ? scope.groupProperty(action.viewId) : undefined
      if (!group) throw new DashboardActionError(`View ${action.viewId} is not a board shown on this dashboard`, 403)
      return row.setProp(group, action.group)
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
