import { z } from 'zod'
import { recordIdentityShape } from './recordBase.js'

/** A `notion_user` record value (docs/protocol.md#record-fields). */
export const notionUserValueSchema = z.looseObject({
  ...recordIdentityShape,
  email: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  name: z.string().optional(),
  profile_photo: z.string().optional(),
  onboarding_completed: z.boolean().optional(),
  mobile_onboarding_completed: z.boolean().optional(),
  clipper_onboarding_completed: z.boolean().optional(),
})
export type NotionUserValue = z.infer<typeof notionUserValueSchema>
