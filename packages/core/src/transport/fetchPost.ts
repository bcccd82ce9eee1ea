import type { HttpPost } from './httpPost.js'
import type { FetchFunction } from './transportOptions.js'

/** Posts through a fetch function: the one a caller passed (a proxy-aware one, a test's wrapper). */
export function fetchPost(fetchFunction: FetchFunction): HttpPost {
  return async ({ url, headers, body, signal }) => {
    const response = await fetchFunction(url, { method: 'POST', headers, body, ...(signal ? { signal } : {}) })
    return { status: response.status, headers: response.headers, text: await response.text() }
  }
}
