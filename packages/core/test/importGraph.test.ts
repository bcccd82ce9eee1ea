import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { circles, importGraph } from '../../../test/support/importGraph.js'

// The house rule "imports run one way", checked on core's sources: type imports count too.
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src')

describe("core's import graph", () => {
  const graph = importGraph(SRC)

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
