import { z } from 'zod'
import { BRANCH_MISMATCH_PARAM } from './formatIssues.js'

/**
 * A string that is none of `known`: the discriminator of the catch-all member of a union
 * (unknown decoration codes, permission types), so a malformed *known* member is reported by its
 * own schema instead of slipping through the catch-all.
 */
export function unknownLiteralSchema(known: ReadonlySet<string>) {
  return z.string().refine((value) => !known.has(value), {
    message: 'Known value in the catch-all member',
    // abort: the union must not pick this member just because it is the only one not aborted.
    abort: true,
    params: { [BRANCH_MISMATCH_PARAM]: true },
  })
}
