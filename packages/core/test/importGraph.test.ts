import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The house rule "imports run one way", checked on core's sources: type imports count too.
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : []
  })
}

/** Each file (relative to src/) and the src files it imports or re-exports from. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8')
    const targets = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s+'(\.{1,2}\/[^']+)'/gm)].map((match) =>
      relative(SRC, resolve(dirname(file), (match[1] as string).replace(/\.js$/, '.ts'))),
    )
    graph.set(relative(SRC, file), targets)
  }
  return graph
}

/** The strongly connected components with more than one file (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (file: string): void => {
    index.set(file, next)
    low.set(file, next++)
    stack.push(file)
    onStack.add(file)
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue
      if (!index.has(target)) {
        visit(target)
        low.set(file, Math.min(low.get(file) as number, low.get(target) as number))
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file) as number, index.get(target) as number))
    }
    if (low.get(file) !== index.get(file)) return
    const component: string[] = []
    let member: string | undefined
    do {
      member = stack.pop() as string
      onStack.delete(member)
      component.push(member)
    } while (member !== file)
    if (component.length > 1) found.push(component.sort())
  }
  for (const file of graph.keys()) if (!index.has(file)) visit(file)
  return found
}

describe("core's import graph", () => {
  const graph = importGraph()

  it('reads the sources (the check has something to check)', () => {
    expect(graph.size).toBeGreaterThan(100)
    expect(graph.get('databases/collection.ts')).toContain('records/notionRecord.ts')
  })

  it('has no circle larger than a pair of files that genuinely recurse', () => {
    const found = circles(graph)
    expect(found.filter((component) => component.length > 2)).toEqual([])
    // The pairs there are: a block and its children list; a database and its views.
    expect(found.sort()).toEqual([
      ['databases/collection.ts', 'databases/collectionView.ts'],
      ['records/block.ts', 'records/children.ts'],
    ])
  })

  it('keeps records/ and store/ below the databases wing and the registry', () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      /^(records|store)\//.test(file) ? targets.filter((target) => /^(databases|model)\//.test(target)).map((target) => `${file} -> ${target}`) : [],
    )
    expect(upward).toEqual([])
  })

  it('keeps sync/ (the monitor included) below the databases wing: the wing follows rows through a declared interface', () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      file.startsWith('sync/') ? targets.filter((target) => /^(databases|model|records)\//.test(target)).map((target) => `${file} -> ${target}`) : [],
    )
    expect(upward).toEqual([])
    expect(graph.get('databases/live/followRowCollections.ts')).toContain('sync/monitor/keyFollowing.ts')
  })
})
