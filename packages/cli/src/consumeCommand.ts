import { checkConsumerNames, consumeStream, ndjsonSink, parseRedisTarget, parseSinkTarget, PipeError, probeRedis, webhookSink, type PipeSink } from '@notion-rx/pipe'
import { Command, Option } from 'commander'
import { describeFailure, EXIT_OK } from './commandExit.js'
import { stopSignal } from './pipeCommand.js'
import { pipeLogger, type PipeLogger } from './pipeLog.js'
import { runUntilStopped } from './runUntilStopped.js'

export interface ConsumeCommandOptions {
  /** `redis://host:port` (the stream may be in the path or in `stream`). */
  redisUrl: string
  stream?: string | undefined
  group: string
  consumer?: string | undefined
  to: string
  secret?: string | undefined
  batch?: boolean | undefined
  deadLetter?: string | undefined
  maxAttempts?: number | undefined
  claimIdleMs?: number | undefined
  json?: boolean | undefined
  signal?: AbortSignal | undefined
  logger?: PipeLogger | undefined
}

/** `notion-rx consume redis://… --stream S --group G --to …`: one consumer of a group; resolves with the exit code. */
export async function runConsumeCommand(options: ConsumeCommandOptions): Promise<number> {
  const logger = options.logger ?? pipeLogger({ json: options.json ?? false })
  try {
    const target = parseRedisTarget(options.redisUrl, options.stream)
    checkConsumerNames(options.group, options.consumer)
    const to = parseSinkTarget(options.to)
    let sink: PipeSink
    if (to.kind === 'stdout') sink = ndjsonSink()
    else if (to.kind === 'file') sink = ndjsonSink({ to: to.path })
    else if (to.kind === 'webhook') {
      sink = webhookSink({
        url: to.url,
        ...(options.secret ? { secret: options.secret } : {}),
        ...(options.batch ? { batch: true } : {}),
        ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
        deadLetter: options.deadLetter ?? `notion-rx-dead-letter.${options.group}.ndjson`,
      })
    } else throw new PipeError('invalid_target', 'consume delivers to ndjson, a file or a webhook; to copy between streams, run a second pipe')
    if (options.claimIdleMs !== undefined && !(options.claimIdleMs >= 100)) throw new PipeError('invalid_option', '--claim-idle must be at least 100 ms')
    await probeRedis(target)
    const handle = consumeStream({
      target,
      group: options.group,
      ...(options.consumer ? { consumer: options.consumer } : {}),
      ...(options.claimIdleMs !== undefined ? { claimIdleMs: options.claimIdleMs } : {}),
      sink,
      log: (entry) => logger.log(entry),
    })
    const tick = () => {
      const stats = handle.stats
      logger.status({ ...stats }, `${stats.state} · ${stats.delivered} delivered · ${stats.claimed} claimed · ${stats.retrying} retries · ${stats.deadLettered} dead-lettered`)
    }
    const onReady = () => logger.log({ level: 'info', message: 'consuming', stream: target.display, group: options.group })
    await runUntilStopped(handle, { signal: options.signal, logger, tick, onReady })
    return EXIT_OK
  } catch (error) {
    logger.end()
    const failure = describeFailure(error)
    if (failure.line) logger.log({ level: 'error', message: failure.line })
    return failure.code
  }
}

/** The `consume` command, for `program.addCommand`. */
export function consumeCommand(): Command {
  return new Command('consume')
    .description("read a pipe's Redis stream in a consumer group and deliver each event to a sink")
    .argument('<redis-url>', 'redis://host:port (or redis://host:port/<stream>)')
    .addOption(new Option('--stream <name>', 'the stream the pipe writes'))
    .requiredOption('--group <name>', 'the consumer group (created when missing)')
    .addOption(new Option('--consumer <name>', 'this consumer in the group (default: host-pid)'))
    .requiredOption('--to <sink>', 'ndjson | - | <file>.ndjson | webhook:<url>')
    .addOption(new Option('--secret <secret>', 'webhook: sign requests with HMAC-SHA256').env('NOTION_RX_WEBHOOK_SECRET'))
    .addOption(new Option('--batch', 'webhook: POST events in batches'))
    .addOption(new Option('--dead-letter <file>', 'webhook: where events go after the last attempt'))
    .addOption(new Option('--max-attempts <n>', 'webhook: attempts per request before the dead letter').argParser(Number))
    .addOption(new Option('--claim-idle <ms>', "claim another consumer's entries unacknowledged this long").argParser(Number))
    .addOption(new Option('--json', 'JSON log lines on stderr even on a terminal'))
    .action(async (redisUrl: string, flags: Record<string, unknown>) => {
      const code = await runConsumeCommand({
        redisUrl,
        stream: flags['stream'] as string | undefined,
        group: String(flags['group']),
        consumer: flags['consumer'] as string | undefined,
        to: String(flags['to']),
        secret: flags['secret'] as string | undefined,
        batch: flags['batch'] === true,
        deadLetter: flags['deadLetter'] as string | undefined,
        maxAttempts: flags['maxAttempts'] as number | undefined,
        claimIdleMs: flags['claimIdle'] as number | undefined,
        json: flags['json'] === true,
        signal: stopSignal(),
      })
      process.exit(code)
    })
}
