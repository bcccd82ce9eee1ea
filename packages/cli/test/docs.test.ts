import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'
import { docSnippets, exportedNames, topLevelNames, type DocSnippet } from './support/docSnippets.js'

// Docs that run: every ```ts block of README.md and docs/*.md type-checks against the workspace,
// and blocks marked `run` run against the emulator. The convention is in docs/writing-docs.md.

const root = fileURLToPath(new URL('../../../', import.meta.url))
const tsx = createRequire(import.meta.url).resolve('tsx')
const preludes = join(root, 'docs/preludes')

const markdownIn = (folder: string) =>
  readdirSync(join(root, folder)).filter((name) => name.endsWith('.md')).sort().map((name) => `${folder}/${name}`)
const packageReadmes = readdirSync(join(root, 'packages'))
  .map((name) => `packages/${name}/README.md`)
  .filter((path) => existsSync(join(root, path)))
const docs = ['README.md', ...markdownIn('docs'), ...packageReadmes, ...markdownIn('examples')]
const snippets = docs.flatMap((doc) => docSnippets(doc, readFileSync(join(root, doc), 'utf8')))
const where = (snippet: DocSnippet, offset = 0) => `${snippet.doc}:${snippet.line + offset}`

// Inside the repository, so `@notion-rx/*` resolve to the workspace packages.
const folder = mkdtempSync(join(root, 'packages/cli/test/.docs-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

interface Generated {
  snippet: DocSnippet
  file: string
  /** The prelude names the block uses (imported on the file's first line). */
  imported: string[]
}

/** The block as a module: line 1 imports its prelude, the block follows, so line n+1 is the block's line n. */
function generate(snippet: DocSnippet): Generated {
  const file = join(folder, `${snippet.doc.replace(/\W/g, '_')}_${snippet.line}.ts`)
  let header = 'export {}'
  let imported: string[] = []
  if (snippet.prelude !== undefined) {
    const preludeFile = join(preludes, `${snippet.prelude}.ts`)
    if (!existsSync(preludeFile)) throw new Error(`${where(snippet)}: no prelude "${snippet.prelude}" (expected ${relative(root, preludeFile)})`)
    const own = topLevelNames(snippet.code)
    imported = exportedNames(preludeFile).filter((name) => !own.has(name))
    const specifier = relative(folder, preludeFile).replace(/\\/g, '/').replace(/\.ts$/, '.js')
    header = `import { ${imported.join(', ')} } from '${specifier.startsWith('.') ? specifier : `./${specifier}`}'; export {}`
  }
  writeFileSync(file, `${header}\n${snippet.code}\n`)
  return { snippet, file, imported }
}

/** Type-checks the blocks as modules of the workspace; one line per problem, at its doc and line. */
function typeCheck(list: readonly DocSnippet[]): string[] {
  const byFile = new Map(list.map(generate).map((entry) => [entry.file, entry]))
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), (path) => ts.sys.readFile(path))
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root)
  // Snippets show a call and its result; unused names there are fine.
  const options = { ...parsed.options, noEmit: true, noUnusedLocals: false, noUnusedParameters: false }
  const program = ts.createProgram([...byFile.keys()], options)
  const problems: string[] = []
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
    const file = diagnostic.file
    if (!file || diagnostic.start === undefined) {
      problems.push(`TS${diagnostic.code}: ${message}`)
      continue
    }
    const { line } = file.getLineAndCharacterOfPosition(diagnostic.start)
    const entry = byFile.get(file.fileName)
    if (entry) {
      const at = line === 0 ? `${where(entry.snippet)} (prelude ${entry.snippet.prelude ?? 'none'})` : where(entry.snippet, line - 1)
      problems.push(`${at}: TS${diagnostic.code}: ${message}`)
    } else {
      problems.push(`${relative(root, file.fileName)}:${line + 1}: TS${diagnostic.code}: ${message}`)
    }
  }
  return problems
}

describe('docs that run', () => {
  it('finds the blocks of README.md and docs/*.md, each declared with known directives', () => {
    expect(snippets.length).toBeGreaterThan(20)
    expect(snippets.some((snippet) => snippet.doc === 'README.md' && snippet.run)).toBe(true)
    expect(snippets.flatMap((snippet) => snippet.problems.map((problem) => `${where(snippet)}: ${problem}`))).toEqual([])
  })

  it('every ```ts block type-checks against the workspace, with the prelude its doc names', () => {
    const problems = typeCheck(snippets)
    // One line per problem, naming the doc and line: `docs/x.md:12: TS2304: Cannot find name 'page'.`
    expect(problems, `code blocks of the docs do not type-check:\n${problems.join('\n')}\n`).toEqual([])
  }, 180_000)

  it('names the doc and line of a block that does not type-check, and of an unknown directive', () => {
    const markdown = ['# Broken', '', '<!-- doc-test: prelude=markdown rnu -->', '```ts', 'const text: string = toMarkdown(richText)', 'const count: number = text', '```', ''].join('\n')
    const [broken] = docSnippets('docs/broken.md', markdown)
    expect(broken).toMatchObject({ line: 5, prelude: 'markdown', run: false })
    expect(broken!.problems).toEqual(['unknown doc-test directive "rnu" (known: prelude=<name>, run)'])
    // Without the prelude, `toMarkdown` and `richText` are not defined.
    const [standalone] = docSnippets('docs/standalone.md', markdown.replace('<!-- doc-test: prelude=markdown rnu -->', ''))
    expect(typeCheck([broken!, standalone!])).toEqual([
      "docs/broken.md:6: TS2322: Type 'string' is not assignable to type 'number'.",
      "docs/standalone.md:5: TS2304: Cannot find name 'toMarkdown'.",
      "docs/standalone.md:5: TS2304: Cannot find name 'richText'.",
      "docs/standalone.md:6: TS2322: Type 'string' is not assignable to type 'number'.",
    ])
  }, 180_000)

  const runnable = snippets.filter((snippet) => snippet.run)
  it.each(runnable.map((snippet) => [where(snippet), snippet] as const))('%s runs against the emulator and ends by itself', async (_, snippet) => {
    const { file, imported } = generate(snippet)
    const runFile = file.replace(/\.ts$/, '.run.ts')
    // The prelude's cleanup (closing its emulator and client) runs after the block.
    writeFileSync(runFile, `${readFileSync(file, 'utf8')}${imported.includes('cleanup') ? 'await cleanup()\n' : ''}`)
    const run = promisify(execFile)(process.execPath, ['--conditions=source', '--import', tsx, runFile], { cwd: root, timeout: 60_000 })
    const { stdout } = await run.catch((error: { stderr?: string; message: string }) => {
      throw new Error(`${where(snippet)}: the block failed or did not end within 60 s:\n${error.stderr ?? error.message}`)
    })
    if (snippet.doc === 'README.md' && snippet.code.includes('NotionClient')) {
      expect(stdout).toMatch(/^\d+ blocks$/m)
      // The live query's first result, then the same minus the row set to Done.
      const counts = [...stdout.matchAll(/^(\d+) in progress$/gm)].map((match) => Number(match[1]))
      expect(counts.length).toBeGreaterThanOrEqual(2)
      expect(counts.at(-1)).toBe(counts[0]! - 1)
    }
  }, 90_000)
})
