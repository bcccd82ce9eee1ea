import type { RecordSource, RecordValueLike } from '@notion-rx/markdown'
import type { EmulatorContext } from '../emulatorContext.js'
import { canRead } from '../access/roles.js'

/**
 * The emulator's records as a markdown RecordSource, seen by one user: what the user may not read
 * is missing (an export shows it as "not loaded"), so an export never reveals more than a read.
 */
export function readableRecordSource(emulator: EmulatorContext, userId: string | undefined): RecordSource {
  const read = (table: string, id: string): RecordValueLike | undefined => {
    const record = emulator.records.get(table, id)
    if (!record || !canRead(emulator.permissions.roleFor(userId, table, id, record))) return undefined
    return record.value
  }
  return {
    getBlock: (id) => read('block', id),
    getCollection: (id) => read('collection', id),
    getCollectionView: (id) => read('collection_view', id),
    getUser: (id) => read('notion_user', id),
  }
}
