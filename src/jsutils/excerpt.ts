/** Characters of a received value that a message echoes by default. */
export const EXCERPT_CHARACTERS = 100;

/**
 * A bounded rendering of a user-provided value for messages: its JSON form (strings quoted, bigints
 * as digits, cycles as "[Circular]"), cut to its first `max` characters plus "… (N characters)" with
 * N the length of the whole form. Walks the value with an explicit stack, so deeply nested values
 * cannot overflow the call stack; work is linear in the value's size, memory bounded by `max`.
 */
export function excerpt(value: unknown, max = EXCERPT_CHARACTERS): string {
  if (typeof value === 'string') return cut(JSON.stringify(value), max); // the common case, without the walk
  let text = '';
  let total = 0;
  const emit = (piece: string): void => {
    total += piece.length;
    if (text.length <= max) text += piece.slice(0, max + 1 - text.length);
  };
  // Each entry is a piece of text to emit or a value to render; `open` holds the containers being rendered (cycles).
  const stack: Array<{ text: string } | { value: unknown; leave?: object }> = [{ value }];
  const open = new Set<object>();
  while (stack.length > 0) {
    const top = stack.pop()!;
    if ('text' in top) {
      emit(top.text);
      continue;
    }
    if (top.leave !== undefined) {
      open.delete(top.leave);
      continue;
    }
    const item = toJsonValue(top.value);
    if (item === null || typeof item !== 'object') {
      emit(scalar(item));
      continue;
    }
    if (open.has(item)) {
      emit('"[Circular]"');
      continue;
    }
    open.add(item);
    // Pushed in reverse: the closing bracket and the leave marker first, the first child last.
    stack.push({ value: undefined, leave: item });
    if (Array.isArray(item)) {
      stack.push({ text: ']' });
      for (let i = item.length - 1; i >= 0; i--) {
        stack.push({ value: item[i] === undefined || typeof item[i] === 'function' ? null : item[i] });
        if (i > 0) stack.push({ text: ',' });
      }
      emit('[');
    } else {
      const entries = Object.entries(item).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
      stack.push({ text: '}' });
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        stack.push({ value: child });
        stack.push({ text: `${i > 0 ? ',' : ''}${JSON.stringify(key)}:` });
      }
      emit('{');
    }
  }
  return text.length > max ? `${text.slice(0, max)}… (${total} characters)` : text;
}

/** `text` itself (unquoted), or its first `max` characters and its length: for a string echoed in details. */
export function clip(text: string, max = EXCERPT_CHARACTERS): string {
  return cut(text, max);
}

/** `text` itself, or its first `max` characters and its length. */
function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

/** What JSON.stringify would look at: the result of toJSON where there is one. */
function toJsonValue(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    try {
      return (value as { toJSON: () => unknown }).toJSON();
    } catch {
      return String(value);
    }
  }
  return value;
}

/** A non-container as JSON would write it (undefined, functions and symbols by name, bigints as digits). */
function scalar(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return String(value); // NaN and Infinity by name: clearer than JSON's null
    case 'bigint':
      return value.toString();
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return value.toString();
    case 'function':
      return `[function ${value.name || 'anonymous'}]`;
    default:
      return 'null';
  }
}
