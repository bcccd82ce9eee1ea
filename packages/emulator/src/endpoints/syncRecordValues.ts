import { syncRecordValuesRequestSchema, syncRequestPointer } from '@notion-rx/protocol'
import { defineEndpoint, type Endpoint } from '../http/endpoint.js'
import { namedUserLookup } from '../reads/namedUsers.js'
import { RecordMapBuilder } from '../storage/recordMapBuilder.js'

const STUB_IF_UNREADABLE = Object.freeze({ stubIfUnreadable: true })

/**
 * syncRecordValues and its current twins. Each request names a record and the version the caller
 * holds; the answer carries the records newer than that (all of them for `version: -1` or none
 * given), and `{role: "none"}` stubs for records that are missing or unreadable. A user the caller
 * may not read, but who is named by a page the caller reads, is answered with the public profile.
 */
function syncEndpoint(name: string, retired?: string): Endpoint<typeof syncRecordValuesRequestSchema> {
  return defineEndpoint({
    name,
    ...(retired !== undefined ? { retired } : {}),
    auth: 'optional',
    body: syncRecordValuesRequestSchema,
    handle({ emulator, user, profile }, body) {
      const builder = new RecordMapBuilder(emulator, user?.id, profile.envelope)
      const isNamed = namedUserLookup(emulator, user?.id)
      // Per pointer, only what it needs: a page load asks for tens of thousands at version -1.
      for (const request of body.requests) {
        const { table, id } = syncRequestPointer(request)
        const held = request.version ?? -1
        if (held >= 0) {
          const current = emulator.records.get(table, id)
          if (current && current.version <= held) continue
        }
        // A user named by a page the caller reads: their public profile (reads/namedUsers.ts).
        builder.add(table, id, table === 'notion_user' ? { stubIfUnreadable: true, namedByReadable: () => isNamed(id) } : STUB_IF_UNREADABLE)
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
