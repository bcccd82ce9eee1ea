/** Longest file name kept, in UTF-16 code units (file systems cap names near 255 bytes). */
export const MAX_FILE_NAME_LENGTH = 200

const FALLBACK_NAME = 'file'

/**
 * Makes a user-supplied upload name safe to echo in URLs and headers: only the last path segment
 * survives (either separator), control characters and NUL go, characters Windows and shells trip
 * on become `_`, and names made only of dots are replaced. It is a display name only: on disk a
 * file is always stored under its id, so this is defence in depth, not the traversal guard.
 */
export function sanitizeFileName(name: string): string {
  const lastSegment = name.split(/[/\\]/).pop() ?? ''
  let clean = lastSegment
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .trim()
  if (/^\.*$/.test(clean)) clean = FALLBACK_NAME
  if (clean.length > MAX_FILE_NAME_LENGTH) {
    // Keep the extension, which decides how browsers and tools treat the file.
    const dot = clean.lastIndexOf('.')
    const extension = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : ''
    clean = clean.slice(0, MAX_FILE_NAME_LENGTH - extension.length) + extension
  }
  // Never cut a surrogate pair in half.
  return clean.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
}
