import { z } from 'zod'
import { recordIdentityShape } from './recordBase.js'

export const userSettingsSchema = z.looseObject({
  locale: z.string().optional(),
  time_zone: z.string().optional(),
  persona: z.string().optional(),
  signup_time: z.number().optional(),
  start_day_of_week: z.number().optional(),
})
export type UserSettings = z.infer<typeof userSettingsSchema>

/** A `user_settings` record value. Its id is the user's. */
export const userSettingsValueSchema = z.looseObject({
  ...recordIdentityShape,
  settings: userSettingsSchema.optional(),
})
export type UserSettingsValue = z.infer<typeof userSettingsValueSchema>
