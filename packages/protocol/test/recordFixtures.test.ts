import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { isKnownTable, normalizeRecordMap, parseRecordValue, toWireRecordMap } from '../src/index.js'
import type { NormalizedRecordMap } from '../src/index.js'
import { recordedFixtures } from '../../../test/support/recordedFixtures.js'

const fixtures = recordedFixtures

function readJson(relative: string): unknown {
  return JSON.parse(readFileSync(new URL(relative, fixtures), 'utf8'))
}

type FlatMap = Record<string, Record<string, { role: string; value?: Record<string, unknown> }>>

const recordMapFiles = ['page.json', 'table.json', 'list.json', 'collection-row-page.json']

function flatRecordMap(file: string): FlatMap {
  return (readJson(file) as { recordMap: FlatMap }).recordMap
}

/** Every record value of the fixtures: [label, table, value]. */
function allRecords(): [string, string, unknown][] {
  const out: [string, string, unknown][] = []
  for (const file of recordMapFiles) {
    for (const [table, records] of Object.entries(flatRecordMap(file))) {
      for (const [id, entry] of Object.entries(records)) {
        if (entry.value !== undefined) out.push([`${file} ${table} ${id}`, table, entry.value])
      }
    }
  }
  for (const name of readdirSync(new URL('blocks/', fixtures))) {
    if (name.endsWith('.json')) out.push([`blocks/${name}`, 'block', readJson(`blocks/${name}`)])
  }
  // nba/ holds bare collection values (with a schema) and collection_view values.
  for (const name of readdirSync(new URL('nba/', fixtures))) {
    if (!name.endsWith('.json')) continue
    const value = readJson(`nba/${encodeURIComponent(name)}`) as Record<string, unknown>
    out.push([`nba/${name}`, 'schema' in value ? 'collection' : 'collection_view', value])
  }
  return out
}

describe('recorded react-notion-x fixtures', () => {
  const records = allRecords()

  it('has records of every table the fixtures hold', () => {
    const tables = new Set(records.map(([, table]) => table))
    expect([...tables].sort()).toEqual(['block', 'collection', 'collection_view', 'notion_user'])
    expect(records.length).toBeGreaterThan(100)
  })

  it.each(records)('%s parses and round-trips unchanged', (_label, table, value) => {
    expect(isKnownTable(table)).toBe(true)
    const input = structuredClone(value)
    const result = parseRecordValue(table, input)
    if (!result.ok) expect.fail(result.issues.join('\n'))
    // Deep equality with an untouched copy proves unknown fields and decorations are kept.
    expect(result.value).toStrictEqual(value)
  })
})

/** The same map in the nested `__version__: 3` envelope, written independently of toWireRecordMap. */
function toNested(flat: FlatMap): Record<string, unknown> {
  const nested: Record<string, unknown> = { __version__: 3 }
  for (const [table, records] of Object.entries(flat)) {
    const out: Record<string, unknown> = { __version__: 3 }
    for (const [id, entry] of Object.entries(records)) {
      const spaceId = entry.value?.['space_id']
      out[id] = typeof spaceId === 'string' ? { spaceId, value: entry } : { value: entry }
    }
    nested[table] = out
  }
  return nested
}

describe('both envelopes of the fixtures', () => {
  it.each(recordMapFiles)('%s: flat and nested normalize to the same map', (file) => {
    const flat = flatRecordMap(file)
    const fromFlat = normalizeRecordMap(flat)
    const fromNested = normalizeRecordMap(toNested(flat))
    expect(fromNested).toEqual(fromFlat)
    // Nothing lost: every table and id is still there, values untouched.
    for (const [table, records] of Object.entries(flat)) {
      expect(Object.keys(fromFlat[table] ?? {}).sort()).toEqual(Object.keys(records).sort())
      for (const [id, entry] of Object.entries(records)) {
        expect(fromFlat[table]?.[id]?.role).toBe(entry.role)
        expect(fromFlat[table]?.[id]?.value).toEqual(entry.value)
      }
    }
  })

  it.each(recordMapFiles)('%s: normalized records parse with their schemas', (file) => {
    const map: NormalizedRecordMap = normalizeRecordMap(toNested(flatRecordMap(file)))
    for (const [table, records] of Object.entries(map)) {
      for (const entry of Object.values(records ?? {})) {
        if (entry.value === undefined) {
          expect(entry.role).toBe('none')
          continue
        }
        const result = parseRecordValue(table, entry.value)
        expect(result.ok ? [] : result.issues).toEqual([])
      }
    }
  })

  it.each(recordMapFiles)('%s: toWireRecordMap gives back the same map from either envelope', (file) => {
    const map = normalizeRecordMap(flatRecordMap(file))
    expect(normalizeRecordMap(toWireRecordMap(map, 'nested'))).toEqual(map)
    expect(normalizeRecordMap(toWireRecordMap(map, 'flat'))).toEqual(map)
  })
})
