import type { RawQueryResult } from '../query/queryResult.js'
import { union, type ChangeSummary } from './changeSummary.js'

/** Rows and schema changed while a run was in flight (its own answer included: rows to re-read). */
export interface RunChanges {
  readonly rows: ReadonlySet<string>
  /** Of those, rows changed by a write or a refetch: the answer may predate them. */
  readonly newer: ReadonlySet<string>
  readonly schema: boolean
}

/** What a live query knows and wants, without its results (those are the class's). */
export interface LiveQueryState {
  /** Every row of the result is followed through the monitor (count checks are enough). */
  readonly watchRows: boolean
  /** A run is in flight. */
  readonly running: boolean
  /** A result has been shown (the first run answered). */
  readonly shown: boolean
  /** The result is decided on the client between runs (there is a `LocalResult`). */
  readonly local: boolean
  readonly wantRun: boolean
  readonly wantCheck: boolean
  /** A write through this client touched the query: the server must have it before it answers. */
  readonly awaitWrites: boolean
  /** Count checks in a row that disagreed with the local result. */
  readonly disagreements: number
  /** The server refused a count check's form: full runs from now on. */
  readonly checksRefused: boolean
  readonly closed: boolean
  readonly duringRun: RunChanges
}

export type LiveQueryEvent =
  /** A store update (before the tick's are merged) in which this client wrote to the query. */
  | { readonly type: 'written' }
  /** The changes of one tick, merged. */
  | { readonly type: 'changed'; readonly summary: ChangeSummary }
  /** After a `replan` effect: whether the result is still decided on the client. */
  | { readonly type: 'replanned'; readonly summary: ChangeSummary; readonly local: boolean }
  /** The monitor's `collection/<id>` notification. */
  | { readonly type: 'collectionChanged' }
  /** Midnight passed in the zone relative dates are read in. */
  | { readonly type: 'nextDay' }
  /** The worker asks for its next step; `flushed` when its flush of the writes is done. */
  | { readonly type: 'pick' }
  | { readonly type: 'flushed' }
  | { readonly type: 'runStarted' }
  | { readonly type: 'runFailed'; readonly error: unknown }
  | { readonly type: 'runAnswered'; readonly raw: RawQueryResult }
  /** After a `showRun` effect: a result is shown, decided on the client or not. */
  | { readonly type: 'shown'; readonly local: boolean }
  /** The monitor has fetched what it was told of: a count check may ask the server. */
  | { readonly type: 'idle' }
  | { readonly type: 'checkFailed'; readonly error: unknown; readonly refused: boolean }
  /** The result changed while the server counted: the answer describes another state. */
  | { readonly type: 'checkStale' }
  | { readonly type: 'checkAgreed'; readonly aggregates: Readonly<Record<string, unknown>> }
  | { readonly type: 'checkDisagreed' }
  /** The pause before asking again is over. */
  | { readonly type: 'askedAgain' }
  | { readonly type: 'closed' }

/** Work the class does for a transition, in order (the worker's steps last). */
export type LiveQueryEffect =
  /** Wake the worker (debounced). */
  | { readonly type: 'trigger' }
  | { readonly type: 'reportError'; readonly error: unknown }
  /** The schema changed: stop deciding locally and show the store's values now. */
  | { readonly type: 'showStoreValues' }
  /** The manual order changed: plan the local result again, then report `replanned`. */
  | { readonly type: 'replan'; readonly summary: ChangeSummary }
  /** Place these rows in the local result; re-read every row (rollups moved); follow these rows. */
  | { readonly type: 'applyLocal'; readonly rows: ReadonlySet<string> }
  | { readonly type: 'rereadLocal' }
  | { readonly type: 'holdRows'; readonly rows: ReadonlySet<string> }
  /** Re-read these rows (or all) of a result the server decides, in place. */
  | { readonly type: 'patchRows'; readonly rows: ReadonlySet<string> }
  | { readonly type: 'patchAll' }
  /** Show a run's answer (re-reading what changed meanwhile), then report `shown`. */
  | { readonly type: 'showRun'; readonly raw: RawQueryResult; readonly changed: RunChanges }
  | { readonly type: 'showAggregates'; readonly aggregates: Readonly<Record<string, unknown>> }
  | WorkerStep

