import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The house rule "imports run one way", checked on protocol's sources: type imports count too.
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

describe("protocol's import graph", () => {
  const graph = importGraph()

  it('reads the sources (the check has something to check)', () => {
    expect(graph.size).toBeGreaterThan(80)
    expect(graph.get('query/cellValue.ts')).toContain('properties/propertyCodecs.ts')
  })

  it('has no circle larger than a pair: codecs reach other cells through the context they are given', () => {
    // The one pair: an operation's schema and the error naming its command (a type each way).
    expect(circles(graph)).toEqual([['operations/operation.ts', 'operations/operationError.ts']])
  })

  it('keeps the property codecs below the dispatch that looks them up', () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      /^properties\/(?!propertyCodecs|propertyOperators|decodePropertyValue|convertCell|valueCell)/.test(file)
        ? targets.filter((target) => /^(properties\/propertyCodecs|query\/cellValue)\.ts$/.test(target)).map((target) => `${file} -> ${target}`)
        : [],
    )
    expect(upward).toEqual([])
  })
})
