import { z } from 'zod'
import { richTextSchema } from '../richText.js'
import { recordAuthorshipShape, recordIdentityShape, recordParentShape } from './recordBase.js'

/** A `discussion` record value: a comment thread on a block, listed in its `discussions`. */
export const discussionValueSchema = z.looseObject({
  ...recordIdentityShape,
  ...recordParentShape,
  ...recordAuthorshipShape,
  resolved: z.boolean().optional(),
  /** The quoted text the thread is anchored to. */
  context: richTextSchema.optional(),
  /** Comment ids, in order. */
  comments: z.array(z.string()).optional(),
})
export type DiscussionValue = z.infer<typeof discussionValueSchema>
