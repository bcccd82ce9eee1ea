import { normalizeRecordMap, type RecordEntry } from '@notion-rx/protocol'
import type { Emulator } from '../index.js'
import { post } from './testEmulator.js'

/** Reads one record over HTTP (syncRecordValuesMain) as the token's user sees it. */
export async function readRecord(
  emulator: Emulator,
  tokenV2: string | undefined,
  table: string,
  id: string,
): Promise<RecordEntry | undefined> {
  const response = await post(
    emulator,
    'syncRecordValuesMain',
    { requests: [{ pointer: { table, id }, version: -1 }] },
    tokenV2 === undefined ? {} : { tokenV2 },
  )
  if (response.status !== 200) throw new Error(`syncRecordValuesMain answered ${response.status}`)
  return normalizeRecordMap(response.body.recordMap)[table]?.[id]
}
