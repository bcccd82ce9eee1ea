import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { normalizeRecordMap, type NormalizedRecordMap } from '@notion-rx/protocol'
import { recordedFixtures } from '../../../../test/support/recordedFixtures.js'

export const recorded = recordedFixtures

export function json(file: string): any {
  return JSON.parse(readFileSync(fileURLToPath(new URL(file, recorded)), 'utf8'))
}

/** Record maps merged table by table (later maps add records, never replace them). */
export function merge(...maps: NormalizedRecordMap[]): NormalizedRecordMap {
  const out: Record<string, Record<string, unknown>> = {}
  for (const map of maps) {
    for (const [table, records] of Object.entries(map)) {
      out[table] = { ...records, ...out[table] }
    }
  }
  return out as NormalizedRecordMap
}

/**
 * The react-notion-x page (page.json) with its databases' query results (table.json, list.json),
 * and their rows by view.
 */
export function reactNotionXPages() {
  const table = json('table.json')
  const list = json('list.json')
  const recordMap = merge(normalizeRecordMap(json('page.json').recordMap), normalizeRecordMap(table.recordMap), normalizeRecordMap(list.recordMap))
  const rows = {
    [Object.keys(table.recordMap.collection_view)[0]!]: table.result.blockIds as string[],
    [Object.keys(list.recordMap.collection_view)[0]!]: list.result.blockIds as string[],
  }
  return { recordMap, rows }
}

/**
 * The NBA workspace: "The NBA — in Notion." and a player row (collection-row-page.json), with the
 * recorded collections, views and query results of nba/ (row ids only: one row is recorded).
 */
export function nbaPages() {
  const base = normalizeRecordMap(json('collection-row-page.json').recordMap)
  const collection: Record<string, { role: 'reader'; value: Record<string, unknown> }> = {}
  const views: Record<string, { role: 'reader'; value: Record<string, unknown> }> = {}
  for (const file of readdirSync(fileURLToPath(new URL('nba/', recorded)))) {
    if (!file.endsWith('.json')) continue
    const value = json(`nba/${file}`) as Record<string, unknown>
    if ('schema' in value) collection[String(value['id'])] = { role: 'reader', value }
    else views[String(value['id'])] = { role: 'reader', value }
  }
  const rows: Record<string, string[]> = {}
  for (const file of readdirSync(fileURLToPath(new URL('nba/data/', recorded)))) {
    // `<collection id>-<view id>.json`: both are 36-character dashed ids.
    const key = `${file.slice(0, 36)}:${file.slice(37, 73)}`
    rows[key] = json(`nba/data/${file}`).blockIds
  }
  return { recordMap: merge(base, { collection, collection_view: views } as NormalizedRecordMap), rows }
}
