import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { circles, importGraph } from '../../../test/support/importGraph.js'

// The house rule "imports run one way", checked on protocol's sources: type imports count too.
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src')

describe("protocol's import graph", () => {
  const graph = importGraph(SRC)

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
