import { readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { sourceFiles } from '../../../test/support/importGraph.js'

// "The largest function in core is under 80 lines": every function, method, accessor,
// constructor and arrow function of core's sources, counted from its first line to its last
// (a function's nested functions count towards it too).
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src')
const MAX_LINES = 80


function functionName(node: ts.FunctionLikeDeclaration, source: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return 'constructor'
  if (node.name) return node.name.getText(source)
  // An anonymous function takes the name it is assigned to, if any.
  const parent = node.parent
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return parent.name.getText(source)
  return '(anonymous)'
}

interface LongFunction {
  where: string
  lines: number
}

/** The functions of one file longer than `max` lines, as `file:line name`. */
function longFunctions(path: string, text: string, max: number): LongFunction[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true)
  const found: LongFunction[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line
      const lines = last - first + 1
      if (lines > max) found.push({ where: `${path}:${first + 1} ${functionName(node as ts.FunctionLikeDeclaration, source)}`, lines })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

describe("core's functions", () => {
  const files = sourceFiles(SRC)
    .map((file) => relative(SRC, file).split('\\').join('/'))

  it('reads the sources and measures what it should (the check can fail)', () => {
    expect(files.length).toBeGreaterThan(80)
    expect(files).toContain('client.ts')
    const long = `function long() {\n${'  work()\n'.repeat(MAX_LINES)}}\nconst short = () => 1\nclass A {\n  method() {\n${'    work()\n'.repeat(MAX_LINES - 1)}  }\n}\n`
    expect(longFunctions('sample.ts', long, MAX_LINES)).toEqual([
      { where: 'sample.ts:1 long', lines: MAX_LINES + 2 },
      { where: `sample.ts:${MAX_LINES + 5} method`, lines: MAX_LINES + 1 },
    ])
  })

  it(`has no function longer than ${MAX_LINES} lines`, () => {
    const long = files.flatMap((file) => longFunctions(file, readFileSync(join(SRC, file), 'utf8'), MAX_LINES))
    expect(long.map(({ where, lines }) => `${where} (${lines} lines)`)).toEqual([])
  })
})
