import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { normalizeRecordMap, type Envelope, type NormalizedRecordMap } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import { importRecordMap } from '../src/seed/importRecordMap.js'
import { importRecordValues } from '../src/seed/importRecordValues.js'
import type { Emulator } from '../src/index.js'
import { post, testEmulator } from '../src/testing/testEmulator.js'
import { recordedFixtures } from '../../../test/support/recordedFixtures.js'

const FIXTURES = recordedFixtures

function readJson(relative: string): unknown {
  return JSON.parse(readFileSync(fileURLToPath(new URL(relative, FIXTURES)), 'utf8'))
}

function jsonFiles(folder: string): string[] {
  return readdirSync(fileURLToPath(new URL(folder, FIXTURES)))
    .filter((name) => name.endsWith('.json'))
    .sort()
}

/** Every top-level fixture that carries a recordMap (found, not listed, so new recordings are covered). */
const RECORD_MAP_FIXTURES = jsonFiles('./').filter((name) => {
  const json = readJson(name)
  return typeof json === 'object' && json !== null && 'recordMap' in json
})

type Pointer = { table: string; id: string }

function pointersOf(map: NormalizedRecordMap): Pointer[] {
  return Object.entries(map).flatMap(([table, records]) => Object.keys(records ?? {}).map((id) => ({ table, id })))
}

async function sync(emu: Emulator, pointers: Pointer[], tokenV2: string): Promise<NormalizedRecordMap> {
  const response = await post(
    emu,
    'syncRecordValues',
    { requests: pointers.map((pointer) => ({ pointer, version: -1 })) },
    { tokenV2 },
  )
  expect(response.status).toBe(200)
  if (emu.context.envelope === 'nested') expect(response.body.recordMap.__version__).toBe(3)
  return normalizeRecordMap(response.body.recordMap)
}

/** Whether a record sits under a page shared with `public_permission`, judged from the fixture alone. */
function isPublic(map: NormalizedRecordMap, table: string, id: string): boolean {
  let current = map[table]?.[id]?.value
  for (let depth = 0; current && depth < 64; depth++) {
    const permissions = Array.isArray(current['permissions']) ? (current['permissions'] as Array<Record<string, unknown>>) : []
    if (permissions.some((item) => item['type'] === 'public_permission' && item['role'] !== 'none')) return true
    const parentTable = typeof current['parent_table'] === 'string' ? current['parent_table'] : 'block'
    current = typeof current['parent_id'] === 'string' ? map[parentTable]?.[current['parent_id']]?.value : undefined
  }
  return false
}

/** Whether a block shared to the web names the user (as author, last editor or mention), judged from the fixture alone. */
function isNamedByPublicBlock(map: NormalizedRecordMap, userId: string): boolean {
  return Object.entries(map['block'] ?? {}).some(([id, entry]) => isPublic(map, 'block', id) && JSON.stringify(entry.value ?? {}).includes(userId))
}

