import { UnauthorizedError } from '@notion-rx/core'
import { PipeError } from '@notion-rx/pipe'

/** Exit codes of the long-running commands: 0 done, 1 the world failed, 2 the command line is wrong. */
export const EXIT_OK = 0
export const EXIT_RUNTIME = 1
export const EXIT_USAGE = 2

/** One line for an error, and the exit code it deserves. A reader that went away (EPIPE) is a clean end. */
export function describeFailure(error: unknown): { code: number; line: string | undefined } {
  if (PipeError.isPipeError(error)) {
    if (error.code === 'sink_closed') return { code: EXIT_OK, line: undefined }
    return { code: error.isUsage ? EXIT_USAGE : EXIT_RUNTIME, line: error.message }
  }
  if (UnauthorizedError.isUnauthorizedError(error)) return { code: EXIT_RUNTIME, line: `${error.message} (--token / NOTION_TOKEN_V2)` }
  if (error instanceof Error && error.name === 'InvalidIdError') return { code: EXIT_USAGE, line: error.message }
  return { code: EXIT_RUNTIME, line: error instanceof Error ? error.message : String(error) }
}
