import { z } from 'zod'
import { permissionSchema } from './permission.js'
import { recordAuthorshipShape, recordIdentityShape } from './recordBase.js'

/** A `space` record value: a workspace (docs/protocol.md#record-fields). */
export const spaceValueSchema = z.looseObject({
  ...recordIdentityShape,
  ...recordAuthorshipShape,
  name: z.string().optional(),
  domain: z.string().optional(),
  icon: z.string().optional(),
  /** Top-level page ids, in sidebar order. */
  pages: z.array(z.string()).optional(),
  permissions: z.array(permissionSchema).optional(),
  permission_groups: z.array(z.looseObject({})).optional(),
  plan_type: z.string().optional(),
  beta_enabled: z.boolean().optional(),
  invite_link_enabled: z.boolean().optional(),
  disable_export: z.boolean().optional(),
  disable_guests: z.boolean().optional(),
  disable_move_to_space: z.boolean().optional(),
  disable_public_access: z.boolean().optional(),
  settings: z.looseObject({}).optional(),
  shard_id: z.number().optional(),
})
export type SpaceValue = z.infer<typeof spaceValueSchema>
