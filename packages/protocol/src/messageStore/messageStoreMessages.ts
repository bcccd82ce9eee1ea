import { z } from 'zod'

/**
 * Messages of the message store (live updates, docs/protocol.md#message-store-messages), carried as JSON values inside
 * Primus/engine.io message packets. Client requests are `{type: "/api/v1/<method>", requestId, ...}`;
 * the server answers each with a `response` and pushes `notification`s for subscribed keys.
 */

/** One subscription: a key such as `versions/<id>:<table>` and the version the client holds (-1: none). */
export const messageStoreSubscriptionSchema = z.looseObject({
  key: z.string().min(1),
  version: z.number().optional(),
  authorizationToken: z.string().optional(),
})
export type MessageStoreSubscription = z.infer<typeof messageStoreSubscriptionSchema>

const requestBase = { requestId: z.string().min(1) }

/** Legacy single form, as notion-py sends it. */
export const registerSubscriptionMessageSchema = z.looseObject({
  type: z.literal('/api/v1/registerSubscription'),
  ...requestBase,
  key: z.string().min(1),
  version: z.number().optional(),
})

export const registerBatchSubscriptionsMessageSchema = z.looseObject({
  type: z.literal('/api/v1/registerBatchSubscriptions'),
  ...requestBase,
  subscriptions: z.array(messageStoreSubscriptionSchema),
})

/** The web app sends `keys`; other clients send `subscriptions: [{key}]`. Either is accepted. */
export const unregisterBatchSubscriptionsMessageSchema = z.looseObject({
  type: z.literal('/api/v1/unregisterBatchSubscriptions'),
  ...requestBase,
  keys: z.array(z.string().min(1)).optional(),
  subscriptions: z.array(z.looseObject({ key: z.string().min(1) })).optional(),
})

export const ackNotificationMessageSchema = z.looseObject({
  type: z.literal('/api/v1/ackNotification'),
  ...requestBase,
  ackId: z.string().optional(),
})

export const diagnosticPingMessageSchema = z.looseObject({
  type: z.literal('/api/v1/diagnosticPing'),
  ...requestBase,
  id: z.string().min(1),
})

/** Every client request the emulator understands. */
export const messageStoreRequestSchema = z.discriminatedUnion('type', [
  registerSubscriptionMessageSchema,
  registerBatchSubscriptionsMessageSchema,
  unregisterBatchSubscriptionsMessageSchema,
  ackNotificationMessageSchema,
  diagnosticPingMessageSchema,
])
export type MessageStoreRequest = z.infer<typeof messageStoreRequestSchema>
export type MessageStoreRequestType = MessageStoreRequest['type']

/** Result of (batch) registration: per key, whether a catch-up notification was sent at once. */
export const registerSubscriptionsResultSchema = z.looseObject({
  responses: z.array(z.looseObject({ key: z.string(), wasNotified: z.boolean() })),
  internalProcessingTimeMs: z.number(),
})
export type RegisterSubscriptionsResult = z.infer<typeof registerSubscriptionsResultSchema>

export const messageStoreResponseSchema = z.looseObject({
  type: z.literal('response'),
  requestId: z.string().nullable(),
  status: z.enum(['ok', 'error']),
  result: z.unknown().optional(),
  error: z.looseObject({ message: z.string() }).optional(),
})
export type MessageStoreResponse = z.infer<typeof messageStoreResponseSchema>

/** Leaves of a notification value (BUNDLE-MS schema): primitives and string arrays, nested objects. */
const notificationLeaf = z.union([z.number(), z.string(), z.boolean(), z.null(), z.array(z.string())])

export const messageStoreNotificationSchema = z.looseObject({
  type: z.literal('notification'),
  key: z.string(),
  value: z.union([notificationLeaf, z.record(z.string(), z.unknown())]),
  /** Absent in notion-py's era, where `value` alone carried the new version. */
  version: z.number().optional(),
  status: z.enum(['ok', 'error']).optional(),
  ackId: z.string().optional(),
  passThroughData: z.unknown().optional(),
})
export type MessageStoreNotification = z.infer<typeof messageStoreNotificationSchema>

/** Anything the server pushes (besides Primus heartbeat strings). */
export const messageStoreServerMessageSchema = z.discriminatedUnion('type', [
  messageStoreResponseSchema,
  messageStoreNotificationSchema,
])
export type MessageStoreServerMessage = z.infer<typeof messageStoreServerMessageSchema>
