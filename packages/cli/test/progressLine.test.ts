import { describe, expect, it } from 'vitest'
import { ProgressLine } from '../src/cli/progressLine.js'

function stream(isTTY: boolean) {
  const written: string[] = []
  return { isTTY, written, write: (text: string) => written.push(text) }
}

describe('ProgressLine', () => {
  it('rewrites one line in place on a terminal, and ends it', () => {
    const tty = stream(true)
    const progress = new ProgressLine(tty)
    progress.update('loading…', true)
    progress.update('loading: 3 requests', true)
    progress.done()
    expect(tty.written).toEqual(['\rloading…\x1b[K', '\rloading: 3 requests\x1b[K', '\n'])
  })

  it('writes nothing when the stream is not a terminal (a pipe, a file)', () => {
    const pipe = stream(false)
    const progress = new ProgressLine(pipe)
    progress.update('loading…', true)
    progress.done('done')
    expect(pipe.written).toEqual([])
  })

  it('skips updates that come faster than the terminal needs, unless forced', () => {
    const tty = stream(true)
    const progress = new ProgressLine(tty)
    progress.update('a', true)
    progress.update('b')
    progress.done('c')
    expect(tty.written).toEqual(['\ra\x1b[K', '\rc\x1b[K', '\n'])
  })
})
