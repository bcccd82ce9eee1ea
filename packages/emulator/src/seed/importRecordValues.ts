import type { EmulatorContext } from '../emulatorContext.js'
import { RecordImporter, type ImportOptions, type ImportSummary } from './recordImporter.js'

/**
 * Imports bare record values of one table (e.g. recorded block or collection_view values), keyed
 * by their own `id`. Same rules as `importRecordMap`: values stored as given, bad ones skipped.
 */
export function importRecordValues(
  emulator: EmulatorContext,
  table: string,
  values: unknown,
  options: ImportOptions = {},
): ImportSummary {
  const importer = new RecordImporter(emulator, options)
  if (!Array.isArray(values)) {
    importer.skip(table, '*', 'values is not an array')
    return importer.commit()
  }
  if (!importer.checkTable(table)) return importer.commit()
  values.forEach((value: unknown, index) => {
    const id = typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string'
    importer.add(table, id ? (value as { id: string }).id : `#${index}`, value)
  })
  return importer.commit()
}