/** What the worker does next: wait for the writes, run, check, count, pause, or nothing. */
export type WorkerStep =
  | { readonly type: 'flush' }
  | { readonly type: 'run' }
  | { readonly type: 'check' }
  | { readonly type: 'verify' }
  | { readonly type: 'askAgain' }
  | { readonly type: 'stop' }

export interface LiveQueryTransition {
  readonly state: LiveQueryState
  readonly effects: readonly LiveQueryEffect[]
}

const NO_RUN_CHANGES: RunChanges = Object.freeze({ rows: new Set<string>(), newer: new Set<string>(), schema: false })

/** A live query before its first run (which it wants at once). */
export function initialLiveQueryState(watchRows: boolean): LiveQueryState {
  return {
    watchRows,
    running: false,
    shown: false,
    local: false,
    wantRun: true,
    wantCheck: false,
    awaitWrites: false,
    disagreements: 0,
    checksRefused: false,
    closed: false,
    duringRun: NO_RUN_CHANGES,
  }
}

const none = (state: LiveQueryState): LiveQueryTransition => ({ state, effects: [] })

/** The effects, and a trigger when there is work wanted. */
function wake(state: LiveQueryState, effects: readonly LiveQueryEffect[] = []): LiveQueryTransition {
  return { state, effects: state.wantRun || state.wantCheck ? [...effects, { type: 'trigger' }] : effects }
}

/** A change seen while a run is in flight: remembered for its answer; a schema or order change runs again. */
function changedDuringRun(state: LiveQueryState, summary: ChangeSummary): LiveQueryTransition {
  const { duringRun } = state
  let next: LiveQueryState = {
    ...state,
    duringRun: { rows: union(duringRun.rows, summary.rows), newer: union(duringRun.newer, summary.newer), schema: duringRun.schema || summary.schema },
  }
  if (summary.schema || summary.view) next = { ...next, wantRun: true }
  else if (summary.local && !state.checksRefused) next = { ...next, wantCheck: true }
  return wake(next)
}

/** A tick's changes while no run is in flight. */
function changed(state: LiveQueryState, summary: ChangeSummary): LiveQueryTransition {
  if (state.running) return changedDuringRun(state, summary)
  if (!state.shown) return none(state)
  // A new schema changes how every row reads (and may sort): show the store's values now, then
  // let the server decide again.
  if (summary.schema) return wake({ ...state, local: false, wantRun: true }, [{ type: 'showStoreValues' }])
  // The manual order changed (a row appended by addRow, or a drag): keep deciding locally if the
  // rows shown are still in the new order (the replan tells), else ask the server.
  if (summary.view && state.local) return { state, effects: [{ type: 'replan', summary }] }
  return rowsChanged(state, summary)
}

/** Rows changed: placed on the client when it decides, else re-read in place. */
function rowsChanged(state: LiveQueryState, summary: ChangeSummary): LiveQueryTransition {
  let next = summary.view && !state.local ? { ...state, wantRun: true } : state
  if (state.local) {
    const effects: LiveQueryEffect[] = [{ type: 'applyLocal', rows: summary.rows }]
    if (summary.related) effects.push({ type: 'rereadLocal' })
    if (state.watchRows) effects.push({ type: 'holdRows', rows: summary.rows })
    // A write through this client is checked with the server once it is committed; a teammate's
    // edit is checked when its `collection/<id>` notification arrives.
    if (summary.local && !state.checksRefused) next = { ...next, wantCheck: true }
    return wake(next, effects)
  }
  // Shown now without a request; a write through this client re-runs the query, and so does a
  // change to what the rollups read (the server places rows by their new values).
  const effects: LiveQueryEffect[] = [{ type: 'patchRows', rows: summary.rows }]
  if (summary.local) next = { ...next, wantRun: true }
  if (summary.related) {
    effects.push({ type: 'patchAll' })
    next = { ...next, wantRun: true }
  }
  return wake(next, effects)
}

