import { createEmailUserRequestSchema } from '@notion-rx/protocol'
import { InviteLimitError } from '../access/accounts.js'
import { ApiError, validationError } from '../http/apiError.js'
import { defineEndpoint } from '../http/endpoint.js'

/**
 * An account for an email Notion does not know yet, so a page can be shared with it
 * (docs/protocol.md#sharing): `{userId}`, the existing account's id when there is one.
 */
export const createEmailUser = defineEndpoint({
  name: 'createEmailUser',
  auth: 'required',
  body: createEmailUserRequestSchema,
  handle({ emulator, user }, body) {
    try {
      return { userId: emulator.accounts.createEmailUser(body.email, user!.id).id }
    } catch (error) {
      if (error instanceof InviteLimitError) throw new ApiError(429, 'UserRateLimitResponse', error.message, { type: 'rate_limited' })
      if (error instanceof TypeError) throw validationError(error.message)
      throw error
    }
  },
})
