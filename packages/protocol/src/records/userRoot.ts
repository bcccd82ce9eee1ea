import { z } from 'zod'
import { embeddedPointerSchema } from './embeddedPointer.js'
import { recordIdentityShape } from './recordBase.js'

/** A `user_root` record value: the spaces a user sees, by their space views. Its id is the user's. */
export const userRootValueSchema = z.looseObject({
  ...recordIdentityShape,
  space_views: z.array(z.string()).optional(),
  left_spaces: z.array(z.string()).optional(),
  space_view_pointers: z.array(embeddedPointerSchema).optional(),
})
export type UserRootValue = z.infer<typeof userRootValueSchema>
