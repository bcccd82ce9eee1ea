import { z } from 'zod'

/**
 * A pointer stored inside a record value: `format.collection_pointer`, `copied_from_pointer`,
 * `alias_pointer` (often id only), `user_root.space_view_pointers`. Unlike a request's
 * `RecordPointer`, `table` may be missing, and notion-types even spells `spaceid` in lower case.
 */
export const embeddedPointerSchema = z.looseObject({
  id: z.string(),
  table: z.string().optional(),
  spaceId: z.string().optional(),
})
export type EmbeddedPointer = z.infer<typeof embeddedPointerSchema>
