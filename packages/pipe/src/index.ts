// The pipe
export { pipe } from './pipe.js'
export type { PipeHandle, PipeLogEntry, PipeOptions, PipeStats } from './pipe.js'
export { PIPE_ERROR_CODES, PipeError } from './pipeError.js'
export type { PipeErrorCode } from './pipeError.js'
// The event (CloudEvents 1.0 JSON)
export {
  PIPE_EVENT_ACTIONS,
  PIPE_EVENT_VERSION,
  PIPE_RECORD_KINDS,
  parsePipeEvent,
  pipeChangeSchema,
  pipeEventDataSchema,
  pipeEventSchema,
} from './pipeEvent.js'
export type { PipeChange, PipeEvent, PipeEventAction, PipeEventData, PipeRecordKind } from './pipeEvent.js'
// Checkpoints
export type { CheckpointEntry, CheckpointState, CheckpointStore } from './checkpointStore.js'
export { SqliteCheckpointStore } from './sqliteCheckpointStore.js'
export type { SqliteCheckpointOptions } from './sqliteCheckpointStore.js'
export { RedisCheckpointStore } from './redisCheckpointStore.js'
export type { RedisCheckpointOptions } from './redisCheckpointStore.js'
export { MemoryCheckpointStore } from './memoryCheckpointStore.js'
export { CacheCheckpointStore } from './cacheCheckpointStore.js'
export type { CacheCheckpointOptions } from './cacheCheckpointStore.js'
// Sinks
export type { PipeSink, Sink, SinkContext, SinkFunction } from './sink.js'
export { parseSinkTarget } from './sinkTarget.js'
export type { SinkTarget } from './sinkTarget.js'
export { ndjsonSink } from './sinks/ndjsonSink.js'
export type { NdjsonSinkOptions } from './sinks/ndjsonSink.js'
export { webhookSink } from './sinks/webhookSink.js'
export type { WebhookSinkOptions } from './sinks/webhookSink.js'
export type { DeadLetter } from './sinks/deadLetterFile.js'
export { WEBHOOK_SIGNATURE_HEADER, signWebhook, verifyWebhookSignature } from './webhookSignature.js'
export type { VerifyWebhookOptions } from './webhookSignature.js'
export { redisSink } from './sinks/redisSink.js'
export type { RedisSinkOptions } from './sinks/redisSink.js'
export { connectRedis, parseRedisTarget, probeRedis } from './sinks/redisConnection.js'
export type { RedisConnectionOptions, RedisTarget } from './sinks/redisConnection.js'
// Consumer groups over a Redis stream
export { checkConsumerNames, consumeStream } from './consumeStream.js'
export type { ConsumeOptions, ConsumerHandle, ConsumerStats } from './consumeStream.js'
export { backoffDelay } from './backoff.js'
export type { BackoffOptions } from './backoff.js'