describe('importRecordMap', () => {
  it('finds the recorded fixtures', () => {
    expect(RECORD_MAP_FIXTURES).toEqual(expect.arrayContaining(['collection-row-page.json', 'list.json', 'page.json', 'table.json']))
  })

  for (const envelope of ['nested', 'flat'] as Envelope[]) {
    for (const fixture of RECORD_MAP_FIXTURES) {
      it(`${fixture}: every record is served back unchanged (${envelope} envelope), to members only`, async () => {
        const emu = await testEmulator({ envelope })
        const ada = emu.createUser({ email: 'ada@example.com' })
        const outsider = emu.createUser({ email: 'eve@example.com' })
        const recordMap = (readJson(fixture) as { recordMap: unknown }).recordMap
        const expected = normalizeRecordMap(recordMap)
        const withValues = pointersOf(expected).filter(({ table, id }) => expected[table]?.[id]?.value !== undefined)
        const stubs = pointersOf(expected).filter(({ table, id }) => expected[table]?.[id]?.role === 'none')

        const summary = emu.importRecordMap(recordMap, { memberUserIds: [ada.id] })
        expect(summary.records).toBe(withValues.length)
        expect(summary.skipped).toEqual(stubs.map(({ table, id }) => ({ table, id, reason: expect.stringContaining('role none') })))
        for (const [table, records] of Object.entries(expected)) {
          const count = Object.values(records ?? {}).filter((entry) => entry.value !== undefined).length
          expect(summary.byTable[table] ?? 0).toBe(count)
        }

        const served = await sync(emu, withValues, ada.tokenV2)
        for (const { table, id } of withValues) {
          const entry = served[table]?.[id]
          expect(entry?.role, `${table} ${id}`).not.toBe('none')
          expect(entry?.value, `${table} ${id}`).toEqual(expected[table]![id]!.value)
        }

        const seenByOutsider = await sync(emu, withValues, outsider.tokenV2)
        for (const { table, id } of withValues) {
          const entry = seenByOutsider[table]?.[id]
          // Pages shared to the web stay readable, as on Notion, and so do the users they name (the
          // recordings carry them as readers), as public profiles without email; the rest is hidden.
          if (table === 'notion_user' && isNamedByPublicBlock(expected, id)) {
            const { id: userId, version, given_name, family_name, profile_photo } = expected[table]![id]!.value as Record<string, unknown>
            expect(entry, `${table} ${id}`).toEqual({ role: 'reader', value: JSON.parse(JSON.stringify({ id: userId, version, given_name, family_name, profile_photo })) })
            continue
          }
          const publicRecord = table !== 'notion_user' && isPublic(expected, table, id)
          expect(entry?.role, `${table} ${id}`).toBe(publicRecord ? 'reader' : 'none')
          if (publicRecord) expect(entry?.value).toEqual(expected[table]![id]!.value)
          else expect(entry?.value).toBeUndefined()
        }
      })
    }
  }

  it('creates a synthetic space only where the map has none, marks it, and lists it for the member', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const recordMap = (readJson('table.json') as { recordMap: unknown }).recordMap
    emu.importRecordMap(recordMap, { memberUserIds: [ada.id] })
    const space = emu.context.records.get('space', 'fde5ac74-eea3-4527-8f00-4482710e1af3')
    expect(space?.value).toMatchObject({
      emulator_imported: true,
      permissions: expect.arrayContaining([{ role: 'editor', type: 'user_permission', user_id: ada.id }]),
    })
    expect(space?.value['pages']).toEqual(['067dd719-a912-471e-a9a3-ac10710e7fdf'])
    // No imported record gains the marker or any other field.
    for (const block of emu.context.records.all('block').filter((record) => record.spaceId === space?.id)) {
      expect(block.value['emulator_imported']).toBeUndefined()
    }
    const root = emu.context.records.get('user_root', ada.id)!
    const pointers = root.value['space_view_pointers'] as Array<{ spaceId: string }>
    expect(pointers.map((pointer) => pointer.spaceId)).toContain(space?.id)
    // Importing again changes nothing about membership (no duplicate permissions or views).
    const again = emu.importRecordMap(recordMap, { memberUserIds: [ada.id] })
    expect(again.records).toBe(13)
    expect(emu.context.records.get('space', space!.id)?.version).toBe(space?.version)
    expect(emu.context.records.get('user_root', ada.id)?.version).toBe(root.version)
  })

  it('keeps a recorded space value, adding only the member to its permissions', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const spaceId = '11111111-1111-4111-8111-111111111111'
    const spaceValue = { id: spaceId, version: 7, name: 'Recorded', permissions: [{ role: 'editor', type: 'user_permission', user_id: 'u1' }] }
    const page = { id: '22222222-2222-4222-8222-222222222222', version: 3, type: 'page', space_id: spaceId, parent_id: spaceId, parent_table: 'space' }
    const summary = emu.importRecordMap({
      __version__: 3,
      space: { [spaceId]: { spaceId, value: { role: 'editor', value: spaceValue } } },
      block: { [page.id]: { spaceId, value: { role: 'editor', value: page } } },
    }, { memberUserIds: [ada.id] })
    expect(summary).toEqual({ records: 2, byTable: { space: 1, block: 1 }, skipped: [] })
    const stored = emu.context.records.get('space', spaceId)!
    expect(stored.value['emulator_imported']).toBeUndefined()
    expect(stored.value['name']).toBe('Recorded')
    expect(stored.value['permissions']).toEqual([...spaceValue.permissions, { role: 'editor', type: 'user_permission', user_id: ada.id }])
    expect(emu.context.records.get('block', page.id)?.value).toEqual(page)
  })

  it('imports bare block values and NBA collection views via importRecordValues; they come back equal', async () => {
    const emu = await testEmulator({ envelope: 'flat' })
    const ada = emu.createUser({ email: 'ada@example.com' })
    const outsider = emu.createUser({ email: 'eve@example.com' })
    const blocks = jsonFiles('blocks/').map((name) => readJson(`blocks/${name}`) as Record<string, unknown>)
    const views = jsonFiles('nba/').map((name) => readJson(`nba/${name}`) as Record<string, unknown>)
    expect(blocks.length).toBeGreaterThanOrEqual(5)
    expect(views.length).toBeGreaterThanOrEqual(30)

    const blockSummary = importRecordValues(emu.context, 'block', blocks, { memberUserIds: [ada.id] })
    expect(blockSummary).toEqual({ records: blocks.length, byTable: { block: blocks.length }, skipped: [] })
    const viewSummary = importRecordValues(emu.context, 'collection_view', views, { memberUserIds: [ada.id] })
    expect(viewSummary).toEqual({ records: views.length, byTable: { collection_view: views.length }, skipped: [] })

    const pointers = [
      ...blocks.map((value) => ({ table: 'block', id: value['id'] as string, value })),
      ...views.map((value) => ({ table: 'collection_view', id: value['id'] as string, value })),
    ]
    const served = await sync(emu, pointers, ada.tokenV2)
    for (const { table, id, value } of pointers) {
      expect(served[table]?.[id]?.role, `${table} ${id}`).toBe('editor')
      expect(served[table]?.[id]?.value).toEqual(value)
    }
    const hidden = await sync(emu, pointers, outsider.tokenV2)
    for (const { table, id } of pointers) expect(hidden[table]?.[id]).toEqual({ role: 'none' })
    // The views name no space: they went to a synthetic one, which only Ada was made a member of.
    const synthetic = emu.context.records.all('space').filter((space) => space.value['emulator_imported'] === true)
    expect(synthetic.length).toBeGreaterThanOrEqual(1)
  })

  it('malformed input: skipped entries, no throw, nothing already stored is lost', async () => {
    const emu = await testEmulator()
    const ada = emu.createUser({ email: 'ada@example.com' })
    const recordMap = (readJson('page.json') as { recordMap: unknown }).recordMap
    emu.importRecordMap(recordMap, { memberUserIds: [ada.id] })
    const before = emu.context.db.prepare('SELECT tbl, id, version, value FROM records ORDER BY tbl, id').all()

    const blockId = '2fea615a-97a7-401c-81be-486e4eec2e94'
    const stored = emu.context.records.get('block', blockId)!
    for (const bad of [null, 42, 'recordMap', [], [{ block: {} }], true]) {
      expect(importRecordMap(emu.context, bad)).toEqual({ records: 0, byTable: {}, skipped: [{ table: '*', id: '*', reason: expect.any(String) }] })
    }
    const summary = emu.importRecordMap({
      __version__: 3,
      block: {
        __version__: 3,
        [blockId]: { role: 'editor', value: { ...stored.value, version: stored.version - 1, type: 'text' } },
        'aaaaaaaa-0000-4000-8000-000000000001': 'not an entry',
        'aaaaaaaa-0000-4000-8000-000000000002': { role: 'editor', value: 'nope' },
        'aaaaaaaa-0000-4000-8000-000000000003': { role: 'editor', value: { id: 'someone-else', version: 1 } },
        'aaaaaaaa-0000-4000-8000-000000000004': { role: 'editor', value: { id: 'aaaaaaaa-0000-4000-8000-000000000004', version: 'x' } },
        'aaaaaaaa-0000-4000-8000-000000000005': { role: 'editor', value: { version: 1 } },
        'aaaaaaaa-0000-4000-8000-000000000006': [],
        'aaaaaaaa-0000-4000-8000-000000000007': { spaceId: 'x', value: { role: 'none' } },
      },
      collection: 'not a table',
      'Robert"); DROP TABLE records;--': { x: { role: 'editor', value: { id: 'x' } } },
      space_view: null,
    })
    expect(summary.records).toBe(0)
    expect(summary.skipped.map(({ table, id }) => `${table} ${id}`).sort()).toEqual(
      [
        `block ${blockId}`,
        ...[1, 2, 3, 4, 5, 6, 7].map((n) => `block aaaaaaaa-0000-4000-8000-00000000000${n}`),
        'collection *',
        'Robert"); DROP TABLE records;-- *',
        'space_view *',
      ].sort(),
    )
    expect(summary.skipped.find((s) => s.id === blockId)?.reason).toMatch(/newer version/)
    expect(emu.context.db.prepare('SELECT tbl, id, version, value FROM records ORDER BY tbl, id').all()).toEqual(before)

    const values = importRecordValues(emu.context, 'block', [null, 7, { id: 5 }, { no: 'id' }, { id: blockId, version: 1 }])
    expect(values.records).toBe(0)
    expect(values.skipped.map((s) => s.id)).toEqual(['#0', '#1', '#2', '#3', blockId])
    expect(importRecordValues(emu.context, 'block', 'nope').skipped).toEqual([{ table: 'block', id: '*', reason: expect.any(String) }])
    expect(importRecordValues(emu.context, '../block', [stored.value]).records).toBe(0)
    expect(emu.context.db.prepare('SELECT tbl, id, version, value FROM records ORDER BY tbl, id').all()).toEqual(before)

    // Good entries next to bad ones still go in.
    const mixed = emu.importRecordMap({ block: { 'aaaaaaaa-0000-4000-8000-000000000009': 5, [blockId]: { role: 'reader', value: { ...stored.value, version: stored.version + 1 } } } })
    expect(mixed.records).toBe(1)
    expect(emu.context.records.get('block', blockId)?.version).toBe(stored.version + 1)
  })
})
