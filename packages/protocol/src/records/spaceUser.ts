import { z } from 'zod'

/**
 * A `space_user` record value: a user's membership of a space. No recorded sample exists
 * (docs/protocol.md#tables only names the table), so every field is optional and all are kept.
 */
export const spaceUserValueSchema = z.looseObject({
  id: z.string().optional(),
  version: z.number().int().optional(),
  user_id: z.string().optional(),
  space_id: z.string().optional(),
  membership_type: z.string().optional(),
  role: z.string().optional(),
})
export type SpaceUserValue = z.infer<typeof spaceUserValueSchema>
