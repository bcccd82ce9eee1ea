import { RECORD_MAP_VERSION_KEY, normalizeRecordEntry } from '@notion-rx/protocol'
import type { EmulatorContext } from '../emulatorContext.js'
import { RecordImporter, type ImportOptions, type ImportSummary } from './recordImporter.js'

export type { ImportOptions, ImportSummary, SkippedRecord } from './recordImporter.js'

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Imports a recorded record map (either envelope, docs/protocol.md#record-envelopes; a whole response with a
 * `recordMap` field works too). Values are stored exactly as recorded, versions included;
 * `{role: "none"}` stubs and malformed entries are listed in `skipped`, never thrown.
 *
 * @example
 * const summary = importRecordMap(emulator.context, response.recordMap, { memberUserIds: [ada.id] })
 */
export function importRecordMap(
  emulator: EmulatorContext,
  recordMap: unknown,
  options: ImportOptions = {},
): ImportSummary {
  const importer = new RecordImporter(emulator, options)
  const map = isObject(recordMap) && isObject(recordMap['recordMap']) ? recordMap['recordMap'] : recordMap
  if (!isObject(map)) {
    importer.skip('*', '*', 'record map is not an object')
    return importer.commit()
  }
  for (const [table, records] of Object.entries(map)) {
    if (table === RECORD_MAP_VERSION_KEY || !importer.checkTable(table)) continue
    if (!isObject(records)) {
      importer.skip(table, '*', 'table is not an object of records')
      continue
    }
    for (const [id, raw] of Object.entries(records)) {
      if (id === RECORD_MAP_VERSION_KEY) continue
      const entry = normalizeRecordEntry(raw)
      if (!entry) {
        importer.skip(table, id, 'not a record envelope')
      } else if (entry.role === 'none') {
        if (table === 'space') importer.mentionSpace(id)
        importer.skip(table, id, 'role none stub: no value to import')
      } else if (entry.value === undefined) {
        importer.skip(table, id, 'envelope has no value')
      } else {
        importer.add(table, id, entry.value, entry.spaceId)
      }
    }
  }
  return importer.commit()
}
