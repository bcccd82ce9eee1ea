import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import { join, relative } from 'node:path'
import { execFileSync } from 'node:child_process'
import { docSnippets, exportedNames, topLevelNames } from './support/docSnippets.js'
const root = process.cwd()
const doc = process.argv[2]!
const folder = mkdtempSync(join(root, 'packages/cli/test/.docs-show'))
for (const s of docSnippets(doc, readFileSync(doc, 'utf8')).filter((s) => s.run)) {
  let header = 'export {}'; let imported: string[] = []
  if (s.prelude) { const p = join(root, 'docs/preludes', s.prelude + '.ts'); const own = topLevelNames(s.code); imported = exportedNames(p).filter((n) => !own.has(n)); header = `import { ${imported.join(', ')} } from '${relative(folder, p).replace(/\.ts$/, '.js')}'` }
  const f = join(folder, `b${s.line}.ts`)
  writeFileSync(f, `${header}\n${s.code}\n${imported.includes('cleanup') ? 'await cleanup()\n' : ''}`)
  console.log(`--- ${doc}:${s.line}`)
  try { console.log(execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', f], { encoding: 'utf8' })) } catch (e) { console.log('FAILED', (e as any).stderr) }
}
