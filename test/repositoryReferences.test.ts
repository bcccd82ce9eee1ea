import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const SKIP = new Set(['node_modules', 'dist', 'fixtures', '.git', '.emulator-data'])

/** Every text file a clone has that code or docs could cite from: sources, tests, docs, configs. */
function files(dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return []
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return files(path)
    return /\.(ts|mts|js|mjs|json|md)$/.test(name) && name !== 'package-lock.json' ? [path] : []
  })
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const out = new Set<string>()
  let fenced = false
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced
    const heading = fenced ? null : /^#{1,6}\s+(.*)$/.exec(line)
    if (!heading) continue
    const slug = heading[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-')
    const count = seen.get(slug) ?? 0
    seen.set(slug, count + 1)
    out.add(count === 0 ? slug : `${slug}-${count}`)
  }
  return out
}

describe('references inside the repository', () => {
  const all = files().map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }))

  it('finds the files it checks', () => {
    expect(all.map((file) => file.path)).toEqual(expect.arrayContaining(['README.md', 'docs/protocol.md', 'packages/core/src/client.ts']))
  })

  it('nothing reads or cites a folder outside the clone', () => {
    const outside = /\.\.\/shared|shared\/(spec|fixtures|design|hooks)|house\s+style|\/work\//
    const hits = all.filter((file) => outside.test(file.text)).map((file) => file.path)
    expect(hits).toEqual([])
  })

  it('cites docs by section anchor, and every anchor is a heading of that doc', () => {
    const broken: string[] = []
    let checked = 0
    for (const file of all) {
      if (/protocol\.md ?§/.test(file.text)) broken.push(`${file.path}: a § citation (cite docs/protocol.md#<section>)`)
      for (const [, name, anchor] of file.text.matchAll(/([\w-]+)\.md#([\w-]+)/g)) {
        const doc = join(root, 'docs', `${name}.md`)
        if (!existsSync(doc)) continue
        checked++
        if (!anchors(readFileSync(doc, 'utf8')).has(anchor!)) broken.push(`${file.path}: ${name}.md#${anchor}`)
      }
    }
    expect(broken).toEqual([])
    expect(checked).toBeGreaterThan(50)
  })
})
