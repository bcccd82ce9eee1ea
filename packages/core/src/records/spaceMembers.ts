import type { ClientContext } from '../clientContext.js'
import type { RecordValue } from '../store/snapshot.js'
import { resolveRecord } from './recordRegistry.js'
import type { User } from './user.js'

/** A member of a workspace and the role the workspace gives them (`editor` for admins in Notion's terms). */
export interface SpaceMember {
  user: User
  userId: string
  /** A role name (`editor`, `read_and_write`, ...), or the server's own word for a role notion-rx does not know. */
  role: string
}

/** The user permissions of a space's `permissions` list, one per user. */
export function membersOf(context: ClientContext, value: RecordValue | undefined): SpaceMember[] {
  const permissions = value?.['permissions']
  if (!Array.isArray(permissions)) return []
  const members: SpaceMember[] = []
  for (const entry of permissions as unknown[]) {
    const { type, user_id: userId, role } = (entry ?? {}) as { type?: unknown; user_id?: unknown; role?: unknown }
    if (type !== 'user_permission' || typeof userId !== 'string' || typeof role !== 'string') continue
    if (members.some((member) => member.userId === userId)) continue
    members.push({ user: resolveRecord(context, 'notion_user', userId) as User, userId, role })
  }
  return members
}
