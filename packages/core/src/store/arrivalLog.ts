/** How many recent arrivals the log remembers, and how many records each may list. */
const KEPT_ARRIVALS = 8
const LISTED_RECORDS = 1_000

interface Arrival {
  readonly at: number
  /** `table` → ids; undefined when it brought more than LISTED_RECORDS. */
  ids: Map<string, string[]> | undefined
  listed: number
}

/**
 * Counts the store's arrivals (server answers and cache reads) and remembers what the last few
 * small ones brought. A caller holding an answer across a wait (the page loader) can then tell
 * which of its records came in meanwhile, rather than looking each of its tens of thousands up.
 */
export class ArrivalLog {
  #count = 0
  readonly #recent: Arrival[] = []

  /** Arrivals so far: a mark to ask `since` about. */
  get count(): number {
    return this.#count
  }

  /** Starts a new arrival; note its records with the function returned. */
  begin(): (table: string, id: string) => void {
    const arrival: Arrival = { at: ++this.#count, ids: new Map(), listed: 0 }
    this.#recent.push(arrival)
    if (this.#recent.length > KEPT_ARRIVALS) this.#recent.shift()
    return (table, id) => {
      if (arrival.ids === undefined) return
      if (++arrival.listed > LISTED_RECORDS) {
        arrival.ids = undefined
        return
      }
      let ids = arrival.ids.get(table)
      if (!ids) arrival.ids.set(table, (ids = []))
      ids.push(id)
    }
  }

  /**
   * The ids of `table` that arrived after `mark` (an earlier `count`): empty when nothing did,
   * undefined when the log cannot tell (an arrival too large to list, or forgotten).
   */
  since(mark: number, table: string): ReadonlySet<string> | undefined {
    const newer = new Set<string>()
    if (mark === this.#count) return newer
    if ((this.#recent[0]?.at ?? Infinity) > mark + 1) return undefined
    for (const arrival of this.#recent) {
      if (arrival.at <= mark) continue
      if (arrival.ids === undefined) return undefined
      for (const id of arrival.ids.get(table) ?? []) newer.add(id)
    }
    return newer
  }
}
