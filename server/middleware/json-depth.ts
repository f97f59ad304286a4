/**
 * JSON bodies nested deeper than any request of ours needs are refused before they are parsed:
 * JSON.parse accepts 100,000 levels, but everything after it that walks the value recursively (the
 * schema, the log, JSON.stringify) overflows the stack. Used as express.json's `verify` hook, which
 * sees the raw bytes first.
 */
export const JSON_TOO_DEEP = 'JSON_TOO_DEEP';

/** Deepest nesting of objects/arrays any route accepts. */
export const MAX_JSON_DEPTH = 32;

/** The nesting depth of a JSON text (brackets inside strings do not count). */
export function jsonDepth(buf: Buffer, stopAt = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      // A backslash escapes the next byte (\" does not end the string).
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) max = depth;
      if (max > stopAt) return max;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** express.json({ verify }) hook: throws a 400 (mapped by the error handler) for a too-deep body. */
export function refuseDeepJson(_req: unknown, _res: unknown, buf: Buffer): void {
  if (jsonDepth(buf, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw Object.assign(new Error('JSON body nested too deeply'), { code: JSON_TOO_DEEP, status: 400 });
  }
}
