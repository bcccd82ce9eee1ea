import { codecFor, type QuerySchema } from '@notion-rx/protocol'

/** Functions whose value changes with nothing written: `now()` moves with the clock. */
const OUTSIDE_FUNCTIONS: ReadonlySet<string> = new Set(['now'])

/**
 * What a formula property reads from outside its row (`rollup "Total"`, `now()`), following the
 * formulas it reads; `undefined` when it reads only the row's own properties, so that the row
 * alone decides its value. A property the schema lacks is not outside: it reads as nothing on the
 * client and on the server alike.
 * @example formulaOutsideRow(schema, 'fx') // 'now()' for dateBetween(now(), prop("Due"), "days")
 */
export function formulaOutsideRow(schema: QuerySchema, propertyId: string): string | undefined {
  const seen = new Set<string>()
  const visit = (node: unknown): string | undefined => {
    if (node === null || typeof node !== 'object') return undefined
    const { type, name, id, args } = node as Record<string, unknown>
    if (type === 'property' && typeof id === 'string') {
      const target = schema.get(id)
      if (!target) return undefined
      // Rollups and relations: their value comes from other rows, a change there moves the formula unseen.
      if (codecFor(target.type).outsideRow) return `${target.type} ${JSON.stringify(target.name)}`
      if (target.type !== 'formula' || seen.has(id)) return undefined
      seen.add(id)
      return visit(target.formula)
    }
    if ((type === 'function' || type === 'operator') && typeof name === 'string' && OUTSIDE_FUNCTIONS.has(name)) return `${name}()`
    if (!Array.isArray(args)) return undefined
    for (const arg of args) {
      const found = visit(arg)
      if (found !== undefined) return found
    }
    return undefined
  }
  seen.add(propertyId)
  return visit(schema.get(propertyId)?.formula)
}
