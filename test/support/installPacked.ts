import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs'
import { dirname, join } from 'node:path'

interface LockEntry {
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  link?: boolean
}

/** The lock path of the package `name` as Node would find it from the lock path `from`. */
function locate(packages: Record<string, LockEntry>, name: string, from: string): string | undefined {
  let dir = from
  for (;;) {
    const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`
    if (packages[candidate] !== undefined) return candidate
    if (dir === '') return undefined
    const up = dir.lastIndexOf('/node_modules/')
    dir = up === -1 ? '' : dir.slice(0, up)
  }
}

/**
 * Installs packed workspace tarballs into `project/node_modules` without the network: each tarball
 * is unpacked as npm would, and the third-party packages they declare (with everything those
 * need, as package-lock.json resolves them) are linked from the repository's node_modules, already
 * installed and built by `npm ci`. Only what the tarballs declare is there, so a public type or
 * import that needs an undeclared package fails in the scratch project as it would for a user.
 *
 * `extra`: packages the scratch project itself depends on (say `@types/node`).
 */
export function installPacked(root: string, tarballs: readonly string[], project: string, extra: readonly string[] = []): void {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> }
  const workspaceNames = new Set<string>()
  const workspaceDirs = new Map<string, string>() // lock path of a workspace (packages/core) → its name
  const wanted: { name: string; from: string }[] = extra.map((name) => ({ name, from: '' }))
  for (const tarball of tarballs) {
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as { name: string; dependencies?: Record<string, string> }
    const target = join(project, 'node_modules', manifest.name)
    mkdirSync(target, { recursive: true })
    execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'])
    workspaceNames.add(manifest.name)
    const from = (lock.packages[`node_modules/${manifest.name}`] as { resolved?: string } | undefined)?.resolved ?? ''
    workspaceDirs.set(from, manifest.name)
    for (const name of Object.keys(manifest.dependencies ?? {})) wanted.push({ name, from })
  }
  const linked = new Set<string>()
  while (wanted.length > 0) {
    const { name, from } = wanted.pop()!
    if (workspaceNames.has(name)) continue
    const path = locate(lock.packages, name, from)
    if (path === undefined) throw new Error(`${name} (needed from ${from || 'the project'}) is not in package-lock.json`)
    if (linked.has(path)) continue
    linked.add(path)
    const entry = lock.packages[path]!
    for (const dependency of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) wanted.push({ name: dependency, from: path })
  }
  // Top-level packages are linked, and those nested in a workspace's own node_modules; the rest
  // come along inside their parent's folder.
  for (const path of linked) {
    const nested = path.indexOf('/node_modules/')
    const workspace = nested === -1 ? undefined : workspaceDirs.get(path.slice(0, nested))
    if (nested !== -1 && (workspace === undefined || path.indexOf('/node_modules/', nested + 1) !== -1)) continue
    const link = workspace === undefined ? join(project, path) : join(project, 'node_modules', workspace, path.slice(nested + 1))
    mkdirSync(dirname(link), { recursive: true })
    symlinkSync(join(root, path), link, 'dir')
  }
}
