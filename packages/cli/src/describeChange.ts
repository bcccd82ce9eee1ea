import { richTextSchema, richTextToPlainText } from '@notion-rx/protocol'
import type { FieldChange, RecordChange, Snapshot } from '@notion-rx/core'

/** How long a value may get in one line before it is cut. */
const MAX_VALUE_LENGTH = 60

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  return oneLine.length > MAX_VALUE_LENGTH ? `${oneLine.slice(0, MAX_VALUE_LENGTH - 1)}…` : oneLine
}

function nameOfUser(snapshot: Snapshot, userId: unknown): string | undefined {
  if (typeof userId !== 'string') return undefined
  const user = snapshot.notion_user?.[userId]?.value
  const name = user?.['name'] ?? user?.['email']
  return typeof name === 'string' ? name : undefined
}

function titleOf(value: Record<string, unknown> | undefined): string {
  const properties = value?.['properties'] as Record<string, unknown> | undefined
  const parsed = richTextSchema.safeParse(properties?.['title'])
  return parsed.success ? richTextToPlainText(parsed.data) : ''
}

/** A property value as a reader would say it: rich text as plain text, `Yes` as ☑, nothing as ∅. */
function show(value: unknown, propertyType?: string): string {
  if (value === undefined || value === null) return '∅'
  const parsed = richTextSchema.safeParse(value)
  if (parsed.success) {
    const text = richTextToPlainText(parsed.data, { mention: () => '@' })
    if (propertyType === 'checkbox') return text === 'Yes' ? '☑' : '☐'
    return text === '' ? '∅' : `"${clip(text)}"`
  }
  if (typeof value === 'boolean') return value ? '☑' : '☐'
  return clip(JSON.stringify(value))
}

function propertySchema(snapshot: Snapshot, collectionId: unknown, propertyId: string): { name: string; type?: string } {
  if (propertyId === 'title') return { name: 'title' }
  // A to-do's box lives in properties.checked, in the checkbox encoding.
  if (propertyId === 'checked') return { name: 'checked', type: 'checkbox' }
  if (typeof collectionId !== 'string') return { name: propertyId }
  const schema = snapshot.collection?.[collectionId]?.value?.['schema'] as Record<string, { name?: unknown; type?: unknown }> | undefined
  const entry = schema?.[propertyId]
  return {
    name: typeof entry?.name === 'string' ? entry.name : propertyId,
    ...(typeof entry?.type === 'string' ? { type: entry.type } : {}),
  }
}

/** Fields every write touches: not worth a line of their own. */
const BOOKKEEPING = new Set(['last_edited_time', 'last_edited_by', 'last_edited_by_id', 'last_edited_by_table'])

function describeField(snapshot: Snapshot, change: RecordChange, field: FieldChange): string | undefined {
  const [head, key] = field.path
  if (typeof head === 'string' && BOOKKEEPING.has(head)) return undefined
  switch (field.kind) {
    case 'content_added':
    case 'content_removed': {
      const verb = field.kind === 'content_added' ? 'added' : 'removed'
      const items = (field.ids ?? []).map((id) => {
        const child = snapshot.block?.[id]?.value
        return child ? `${String(child['type'])} "${clip(titleOf(child))}"` : id
      })
      return `${verb} ${items.join(', ')}`
    }
    case 'content_reordered':
      return 'reordered its content'
    case 'row_added':
      return 'added as a row'
    case 'row_removed':
      return 'removed from its database'
    case 'changed_value':
      return field.after === undefined ? 'deleted' : 'created'
    case 'prop_changed': {
      const property = propertySchema(snapshot, change.after?.['parent_id'] ?? change.before?.['parent_id'], String(key))
      return `${property.name}: ${show(field.before, property.type)} → ${show(field.after, property.type)}`
    }
    case 'changed_field':
      if (head === 'alive') return field.after === false ? 'moved to trash' : 'restored'
      return `${field.path.join('.')}: ${show(field.before)} → ${show(field.after)}`
  }
}

/**
 * One line per record change, as the watcher prints it: who, what, before → after.
 * @example '09:41:07  Grace Hopper  to_do "Ship the demo"  checked: ☐ → ☑'
 */
export function describeChange(snapshot: Snapshot, change: RecordChange, at: Date = new Date()): string | undefined {
  const details = change.changes.map((field) => describeField(snapshot, change, field)).filter((line): line is string => !!line)
  if (details.length === 0) return undefined
  const value = change.after ?? change.before
  const who = nameOfUser(snapshot, value?.['last_edited_by_id']) ?? 'someone'
  const isRow = value?.['parent_table'] === 'collection'
  const what = change.table === 'block' ? `${isRow ? 'row' : String(value?.['type'] ?? 'block')} "${clip(titleOf(value))}"` : `${change.table} ${change.id}`
  const time = at.toISOString().slice(11, 19)
  return `${time}  ${who}  ${what}  ${details.join('; ')}`
}
