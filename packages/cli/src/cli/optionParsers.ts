import { statSync } from 'node:fs'
import { InvalidArgumentError } from 'commander'
import { parseId } from '@notion-rx/protocol'

/** setTimeout's longest delay, in seconds (2^31 - 1 ms). */
const MAX_SECONDS = Math.floor((2 ** 31 - 1) / 1000)

/** A number of seconds above 0, e.g. `30` or `1.5`. */
export function parseSeconds(value: string): number {
  const seconds = Number(value)
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(seconds > 0) || seconds > MAX_SECONDS) {
    throw new InvalidArgumentError(`Expected a number of seconds above 0 and at most ${MAX_SECONDS}, e.g. 30.`)
  }
  return seconds
}

/** A TCP port from 0 (any free one) to 65535. */
export function parsePort(value: string): number {
  const port = Number(value)
  if (!/^\d+$/.test(value.trim()) || port > 65_535) throw new InvalidArgumentError('Expected an integer from 0 to 65535.')
  return port
}

/** An http(s) URL, e.g. an emulator's `http://127.0.0.1:3310/api/v3`; kept without a trailing slash. */
export function parseApiUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InvalidArgumentError('Expected an http(s) URL, e.g. http://127.0.0.1:3310/api/v3.')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError(`Expected http or https, not ${url.protocol}`)
  return value.replace(/\/+$/, '')
}

/** A token_v2 cookie value: not empty, one line. */
export function parseToken(value: string): string {
  const token = value.trim()
  if (token === '' || /\s/.test(token)) throw new InvalidArgumentError('Expected the token_v2 cookie value: one word, not empty.')
  return token
}

/** A Notion page URL or id (any form `parseId` accepts), as given. */
export function parsePageRef(value: string): string {
  try {
    parseId(value)
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error))
  }
  return value
}

/** A readable file, or `-` for stdin. */
export function parseInputFile(value: string): string {
  if (value === '-') return value
  let isFile = false
  try {
    isFile = statSync(value).isFile()
  } catch (error) {
    throw new InvalidArgumentError(`Cannot read ${value}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`)
  }
  if (!isFile) throw new InvalidArgumentError(`${value} is not a file.`)
  return value
}

/** A file path to write: not empty. */
export function parseOutputFile(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('Expected a file name.')
  return value
}

/** A person to share with: an email address or a Notion user id. */
export function parsePerson(value: string): string {
  const person = value.trim()
  const isEmail = person.length <= 320 && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(person)
  const isUserId = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(person)
  if (!isEmail && !isUserId) throw new InvalidArgumentError('Expected an email address (e.g. grace@example.com) or a user id.')
  return person
}
