import { z } from 'zod'
import { recordIdentityShape, recordParentShape } from './recordBase.js'

/** A `space_view` record value: one user's view of a space (sidebar, bookmarks, notifications). */
export const spaceViewValueSchema = z.looseObject({
  ...recordIdentityShape,
  ...recordParentShape,
  bookmarked_pages: z.array(z.string()).optional(),
  private_pages: z.array(z.string()).optional(),
  visited_templates: z.array(z.string()).optional(),
  sidebar_hidden_templates: z.array(z.string()).optional(),
  notify_mobile: z.boolean().optional(),
  notify_desktop: z.boolean().optional(),
  notify_email: z.boolean().optional(),
  joined: z.boolean().optional(),
})
export type SpaceViewValue = z.infer<typeof spaceViewValueSchema>
