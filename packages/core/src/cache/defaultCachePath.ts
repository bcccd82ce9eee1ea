import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * The per-user cache file of `cache: true`, in the platform's cache folder: `$XDG_CACHE_HOME`
 * (else `~/.cache`) on Linux and others, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows.
 */
export function defaultCachePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = homedir()
  let root: string
  if (platform === 'darwin') root = join(home, 'Library', 'Caches')
  else if (platform === 'win32') root = env['LOCALAPPDATA'] || join(home, 'AppData', 'Local')
  else root = env['XDG_CACHE_HOME'] || join(home, '.cache')
  return join(root, 'notion-rx', 'records.sqlite')
}
