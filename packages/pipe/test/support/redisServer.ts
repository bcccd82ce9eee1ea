import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'

/**
 * Whether `redis-server` can run here. Without it the Redis tests fail with instructions, unless
 * NOTION_RX_SKIP_REDIS=1 says to leave them out (which each Redis test file then says loudly).
 */
export const REDIS_SERVER_AVAILABLE = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0
export const SKIP_REDIS = !REDIS_SERVER_AVAILABLE && process.env['NOTION_RX_SKIP_REDIS'] === '1'
export const SKIP_REDIS_WARNING =
  '\n*** REDIS TESTS DID NOT RUN: redis-server is not installed and NOTION_RX_SKIP_REDIS=1 is set. ***\n' +
  '*** Install it (Debian/Ubuntu: apt-get install -y redis-server) to test the Redis sink and consumers. ***\n'

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** A real redis-server on a free loopback port, in a temporary folder (AOF with fsync always, so a stop loses nothing; no RDB). */
export class RedisServer {
  readonly port: number
  readonly #dir: string
  #process: ChildProcess | undefined

  private constructor(port: number) {
    this.port = port
    this.#dir = mkdtempSync(join(tmpdir(), 'notion-rx-redis-'))
  }

  static async start(): Promise<RedisServer> {
    if (!REDIS_SERVER_AVAILABLE) {
      throw new Error('redis-server is not installed: apt-get install -y redis-server (or set NOTION_RX_SKIP_REDIS=1 to leave the Redis tests out, loudly)')
    }
    const server = new RedisServer(await freePort())
    await server.resume()
    return server
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`
  }

  /** Starts (again) on the same port; waits until it answers PING. */
  async resume(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.#dir], { stdio: 'ignore' })
    this.#process = child
    const deadline = Date.now() + 15_000
    for (;;) {
      const probe = new Redis({ port: this.port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 })
      probe.on('error', () => {})
      try {
        await probe.connect()
        await probe.ping()
        probe.disconnect()
        return
      } catch {
        probe.disconnect()
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`redis-server did not start on port ${this.port}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
  }

  /** Kills the server; the AOF brings its data back on `resume`. */
  async stop(): Promise<void> {
    const child = this.#process
    this.#process = undefined
    if (!child || child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
  }

  async close(): Promise<void> {
    await this.stop()
    rmSync(this.#dir, { recursive: true, force: true })
  }
}
