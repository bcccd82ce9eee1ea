import { decorationSchema } from '@notion-rx/protocol'
import type { Decoration } from '@notion-rx/protocol'

/** `value` if it is a well-formed decoration (the protocol schema decides), else undefined. */
export function validDecoration(value: unknown): Decoration | undefined {
  // The input, not zod's copy, is returned: it is what the markdown said, key order included.
  return decorationSchema.safeParse(value).success ? (value as Decoration) : undefined
}
