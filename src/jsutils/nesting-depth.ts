/**
 * How many arrays and objects deep `value` nests (a scalar is 0, `[1]` is 1, `{"a": [1]}` is 2),
 * counted with an explicit stack so no value can overflow the call stack. Stops as soon as the
 * depth passes `limit` and returns limit + 1, so a cyclic or huge value costs at most what fits in it.
 */
export function nestingDepth(value: unknown, limit = Infinity): number {
  let deepest = 0;
  const stack: Array<readonly [unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    const inside = depth + 1;
    if (inside > limit) return limit + 1;
    if (inside > deepest) deepest = inside;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (child !== null && typeof child === 'object') stack.push([child, inside]);
    }
  }
  return deepest;
}
