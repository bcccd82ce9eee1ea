import type { z } from 'zod'

type Issue = z.core.$ZodIssue
type PathKey = PropertyKey

/**
 * Marks a custom issue as "this union member does not apply" (like a literal mismatch on a
 * discriminator), so that formatIssues reports the member the value was meant to be.
 */
export const BRANCH_MISMATCH_PARAM = 'branchMismatch'

const identifier = /^[A-Za-z_$][\w$]*$/

/**
 * A readable path: `properties["8#gA"][0][1]`, `format.page_icon`; `(root)` for the value itself.
 * @example formatIssuePath(['properties', 'title', 0]) // 'properties.title[0]'
 */
export function formatIssuePath(path: readonly PathKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else if (typeof key === 'string' && identifier.test(key)) out += out === '' ? key : `.${key}`
    else out += `[${JSON.stringify(String(key))}]`
  }
  return out === '' ? '(root)' : out
}

interface Rank {
  /** False when the member rejected the value by its discriminator (a literal or a marked check). */
  applies: boolean
  /** How far into the value the member got before failing. */
  depth: number
}

function isMismatch(issue: Issue): boolean {
  // Literals in these schemas are discriminators: block codes, permission types, at depth <= 1.
  if (issue.code === 'invalid_value') return issue.path.length <= 1
  return issue.code === 'custom' && issue.params?.[BRANCH_MISMATCH_PARAM] === true
}

function rank(issues: readonly Issue[]): Rank {
  let applies = true
  let depth = -1
  for (const issue of issues) {
    if (isMismatch(issue)) applies = false
    let issueDepth = issue.path.length
    const branch = issue.code === 'invalid_union' ? bestBranch(issue) : undefined
    if (branch) {
      if (!branch.rank.applies) applies = false
      issueDepth += branch.rank.depth
    }
    depth = Math.max(depth, issueDepth)
  }
  return { applies, depth }
}

function better(a: Rank, b: Rank): boolean {
  if (a.applies !== b.applies) return a.applies
  return a.depth > b.depth
}

function bestBranch(issue: Issue): { issues: readonly Issue[]; rank: Rank } | undefined {
  if (issue.code !== 'invalid_union') return undefined
  let best: { issues: readonly Issue[]; rank: Rank } | undefined
  for (const issues of issue.errors) {
    if (issues.length === 0) continue
    const r = rank(issues)
    if (!best || better(r, best.rank)) best = { issues, rank: r }
  }
  return best
}

function collect(issues: readonly Issue[], prefix: readonly PathKey[], out: string[]): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path]
    // A union reports every member; name the problem in the member the value meant to be.
    const branch = bestBranch(issue)
    if (branch) collect(branch.issues, path, out)
    else out.push(`${formatIssuePath(path)}: ${issue.message}`)
  }
}

/**
 * One line per problem, each naming where it is:
 * `version: Invalid input: expected number, received string`.
 */
export function formatIssues(issues: readonly Issue[]): string[] {
  const out: string[] = []
  collect(issues, [], out)
  return out
}
