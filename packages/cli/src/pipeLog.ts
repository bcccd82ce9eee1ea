import type { PipeLogEntry } from '@notion-rx/pipe'

export interface PipeLogger {
  log(entry: PipeLogEntry): void
  /** The status line (TTY) or a periodic stats log line (JSON). */
  status(fields: Record<string, unknown>, line: string): void
  /** Ends the status line. */
  end(): void
}

/**
 * Logs of `pipe` and `consume` on stderr: a status line redrawn in place on a terminal, JSON lines
 * otherwise (or with `--json`), for log collectors.
 */
export function pipeLogger(options: { json: boolean; stream?: NodeJS.WriteStream }): PipeLogger {
  const stream = options.stream ?? process.stderr
  const tty = stream.isTTY === true && !options.json
  let statusShown = false
  const clear = () => {
    if (statusShown) stream.write('\r\x1b[2K')
    statusShown = false
  }
  let lastStatus = 0
  return {
    log(entry) {
      if (!tty) {
        stream.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`)
        return
      }
      clear()
      const { level, message, ...rest } = entry
      const details = Object.entries(rest)
        .filter(([key]) => key !== 'ids')
        .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
        .join(' ')
      stream.write(`notion-rx: ${level === 'info' ? '' : `${level}: `}${message}${details ? ` (${details})` : ''}\n`)
    },
    status(fields, line) {
      if (tty) {
        clear()
        stream.write(line)
        statusShown = true
        return
      }
      // Without a terminal, stats go out as a log line every 10 s at most.
      if (Date.now() - lastStatus < 10_000) return
      lastStatus = Date.now()
      stream.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', message: 'stats', ...fields })}\n`)
    },
    end() {
      if (tty && statusShown) stream.write('\n')
      statusShown = false
    },
  }
}
