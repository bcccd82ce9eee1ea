import type { Role } from '@notion-rx/protocol'

const RANK: Record<string, number> = { none: 0, reader: 1, comment_only: 2, read_and_write: 3, editor: 4 }

export function roleRank(role: Role | undefined): number {
  return role === undefined ? 0 : (RANK[role] ?? 0)
}

/** Roles that may change content. */
export function canEdit(role: Role | undefined): boolean {
  return roleRank(role) >= RANK['read_and_write']!
}

export function canRead(role: Role | undefined): boolean {
  return roleRank(role) >= RANK['reader']!
}
