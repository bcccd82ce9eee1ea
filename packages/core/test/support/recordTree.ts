import type { Emulator } from '@notion-rx/emulator'

type Json = Record<string, unknown>

/** Fields that differ between an original and its copy by design. */
const IGNORED = new Set(['id', 'version', 'alive', 'parent_id', 'parent_table', 'space_id', 'copied_from', 'permissions', 'discussions', 'created_time', 'created_by_id', 'created_by_table', 'last_edited_time', 'last_edited_by_id', 'last_edited_by_table'])
const ID_PATTERN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}/gi
const PROPERTY_KEYS = new Set(['property', 'group_by', 'calendar_by', 'timeline_by', 'relation_property', 'target_property'])

export interface RecordTree {
  /** The tree with every id of a record in it replaced by its position (`#0`, `#1`, ...) and property ids by names. */
  tree: unknown
  /** id (dashed and dashless) → label, to compare other texts (markdown) the same way. */
  labels: Map<string, string>
  /** Every record of the tree, `table:id`. */
  keys: string[]
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * A block and everything below it as the emulator stores it (the server's truth), in a form where
 * an original and its copy compare equal: records in content order (rows by title), ids of records
 * of the tree as labels, property ids as property names, fields a copy changes by design left out.
 */
export function recordTree(emu: Emulator, rootId: string, options: { spaceId?: string } = {}): RecordTree {
  const { records } = emu.context
  const labels = new Map<string, string>()
  const keys: string[] = []
  const label = (id: string) => {
    if (!labels.has(id)) {
      const name = `#${labels.size / 2}`
      labels.set(id, name)
      labels.set(id.replace(/-/g, ''), name)
    }
  }
  const propertyNames = new Map<string, Map<string, string>>()
  const namesOf = (collectionId: unknown) => (typeof collectionId === 'string' ? propertyNames.get(collectionId) : undefined)
  // First pass: the records of the tree, in order, so both trees label alike.
  const visit = (id: string, depth: number): unknown => {
    const block = records.get('block', id)
    if (!block || block.value['alive'] === false || depth > 100) return undefined
    label(id)
    keys.push(`block:${id}`)
    const value = block.value
    const node: Json = { record: value }
    const content = Array.isArray(value['content']) ? (value['content'] as string[]) : []
    node['children'] = content.filter((child) => records.get('block', child)?.value['parent_id'] === id).map((child) => visit(child, depth + 1))
    if (value['type'] === 'collection_view' || value['type'] === 'collection_view_page') {
      const collectionId = (value['collection_id'] ?? (value['format'] as Json | undefined)?.['collection_pointer'] as unknown) as string
      const collectionKey = typeof collectionId === 'string' ? collectionId : ((collectionId as unknown as Json)?.['id'] as string)
      const collection = records.get('collection', collectionKey)
      if (collection && collection.value['parent_id'] === id) {
        label(collection.id)
        keys.push(`collection:${collection.id}`)
        const schema = (collection.value['schema'] ?? {}) as Record<string, Json>
        propertyNames.set(collection.id, new Map(Object.entries(schema).map(([propertyId, property]) => [propertyId, `prop:${String(property['name'])}`])))
        const rows = records.childrenOf(collection.id, 'block').filter((row) => row.value['alive'] !== false)
        rows.sort((a, b) => JSON.stringify((a.value['properties'] as Json)?.['title']).localeCompare(JSON.stringify((b.value['properties'] as Json)?.['title'])))
        node['collection'] = { record: collection.value, collectionId: collection.id, rows: rows.map((row) => ({ ...(visit(row.id, depth + 1) as Json), collectionId: collection.id })) }
      }
      node['views'] = ((value['view_ids'] ?? []) as string[]).map((viewId) => {
        const view = records.get('collection_view', viewId)
        if (!view || view.value['parent_id'] !== id) return undefined
        label(viewId)
        keys.push(`collection_view:${viewId}`)
        return { record: view.value, collectionId: collection?.value['parent_id'] === id ? collection.id : undefined }
      })
    }
    return node
  }
  const raw = visit(rootId, 0)
  if (options.spaceId !== undefined) labels.set(options.spaceId, 'SPACE')

  const relabel = (value: unknown, names: Map<string, string> | undefined, depth = 0): unknown => {
    if (depth > 100) return value
    if (typeof value === 'string') return value.replace(ID_PATTERN, (id) => labels.get(id.toLowerCase()) ?? id)
    if (Array.isArray(value)) return value.map((item) => relabel(item, names, depth + 1))
    if (!isObject(value)) return value
    const out: Json = {}
    for (const [key, item] of Object.entries(value)) {
      if (IGNORED.has(key)) continue
      out[key] = PROPERTY_KEYS.has(key) && typeof item === 'string' && names?.has(item) ? names.get(item) : relabel(item, names, depth + 1)
    }
    // A formula's reference to a property.
    if (value['type'] === 'property' && typeof value['id'] === 'string' && names?.has(value['id'])) out['id'] = names.get(value['id'])
    return out
  }
  const byName = (map: unknown, names: Map<string, string> | undefined): unknown =>
    isObject(map) ? Object.fromEntries(Object.entries(map).map(([key, item]) => [names?.get(key) ?? key, item])) : map
  const normalize = (node: unknown): unknown => {
    if (!isObject(node)) return node
    const out: Json = {}
    const names = namesOf(node['collectionId'])
    const record = node['record'] as Json
    const recordOut = { ...record }
    if (names !== undefined && 'properties' in record) recordOut['properties'] = byName(record['properties'], names)
    out['record'] = relabel(recordOut, names)
    if (node['children']) out['children'] = (node['children'] as unknown[]).map(normalize)
    if (node['views']) out['views'] = (node['views'] as unknown[]).map(normalize)
    const collection = node['collection'] as Json | undefined
    if (collection) {
      const collectionRecord = collection['record'] as Json
      const ownNames = namesOf(collection['collectionId'])
      const schema = collectionRecord['schema'] as Json
      // Relations and rollups name properties of other databases: by those databases' names.
      const schemaOut = Object.fromEntries(
        Object.entries(schema ?? {}).map(([propertyId, property]) => {
          const related = isObject(property) ? namesOf(property['collection_id']) ?? namesOf((schema[String(property['relation_property'])] as Json | undefined)?.['collection_id']) : undefined
          const relabeled = relabel(property, ownNames) as Json
          if (isObject(property) && typeof property['target_property'] === 'string') relabeled['target_property'] = related?.get(property['target_property']) ?? property['target_property']
          if (isObject(property) && property['type'] === 'relation' && typeof property['property'] === 'string') relabeled['property'] = related?.get(property['property']) ?? property['property']
          return [ownNames?.get(propertyId) ?? propertyId, relabeled]
        }),
      )
      out['collection'] = { record: { ...(relabel({ ...collectionRecord, schema: undefined }, ownNames) as Json), schema: schemaOut }, rows: (collection['rows'] as unknown[]).map(normalize) }
    }
    return out
  }
  return { tree: normalize(raw), labels, keys }
}

/** `text` with every id of a record of the tree replaced by its label. */
export function relabelText(text: string, labels: Map<string, string>): string {
  return text.replace(ID_PATTERN, (id) => labels.get(id.toLowerCase()) ?? id)
}
