import { z } from 'zod'
import { richTextSchema } from '../richText.js'
import { recordAuthorshipShape, recordIdentityShape, recordParentShape } from './recordBase.js'

/** A `comment` record value; its parent is a `discussion`. */
export const commentValueSchema = z.looseObject({
  ...recordIdentityShape,
  ...recordParentShape,
  ...recordAuthorshipShape,
  text: richTextSchema.optional(),
  content: z.array(z.string()).optional(),
})
export type CommentValue = z.infer<typeof commentValueSchema>
