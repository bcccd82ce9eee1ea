import { NotionClient } from '@notion-rx/core'
import {
  CacheCheckpointStore,
  ndjsonSink,
  parseSinkTarget,
  pipe,
  PipeError,
  probeRedis,
  RedisCheckpointStore,
  redisSink,
  SqliteCheckpointStore,
  webhookSink,
  type CheckpointStore,
  type PipeSink,
} from '@notion-rx/pipe'
import { Command, Option } from 'commander'
import { describeFailure, EXIT_OK } from './commandExit.js'
import { pipeLogger, type PipeLogger } from './pipeLog.js'
import { runUntilStopped } from './runUntilStopped.js'

export interface PipeCommandOptions {
  sources: readonly string[]
  to: string
  checkpoint?: string | undefined
  /** The client's record cache file; without `checkpoint`, the pipe keeps its checkpoints there too. */
  cache?: string | undefined
  snapshot?: boolean | undefined
  secret?: string | undefined
  batch?: boolean | undefined
  deadLetter?: string | undefined
  maxAttempts?: number | undefined
  markdown?: boolean | undefined
  name?: string | undefined
  json?: boolean | undefined
  tokenV2?: string | undefined
  apiUrl?: string | undefined
  signal?: AbortSignal | undefined
  logger?: PipeLogger | undefined
}

/** The default dead letter of a webhook sink: next to the checkpoint, or in the working directory. */
function defaultDeadLetter(checkpoint: string | undefined): string {
  // The checkpoint file, or the cache file that holds the checkpoints.
  return checkpoint ? `${checkpoint}.dead-letter.ndjson` : 'notion-rx-dead-letter.ndjson'
}

/** `notion-rx pipe <url...> --to …`: runs a pipe until interrupted; resolves with the exit code. */
export async function runPipeCommand(options: PipeCommandOptions): Promise<number> {
  const logger = options.logger ?? pipeLogger({ json: options.json ?? false })
  let client: NotionClient | undefined
  let checkpoint: CheckpointStore | undefined
  let sink: PipeSink | undefined
  try {
    if (options.sources.length === 0) throw new PipeError('invalid_source', 'name at least one page or database URL to follow')
    if (options.maxAttempts !== undefined && !(Number.isInteger(options.maxAttempts) && options.maxAttempts >= 1 && options.maxAttempts <= 100)) {
      throw new PipeError('invalid_option', '--max-attempts must be an integer from 1 to 100')
    }
    const target = parseSinkTarget(options.to)
    if (target.kind === 'stdout') sink = ndjsonSink()
    else if (target.kind === 'file') sink = ndjsonSink({ to: target.path })
    else if (target.kind === 'webhook') {
      sink = webhookSink({
        url: target.url,
        ...(options.secret ? { secret: options.secret } : {}),
        ...(options.batch ? { batch: true } : {}),
        ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
        deadLetter: options.deadLetter ?? defaultDeadLetter(options.checkpoint ?? options.cache),
      })
    } else {
      await probeRedis(target.target)
      const redis = redisSink({ target: target.target })
      sink = redis
      if (!options.checkpoint && !options.cache) checkpoint = new RedisCheckpointStore({ redis: redis.redis, prefix: target.target.stream, ...(options.name ? { pipe: options.name } : {}) })
    }
    if (options.checkpoint) checkpoint = new SqliteCheckpointStore({ path: options.checkpoint, ...(options.name ? { pipe: options.name } : {}) })
    client = new NotionClient({
      ...(options.tokenV2 ? { tokenV2: options.tokenV2 } : {}),
      ...(options.apiUrl ? { baseUrl: options.apiUrl } : {}),
      ...(options.cache ? { cache: options.cache } : {}),
      monitor: true,
    })
    // No --checkpoint file: the checkpoints live in the cache, next to the records they mirror.
    if (!checkpoint && options.cache) checkpoint = new CacheCheckpointStore({ client, ...(options.name ? { pipe: options.name } : {}) })
    if (!checkpoint) logger.log({ level: 'warn', message: 'no --checkpoint: a restart starts from the current state, changes made while stopped are not sent' })
    await client.ready
    const handle = pipe({
      client,
      sources: options.sources,
      sink,
      ...(checkpoint ? { checkpoint } : {}),
      ...(options.snapshot ? { snapshot: true } : {}),
      ...(options.markdown ? { markdown: true } : {}),
      log: (entry) => logger.log(entry),
    })
    // The pipe owns the checkpoint and sink from here.
    checkpoint = undefined
    sink = undefined
    let lastDelivered = 0
    let lastTime = Date.now()
    const tick = () => {
      const stats = handle.stats
      const now = Date.now()
      const rate = ((stats.delivered - lastDelivered) * 1000) / Math.max(1, now - lastTime)
      lastDelivered = stats.delivered
      lastTime = now
      logger.status(
        { ...stats, eventsPerSecond: Math.round(rate) },
        `${stats.state} · ${stats.followed} records · ${stats.delivered} delivered (${Math.round(rate)}/s) · ${stats.pending} pending · lag ${stats.lagMs} ms · ${stats.retrying} retries · ${stats.deadLettered} dead-lettered`,
      )
    }
    await runUntilStopped(handle, { signal: options.signal, logger, tick })
    return EXIT_OK
  } catch (error) {
    logger.end()
    const failure = describeFailure(error)
    if (failure.line) logger.log({ level: 'error', message: failure.line })
    return failure.code
  } finally {
    await checkpoint?.close().catch(() => {})
    await sink?.close?.().catch(() => {})
    await client?.close()
  }
}

