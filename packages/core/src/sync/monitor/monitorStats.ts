import type { TrafficStats } from './messageStoreConnection.js'

/** A monitor's counters since start; its parts count into one object. */
export interface MonitorStats extends TrafficStats {
  /** Connections opened (the first one and every reconnect). */
  connects: number
  /** Answers to requests (registrations, unregistrations, acks). */
  responses: number
  notifications: number
  /** Notifications at or below the version held: own writes echoed back, catch-ups already had. */
  staleNotifications: number
  /** Fetch requests made because of notifications or polling, and the records they asked for. */
  refetches: number
  recordsRefetched: number
  /** Version polls while the message store could not be reached. */
  polls: number
  errors: number
}

export function emptyMonitorStats(): MonitorStats {
  return {
    framesIn: 0, framesOut: 0, bytesIn: 0, bytesOut: 0,
    connects: 0, responses: 0, notifications: 0, staleNotifications: 0, refetches: 0, recordsRefetched: 0, polls: 0, errors: 0,
  }
}
