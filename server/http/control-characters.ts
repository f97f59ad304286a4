/**
 * Request input may not carry control characters: NUL cannot be stored by PostgreSQL at all (text
 * and jsonb refuse it), and the other C0/C1 controls and unpaired surrogates have no business in a
 * name, a number or a note — they are how injected terminal sequences and broken exports start.
 * Tab, LF and CR stay allowed (multi-line notes). Checked for every part of every request (params,
 * query, JSON and multipart fields, object keys included) before its schema runs.
 */

// C0 except \t \n \r, DEL, C1.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function badText(s: string): boolean {
  return FORBIDDEN.test(s) || LONE_SURROGATE.test(s);
}

/** The first place in `value` (a string, or a key or string inside arrays/objects) holding a forbidden character. */
export function findControlCharacter(
  value: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; inKey: boolean } | null {
  if (typeof value === 'string') return badText(value) ? { path, inKey: false } : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findControlCharacter(value[i], [...path, i]);
      if (hit) return hit;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (badText(k)) return { path: [...path, k], inKey: true };
      const hit = findControlCharacter(v, [...path, k]);
      if (hit) return hit;
    }
  }
  return null;
}
