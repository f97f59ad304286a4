/**
 * Built-ins that pdf-parse's bundle and pdf.js's worker replace when they load (each carries core-js
 * polyfills, and they apply to the whole process), put back where the replacement slows reading a PDF.
 * Only the process that loads pdf.js (the PDF sandbox, through pdf-document.ts) is touched.
 *
 * - `Array.prototype.push`: on Node 20, core-js replaces V8's own (which does not throw when pushing
 *   nothing onto an array whose length is read-only) with a JavaScript function. pdf.js pushes for
 *   every token, glyph location and operator it reads; reading a one-page text PDF spent about a tenth
 *   of its time in that function.
 * - `Uint8Array.prototype.toBase64` (not in Node 20): core-js adds a JavaScript version, which pdf.js
 *   uses to encode every embedded font it hands to its font sink (pdf-document.ts). A call without
 *   options — the standard alphabet, padded — is answered by Buffer's native encoder, which gives the
 *   same text; any other call goes to the version it replaced.
 *
 * This module must be loaded before pdf-parse (pdf-document.ts imports it first), so that what it
 * notes are the built-ins as Node has them.
 */

type ToBase64 = (this: Uint8Array, ...options: unknown[]) => string;
type WithToBase64 = Uint8Array & { toBase64?: ToBase64 };

// As they are before pdf-parse loads (core-js also makes its replacements print as native code, so
// they can be told apart only by identity).
const NATIVE_PUSH = Array.prototype.push;
const NATIVE_TO_BASE64 = (Uint8Array.prototype as WithToBase64).toBase64;

/** Marks the toBase64 installed here, so that it is never wrapped twice. */
const BUFFER_BACKED = Symbol('dsv.bufferBackedToBase64');

function bufferBackedToBase64(polyfill: ToBase64): ToBase64 {
  const toBase64: ToBase64 = function (this: Uint8Array, ...options: unknown[]) {
    // a detached or empty array, or an alphabet or padding option: the replaced version's answer
    if (options.length === 0 && this instanceof Uint8Array && this.byteLength > 0) {
      return Buffer.from(this.buffer, this.byteOffset, this.byteLength).toString('base64');
    }
    return polyfill.apply(this, options);
  };
  Object.defineProperty(toBase64, BUFFER_BACKED, { value: true });
  return toBase64;
}

/** Puts back the built-ins listed above; call after pdf-parse or pdf.js's worker has loaded. */
export function restoreBuiltins(): void {
  if (Array.prototype.push !== NATIVE_PUSH) {
    Object.defineProperty(Array.prototype, 'push', {
      value: NATIVE_PUSH,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
  const proto = Uint8Array.prototype as WithToBase64;
  const current = proto.toBase64;
  if (current && current !== NATIVE_TO_BASE64 && !(BUFFER_BACKED in current)) {
    Object.defineProperty(proto, 'toBase64', {
      value: bufferBackedToBase64(current),
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}
