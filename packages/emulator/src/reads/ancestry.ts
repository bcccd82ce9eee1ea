import type { RecordRepository, StoredRecord } from '../storage/recordRepository.js'

const MAX_DEPTH = 64

/** The chain of parents of a record, nearest first, up to (not including) its space. Cycle-safe. */
export function ancestorsOf(records: RecordRepository, record: StoredRecord): StoredRecord[] {
  const chain: StoredRecord[] = []
  const seen = new Set<string>([`${record.table}:${record.id}`])
  let current = record
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const parentId = current.value['parent_id']
    const parentTable = current.value['parent_table'] ?? 'block'
    if (typeof parentId !== 'string' || typeof parentTable !== 'string' || parentTable === 'space') break
    const key = `${parentTable}:${parentId}`
    if (seen.has(key)) break
    seen.add(key)
    const parent = records.get(parentTable, parentId)
    if (!parent) break
    chain.push(parent)
    current = parent
  }
  return chain
}