/** The worker's next step: nothing, the writes first, then a run or a count check. */
function pick(state: LiveQueryState): LiveQueryTransition {
  if (state.closed || !(state.wantRun || state.wantCheck)) return { state, effects: [{ type: 'stop' }] }
  if (state.awaitWrites) return { state: { ...state, awaitWrites: false }, effects: [{ type: 'flush' }] }
  return runOrCheck(state)
}

function runOrCheck(state: LiveQueryState): LiveQueryTransition {
  if (state.wantRun || !state.local) return { state: { ...state, wantRun: false, wantCheck: false }, effects: [{ type: 'run' }] }
  return { state: { ...state, wantCheck: false }, effects: [{ type: 'check' }] }
}

/** A count check's answer, while the result is still decided on the client. */
function checked(state: LiveQueryState, event: Extract<LiveQueryEvent, { type: 'checkStale' | 'checkAgreed' | 'checkDisagreed' }>): LiveQueryTransition {
  if (state.closed || !state.local) return none(state)
  if (event.type === 'checkStale') return { state, effects: [{ type: 'askAgain' }] }
  if (event.type === 'checkAgreed') return { state: { ...state, disagreements: 0 }, effects: [{ type: 'showAggregates', aggregates: event.aggregates }] }
  // The server may be ahead of us: a commit whose row notifications are still on their way. Ask
  // once more after they have landed; two disagreements in a row mean an unseen row.
  const disagreements = state.disagreements + 1
  if (disagreements < 2) return { state: { ...state, disagreements }, effects: [{ type: 'askAgain' }] }
  return none({ ...state, disagreements, wantRun: true })
}

/** The worker's own events: its steps, runs and checks. */
function worked(state: LiveQueryState, event: LiveQueryEvent): LiveQueryTransition {
  switch (event.type) {
    case 'pick':
      return pick(state)
    case 'flushed':
      return runOrCheck(state)
    case 'runStarted':
      return none({ ...state, running: true, disagreements: 0 })
    case 'runFailed':
      return { state: { ...state, running: false }, effects: [{ type: 'reportError', error: event.error }] }
    case 'runAnswered':
      if (state.closed) return none({ ...state, running: false })
      return { state: { ...state, running: false, duringRun: NO_RUN_CHANGES }, effects: [{ type: 'showRun', raw: event.raw, changed: state.duringRun }] }
    case 'shown':
      return none({ ...state, shown: true, local: event.local })
    case 'idle':
      return { state, effects: state.closed || !state.local ? [] : [{ type: 'verify' }] }
    case 'checkFailed':
      // A server that refuses the check's form (no view, no results) gets full runs from now on.
      return { state: { ...state, checksRefused: state.checksRefused || event.refused, wantRun: true }, effects: [{ type: 'reportError', error: event.error }] }
    case 'checkStale':
    case 'checkAgreed':
    case 'checkDisagreed':
      return checked(state, event)
    case 'askedAgain':
      return none({ ...state, wantCheck: true })
    default:
      return none(state)
  }
}

/**
 * A live query's decisions: state × event → state and the effects to run. Pure: the class holds
 * the results and does the effects; this says what to do and what to want next.
 */
export function liveQueryReducer(state: LiveQueryState, event: LiveQueryEvent): LiveQueryTransition {
  switch (event.type) {
    case 'written':
      return none({ ...state, awaitWrites: true })
    case 'changed':
      return changed(state, event.summary)
    case 'replanned':
      return rowsChanged({ ...state, local: event.local }, event.summary)
    case 'collectionChanged':
      // The count check is enough only while every shown row is followed: an edit of a row nobody
      // follows changes no count.
      return wake(state.watchRows && !state.checksRefused ? { ...state, wantCheck: true } : { ...state, wantRun: true })
    case 'nextDay':
      return wake({ ...state, wantRun: true })
    case 'closed':
      return none({ ...state, closed: true })
    default:
      return worked(state, event)
  }
}
