import { getRecordValuesRequestSchema } from '@notion-rx/protocol'
import { defineEndpoint } from '../http/endpoint.js'
import { canRead } from '../access/roles.js'

/** Legacy positional read: results[i] answers requests[i]; unreadable records are `{role: "none"}`. */
export const getRecordValues = defineEndpoint({
  name: 'getRecordValues',
  auth: 'optional',
  body: getRecordValuesRequestSchema,
  handle({ emulator, user }, body) {
    const results = body.requests.map(({ table, id }) => {
      const record = emulator.records.get(table, id)
      const role = record ? emulator.permissions.roleFor(user?.id, table, id, record) : 'none'
      return record && canRead(role) ? { role, value: record.value } : { role: 'none' }
    })
    return { results }
  },
})
