import { z } from 'zod'
import { unknownLiteralSchema } from '../unknownLiteral.js'

/**
 * A permission's role: a role name (`editor`, `reader`, `comment_only`, ...) or, for bots and
 * custom roles, an object of capabilities (`{insert_content, read_content, update_content}`).
 */
export const permissionRoleSchema = z.union([z.string(), z.record(z.string(), z.unknown())])
export type PermissionRole = z.infer<typeof permissionRoleSchema>

export const PERMISSION_TYPES = [
  'user_permission',
  'public_permission',
  'bot_permission',
  'space_permission',
  'group_permission',
] as const
export type PermissionType = (typeof PERMISSION_TYPES)[number]

const knownTypes: ReadonlySet<string> = new Set(PERMISSION_TYPES)

export const userPermissionSchema = z.looseObject({
  type: z.literal('user_permission'),
  role: permissionRoleSchema,
  user_id: z.string(),
})
export const publicPermissionSchema = z.looseObject({
  type: z.literal('public_permission'),
  role: permissionRoleSchema,
  allow_duplicate: z.boolean().optional(),
  allow_search_engine_indexing: z.boolean().optional(),
  added_timestamp: z.number().optional(),
})
export const botPermissionSchema = z.looseObject({
  type: z.literal('bot_permission'),
  role: permissionRoleSchema,
  bot_id: z.string(),
})
export const spacePermissionSchema = z.looseObject({
  type: z.literal('space_permission'),
  role: permissionRoleSchema,
})
export const groupPermissionSchema = z.looseObject({
  type: z.literal('group_permission'),
  role: permissionRoleSchema,
  group_id: z.string(),
})
/** Permission kinds notion-rx does not know yet, kept as they came. */
export const unknownPermissionSchema = z.looseObject({
  type: unknownLiteralSchema(knownTypes),
  role: permissionRoleSchema.optional(),
})

export const permissionSchema = z.union([
  userPermissionSchema,
  publicPermissionSchema,
  botPermissionSchema,
  spacePermissionSchema,
  groupPermissionSchema,
  unknownPermissionSchema,
])
export type UserPermission = z.infer<typeof userPermissionSchema>
export type PublicPermission = z.infer<typeof publicPermissionSchema>
export type BotPermission = z.infer<typeof botPermissionSchema>
export type SpacePermission = z.infer<typeof spacePermissionSchema>
export type GroupPermission = z.infer<typeof groupPermissionSchema>
export type UnknownPermission = z.infer<typeof unknownPermissionSchema>
export type Permission = z.infer<typeof permissionSchema>