/** Aborts on the first Ctrl-C or SIGTERM (the pipe finishes the delivery in flight); a second one exits at once. */
export function stopSignal(): AbortSignal {
  const controller = new AbortController()
  const stop = () => {
    if (controller.signal.aborted) process.exit(130)
    controller.abort()
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  return controller.signal
}

/** The `pipe` command, for `program.addCommand`. */
export function pipeCommand(): Command {
  return new Command('pipe')
    .description('deliver every change to pages and databases to a sink: ndjson, a webhook, a Redis stream')
    .argument('<url...>', 'page or database URLs (or ids) to follow')
    .requiredOption('--to <sink>', 'ndjson | - | <file>.ndjson | webhook:<url> | redis://host:port/<stream>')
    .addOption(new Option('--checkpoint <file>', 'SQLite file recording what was delivered, to resume after a restart (Redis sinks keep it in Redis without this)'))
    .addOption(new Option('--cache <file>', "the client's record cache (SQLite): warm starts; without --checkpoint the checkpoints are kept in it too"))
    .addOption(new Option('--snapshot', 'on a new checkpoint: send every followed record once, then stream'))
    .addOption(new Option('--secret <secret>', 'webhook: sign requests with HMAC-SHA256 (notion-rx-signature header)').env('NOTION_RX_WEBHOOK_SECRET'))
    .addOption(new Option('--batch', 'webhook: POST events in batches (a JSON array) instead of one by one'))
    .addOption(new Option('--dead-letter <file>', 'webhook: where events go after the last attempt (default: next to the checkpoint)'))
    .addOption(new Option('--max-attempts <n>', 'webhook: attempts per request before the dead letter').argParser(Number))
    .addOption(new Option('--markdown', 'add the title as markdown to events whose title changed'))
    .addOption(new Option('--name <name>', 'the pipe name in a shared checkpoint or cache file'))
    .addOption(new Option('--json', 'JSON log lines on stderr even on a terminal'))
    .addOption(new Option('--token <token_v2>', 'the token_v2 cookie of a logged-in browser').env('NOTION_TOKEN_V2'))
    .addOption(new Option('--api-url <url>', 'API root, e.g. an emulator').env('NOTION_API_URL'))
    .action(async (sources: string[], flags: Record<string, unknown>) => {
      const code = await runPipeCommand({
        sources,
        to: String(flags['to']),
        checkpoint: flags['checkpoint'] as string | undefined,
        cache: flags['cache'] as string | undefined,
        snapshot: flags['snapshot'] === true,
        secret: flags['secret'] as string | undefined,
        batch: flags['batch'] === true,
        deadLetter: flags['deadLetter'] as string | undefined,
        maxAttempts: flags['maxAttempts'] as number | undefined,
        markdown: flags['markdown'] === true,
        name: flags['name'] as string | undefined,
        json: flags['json'] === true,
        tokenV2: flags['token'] as string | undefined,
        apiUrl: flags['apiUrl'] as string | undefined,
        signal: stopSignal(),
      })
      process.exit(code)
    })
}
