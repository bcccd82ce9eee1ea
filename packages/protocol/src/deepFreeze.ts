/**
 * Freezes `value` and everything below it, stopping at what is frozen already (so a record that
 * shares frozen branches with its previous version costs only its new parts). Arrays are walked by
 * index: a page's list of thousands of ids is not copied to be frozen. Iterative, as imported
 * records can nest deeper than the stack is tall.
 */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value]
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item !== 'object' || item === null || Object.isFrozen(item)) continue
    Object.freeze(item)
    if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) {
        const child: unknown = item[i]
        if (typeof child === 'object' && child !== null) stack.push(child)
      }
    } else {
      for (const child of Object.values(item)) if (typeof child === 'object' && child !== null) stack.push(child)
    }
  }
  return value
}
