import { syncRecordValuesRequestSchema, syncRequestPointer } from '@notion-rx/protocol'
import { defineEndpoint, type Endpoint } from '../http/endpoint.js'
import { RecordMapBuilder } from '../storage/recordMapBuilder.js'

/**
 * syncRecordValues and its current twins. Each request names a record and the version the caller
 * holds; the answer carries the records newer than that (all of them for `version: -1` or none
 * given), and `{role: "none"}` stubs for records that are missing or unreadable.
 */
function syncEndpoint(name: string, retired?: string): Endpoint<typeof syncRecordValuesRequestSchema> {
  return defineEndpoint({
    name,
    ...(retired !== undefined ? { retired } : {}),
    auth: 'optional',
    body: syncRecordValuesRequestSchema,
    handle({ emulator, user, profile }, body) {
      const builder = new RecordMapBuilder(emulator, user?.id, profile.envelope)
      for (const request of body.requests) {
        const { table, id } = syncRequestPointer(request)
        const held = request.version ?? -1
        const current = emulator.records.get(table, id)
        if (current && held >= 0 && current.version <= held) continue
        builder.add(table, id, { stubIfUnreadable: true })
      }
      return { recordMap: builder.toWire() }
    },
  })
}

export const syncRecordValues = syncEndpoint(
  'syncRecordValues',
  'a 404 for most callers since 2025-08-21 (react-notion-x #661/#662); clients moved to syncRecordValuesMain',
)
export const syncRecordValuesMain = syncEndpoint('syncRecordValuesMain')
export const syncRecordValuesSpace = syncEndpoint('syncRecordValuesSpace')
export const syncRecordValuesSpaceInitial = syncEndpoint('syncRecordValuesSpaceInitial')
