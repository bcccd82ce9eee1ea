import { describe, expect, it } from 'vitest'
import type { ChangeSummary } from '../src/databases/live/changeSummary.js'
import { initialLiveQueryState, liveQueryReducer, type LiveQueryEffect, type LiveQueryEvent, type LiveQueryState } from '../src/databases/live/liveQueryReducer.js'
import type { RawQueryResult } from '../src/databases/query/queryResult.js'

// The reducer is pure: a state and an event in, the next state and the effects to run out.

const raw = { ids: ['r1'] } as unknown as RawQueryResult

function summary(overrides: Partial<ChangeSummary> = {}): ChangeSummary {
  return { rows: new Set(), newer: new Set(), schema: false, view: false, local: false, related: false, ...overrides }
}
const rowWrite = summary({ rows: new Set(['r1']), newer: new Set(['r1']), local: true })
const remoteRow = summary({ rows: new Set(['r2']), newer: new Set(['r2']) })

/** Runs events in order; the final state and every effect, as types. */
function play(state: LiveQueryState, ...events: LiveQueryEvent[]): { state: LiveQueryState; effects: LiveQueryEffect[] } {
  const effects: LiveQueryEffect[] = []
  for (const event of events) {
    const next = liveQueryReducer(state, event)
    state = next.state
    effects.push(...next.effects)
  }
  return { state, effects }
}
const types = (effects: readonly LiveQueryEffect[]) => effects.map((effect) => effect.type)

/** A live query whose first run was shown, decided on the client (`local`) or by the server. */
function shown(local: boolean, watchRows = true): LiveQueryState {
  return play(initialLiveQueryState(watchRows), { type: 'pick' }, { type: 'runStarted' }, { type: 'runAnswered', raw }, { type: 'shown', local }).state
}

describe('liveQueryReducer: runs', () => {
  it('starts by wanting a run; the answer is shown with what changed meanwhile, then nothing is wanted', () => {
    const start = initialLiveQueryState(true)
    const picked = liveQueryReducer(start, { type: 'pick' })
    expect(types(picked.effects)).toEqual(['run'])
    expect(picked.state).toMatchObject({ wantRun: false, wantCheck: false })
    const during = play(picked.state, { type: 'runStarted' }, { type: 'changed', summary: rowWrite })
    expect(during.state.running).toBe(true)
    expect(during.state.wantCheck).toBe(true)
    expect(types(during.effects)).toEqual(['trigger'])
    const answered = liveQueryReducer(during.state, { type: 'runAnswered', raw })
    expect(answered.effects).toEqual([{ type: 'showRun', raw, changed: { rows: new Set(['r1']), newer: new Set(['r1']), schema: false } }])
    expect(answered.state.duringRun.rows.size).toBe(0)
    expect(answered.state.running).toBe(false)
    expect(liveQueryReducer(answered.state, { type: 'shown', local: true }).state).toMatchObject({ shown: true, local: true })
  })

  it('a schema or order change during a run asks for another run; a failed run reports its error and keeps what was shown', () => {
    const running = play(initialLiveQueryState(true), { type: 'pick' }, { type: 'runStarted' }).state
    const schema = liveQueryReducer(running, { type: 'changed', summary: summary({ schema: true }) })
    expect(schema.state).toMatchObject({ wantRun: true, duringRun: { schema: true } })
    const failed = liveQueryReducer(running, { type: 'runFailed', error: 'boom' })
    expect(failed.effects).toEqual([{ type: 'reportError', error: 'boom' }])
    expect(failed.state.running).toBe(false)
  })

  it('an answer that arrives after close is not shown; a closed query stops its worker', () => {
    const running = play(initialLiveQueryState(true), { type: 'pick' }, { type: 'runStarted' }, { type: 'closed' }).state
    expect(liveQueryReducer(running, { type: 'runAnswered', raw }).effects).toEqual([])
    expect(types(liveQueryReducer({ ...running, wantRun: true }, { type: 'pick' }).effects)).toEqual(['stop'])
  })

  it('changes before the first result are ignored (the run will read them)', () => {
    expect(liveQueryReducer(initialLiveQueryState(true), { type: 'changed', summary: rowWrite }).effects).toEqual([])
  })
})

