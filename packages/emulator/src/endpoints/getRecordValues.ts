import { getRecordValuesRequestSchema } from '@notion-rx/protocol'
import { defineEndpoint } from '../http/endpoint.js'
import { canRead } from '../access/roles.js'
import { namedUserLookup } from '../reads/namedUsers.js'
import { publicProfile } from '../storage/recordMapBuilder.js'

/**
 * Legacy positional read: results[i] answers requests[i]; unreadable records are `{role: "none"}`,
 * except a user named by a page the caller reads, who is answered with the public profile.
 */
export const getRecordValues = defineEndpoint({
  name: 'getRecordValues',
  auth: 'optional',
  body: getRecordValuesRequestSchema,
  handle({ emulator, user }, body) {
    const isNamed = namedUserLookup(emulator, user?.id)
    const results = body.requests.map(({ table, id }) => {
      const record = emulator.records.get(table, id)
      const role = record ? emulator.permissions.roleFor(user?.id, table, id, record) : 'none'
      if (record && canRead(role)) return { role, value: record.value }
      if (record && table === 'notion_user' && isNamed(id)) return { role: 'reader', value: publicProfile(record.value) }
      return { role: 'none' }
    })
    return { results }
  },
})
