import { findTooDeep, messageStoreRequestSchema, type MessageStoreRequest, type MessageStoreResponse } from '@notion-rx/protocol'
import { describeIssues } from '../http/httpServer.js'
import { MAX_JSON_DEPTH } from '../http/jsonDepth.js'
import type { MessageStoreSession } from './messageStoreSession.js'
import { SubscriptionLimitError, type SubscriptionHub } from './subscriptionHub.js'

const KNOWN_TYPES = new Set<string>(messageStoreRequestSchema.options.map((option) => option.shape.type.value))

/**
 * Answers one client message. Returns undefined for values that are not requests at all (numbers,
 * stray strings, arrays): those are ignored, as a Primus server ignores what it cannot route.
 * Objects that are not valid requests get a `status: "error"` response naming the problem.
 */
export function answerRequest(
  hub: SubscriptionHub,
  session: MessageStoreSession,
  value: unknown,
  now: () => number,
): MessageStoreResponse | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const started = performance.now()
  const raw = value as Record<string, unknown>
  const requestId = typeof raw['requestId'] === 'string' ? raw['requestId'] : null
  const fail = (message: string): MessageStoreResponse => ({ type: 'response', requestId, status: 'error', error: { message } })
  if (typeof raw['type'] !== 'string') return fail('Message has no type.')
  if (!KNOWN_TYPES.has(raw['type'])) return fail(`Unsupported message type: ${raw['type'].slice(0, 200)}`)
  if (findTooDeep(value, MAX_JSON_DEPTH) !== undefined) return fail(`Message nests deeper than ${MAX_JSON_DEPTH} levels.`)
  const parsed = messageStoreRequestSchema.safeParse(value)
  if (!parsed.success) return fail(`Invalid ${raw['type']} message: ${describeIssues(parsed.error)}`)
  const request = parsed.data
  let result: Record<string, unknown>
  try {
    result = resultOf(hub, session, request, now)
  } catch (error) {
    if (error instanceof SubscriptionLimitError) return fail(error.message)
    throw error
  }
  const internalProcessingTimeMs = Math.round(performance.now() - started)
  return {
    type: 'response',
    requestId: request.requestId,
    status: 'ok',
    result: request.type === '/api/v1/diagnosticPing' || request.type === '/api/v1/ackNotification'
      ? result
      : { ...result, internalProcessingTimeMs },
  }
}

function resultOf(
  hub: SubscriptionHub,
  session: MessageStoreSession,
  request: MessageStoreRequest,
  now: () => number,
): Record<string, unknown> {
  switch (request.type) {
    case '/api/v1/registerSubscription':
      return { responses: hub.register(session, [{ key: request.key, version: request.version }]) }
    case '/api/v1/registerBatchSubscriptions':
      return { responses: hub.register(session, request.subscriptions) }
    case '/api/v1/unregisterBatchSubscriptions': {
      const keys = [...(request.keys ?? []), ...(request.subscriptions ?? []).map((subscription) => subscription.key)]
      return { keys: hub.unregister(session, keys) }
    }
    case '/api/v1/ackNotification':
      // The emulator sends no ackIds, so there is nothing to settle; acks are accepted for clients that send them anyway.
      return {}
    case '/api/v1/diagnosticPing': {
      const setValueTime = now()
      // After the response, which the caller sends synchronously once we return.
      queueMicrotask(() => hub.publish(`diagnosticPing/${request.id}`, setValueTime))
      return { setValueTime }
    }
  }
}