describe('liveQueryReducer: changes between runs', () => {
  it('decided on the client: rows are placed and followed, a local write is then counted by the server', () => {
    const { state, effects } = play(shown(true), { type: 'written' }, { type: 'changed', summary: rowWrite })
    expect(types(effects)).toEqual(['applyLocal', 'holdRows', 'trigger'])
    expect(state).toMatchObject({ wantCheck: true, wantRun: false, awaitWrites: true })
    // A teammate's edit is placed but not counted until its collection notification arrives.
    expect(types(liveQueryReducer(shown(true), { type: 'changed', summary: remoteRow }).effects)).toEqual(['applyLocal', 'holdRows'])
    // Without row following there is nothing to hold.
    expect(types(liveQueryReducer(shown(true, false), { type: 'changed', summary: rowWrite }).effects)).toEqual(['applyLocal', 'trigger'])
    // Rollups moved: every row is read again.
    expect(types(liveQueryReducer(shown(true), { type: 'changed', summary: summary({ related: true }) }).effects)).toEqual(['applyLocal', 'rereadLocal', 'holdRows'])
  })

  it('decided by the server: rows are re-read in place; a local write or moved rollups ask for a run', () => {
    expect(types(liveQueryReducer(shown(false), { type: 'changed', summary: remoteRow }).effects)).toEqual(['patchRows'])
    const written = liveQueryReducer(shown(false), { type: 'changed', summary: rowWrite })
    expect(types(written.effects)).toEqual(['patchRows', 'trigger'])
    expect(written.state.wantRun).toBe(true)
    const related = liveQueryReducer(shown(false), { type: 'changed', summary: summary({ related: true }) })
    expect(types(related.effects)).toEqual(['patchRows', 'patchAll', 'trigger'])
  })

  it('a new schema shows the store values and asks the server again', () => {
    const { state, effects } = liveQueryReducer(shown(true), { type: 'changed', summary: summary({ schema: true }) })
    expect(types(effects)).toEqual(['showStoreValues', 'trigger'])
    expect(state).toMatchObject({ local: false, wantRun: true })
  })

  it('a new manual order is planned again: kept on the client if it still fits, else a run', () => {
    const view = summary({ view: true, rows: new Set(['r1']) })
    const replan = liveQueryReducer(shown(true), { type: 'changed', summary: view })
    expect(replan.effects).toEqual([{ type: 'replan', summary: view }])
    const kept = liveQueryReducer(replan.state, { type: 'replanned', summary: view, local: true })
    expect(types(kept.effects)).toEqual(['applyLocal', 'holdRows'])
    const lost = liveQueryReducer(replan.state, { type: 'replanned', summary: view, local: false })
    expect(types(lost.effects)).toEqual(['patchRows', 'trigger'])
    expect(lost.state).toMatchObject({ local: false, wantRun: true })
    // Decided by the server already: a run.
    expect(liveQueryReducer(shown(false), { type: 'changed', summary: view }).state.wantRun).toBe(true)
  })

  it("the collection notification asks for a count check while rows are followed, else a run; midnight asks for a run", () => {
    expect(liveQueryReducer(shown(true), { type: 'collectionChanged' })).toMatchObject({ state: { wantCheck: true, wantRun: false }, effects: [{ type: 'trigger' }] })
    expect(liveQueryReducer(shown(true, false), { type: 'collectionChanged' })).toMatchObject({ state: { wantCheck: false, wantRun: true }, effects: [{ type: 'trigger' }] })
    expect(liveQueryReducer(shown(true), { type: 'nextDay' })).toMatchObject({ state: { wantRun: true }, effects: [{ type: 'trigger' }] })
  })
})

describe('liveQueryReducer: the worker and count checks', () => {
  it('flushes the writes first, then runs or checks with what is wanted then', () => {
    const wanting = play(shown(true), { type: 'written' }, { type: 'changed', summary: rowWrite }).state
    const flush = liveQueryReducer(wanting, { type: 'pick' })
    expect(types(flush.effects)).toEqual(['flush'])
    expect(flush.state.awaitWrites).toBe(false)
    expect(types(liveQueryReducer(flush.state, { type: 'flushed' }).effects)).toEqual(['check'])
    // A run wanted meanwhile wins; so does a result the client no longer decides.
    expect(types(liveQueryReducer({ ...flush.state, wantRun: true }, { type: 'flushed' }).effects)).toEqual(['run'])
    expect(types(liveQueryReducer({ ...flush.state, local: false }, { type: 'flushed' }).effects)).toEqual(['run'])
    expect(types(liveQueryReducer(shown(true), { type: 'pick' }).effects)).toEqual(['stop'])
  })

  it('a check asks the server once the monitor is idle, unless the result is no longer local', () => {
    expect(types(liveQueryReducer(shown(true), { type: 'idle' }).effects)).toEqual(['verify'])
    expect(liveQueryReducer(shown(false), { type: 'idle' }).effects).toEqual([])
  })

  it('agreement shows the aggregates; one disagreement asks again, two in a row run; a stale answer asks again', () => {
    const agreed = liveQueryReducer({ ...shown(true), disagreements: 1 }, { type: 'checkAgreed', aggregates: { n: 3 } })
    expect(agreed).toEqual({ state: expect.objectContaining({ disagreements: 0 }), effects: [{ type: 'showAggregates', aggregates: { n: 3 } }] })
    const once = liveQueryReducer(shown(true), { type: 'checkDisagreed' })
    expect(types(once.effects)).toEqual(['askAgain'])
    expect(liveQueryReducer(once.state, { type: 'askedAgain' }).state.wantCheck).toBe(true)
    const twice = liveQueryReducer(once.state, { type: 'checkDisagreed' })
    expect(twice.effects).toEqual([])
    expect(twice.state).toMatchObject({ wantRun: true, disagreements: 2 })
    expect(liveQueryReducer(twice.state, { type: 'runStarted' }).state.disagreements).toBe(0)
    expect(types(liveQueryReducer(shown(true), { type: 'checkStale' }).effects)).toEqual(['askAgain'])
    expect(liveQueryReducer(shown(false), { type: 'checkAgreed', aggregates: {} }).effects).toEqual([])
  })

  it('a refused check means full runs from then on; a failed one only a run now', () => {
    const refused = liveQueryReducer(shown(true), { type: 'checkFailed', error: 'no', refused: true })
    expect(refused.effects).toEqual([{ type: 'reportError', error: 'no' }])
    expect(refused.state).toMatchObject({ checksRefused: true, wantRun: true })
    const after = play(refused.state, { type: 'pick' }, { type: 'changed', summary: rowWrite })
    expect(after.state.wantCheck).toBe(false)
    expect(liveQueryReducer(after.state, { type: 'collectionChanged' }).state.wantRun).toBe(true)
    expect(liveQueryReducer(shown(true), { type: 'checkFailed', error: 'net', refused: false }).state).toMatchObject({ checksRefused: false, wantRun: true })
  })
})
