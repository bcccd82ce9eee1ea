import type { Emulator } from '../index.js'

/** A readable fixed id: `<prefix>-0000-4000-8000-<i, 12 digits>` (prefix: 8 hex digits). */
export function numberedId(prefix: string, i: number): string {
  return `${prefix}-0000-4000-8000-${String(i).padStart(12, '0')}`
}

/** Ids of a page holding a Projects and a Tasks database, all under one 8-hex-digit prefix. */
export function projectsAndTasksIds(prefix: string) {
  return {
    PAGE: numberedId(prefix, 1),
    PROJECTS_BLOCK: numberedId(prefix, 2),
    TASKS_BLOCK: numberedId(prefix, 3),
    PROJECTS: numberedId(prefix, 4),
    TASKS: numberedId(prefix, 5),
  }
}

/** A row to seed: its number (for ids and created_time) and properties, as stored. */
export interface SeedRow {
  readonly i: number
  readonly properties: Record<string, unknown>
  readonly deleted?: boolean | undefined
  /** A user denied this row (a `role: none` permission), to test what others may not read. */
  readonly hiddenFrom?: string | undefined
}

/** One database of the page: its block, collection, schema and rows. */
export interface SeedDatabase {
  readonly blockId: string
  readonly collectionId: string
  readonly name: string
  readonly schema: Record<string, unknown>
  readonly rowId: (i: number) => string
  readonly rows: readonly SeedRow[]
}

/**
 * A relation cell pointing at pages (`‣` mentions joined by commas, as Notion stores them);
 * `spaceId`, when given, is the third element of each mention, as newer records carry it.
 */
export function relationCell(pageIds: readonly string[], spaceId?: string): unknown[] {
  return pageIds.flatMap((id, index) => [...(index > 0 ? [[',']] : []), ['‣', [['p', id, ...(spaceId === undefined ? [] : [spaceId])]]]])
}

/**
 * Puts a page holding several databases straight into the emulator's repository (no
 * transactions: the tests are about reading them). Rows get `created_time` 1,700,000,000,000 + i.
 */
export function seedDatabases(emu: Emulator, spaceId: string, pageId: string, databases: readonly SeedDatabase[]): void {
  const put = emu.context.records.put.bind(emu.context.records)
  const space_id = spaceId
  put('block', pageId, {
    id: pageId, type: 'page', alive: true, parent_id: space_id, parent_table: 'space', space_id, content: databases.map((db) => db.blockId), version: 1,
  })
  for (const db of databases) {
    put('block', db.blockId, {
      id: db.blockId, type: 'collection_view', alive: true, parent_id: pageId, parent_table: 'block', space_id, collection_id: db.collectionId, view_ids: [], version: 1,
    })
    put('collection', db.collectionId, {
      id: db.collectionId, name: [[db.name]], alive: true, parent_id: db.blockId, parent_table: 'block', space_id, schema: db.schema, version: 1,
    })
    for (const row of db.rows) {
      const id = db.rowId(row.i)
      put('block', id, {
        id, type: 'page', alive: row.deleted !== true, parent_id: db.collectionId, parent_table: 'collection', space_id, properties: row.properties, version: 1,
        created_time: 1_700_000_000_000 + row.i,
        ...(row.hiddenFrom ? { permissions: [{ type: 'user_permission', role: 'none', user_id: row.hiddenFrom }] } : {}),
      })
    }
  }
}
