import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

describe('built-ins replaced by pdf.js polyfills', () => {
  it('When pdf-parse and pdf.js’s worker have loaded in a process, then arrays push with V8’s own push and fonts encode to the same base64', () => {
    // a process of its own, as the PDF sandbox is: the polyfills apply to the whole process
    const script = `
      const before = Array.prototype.push;
      const pdf = require('./server/extract/pdf-document');
      pdf.preloadPdfJs().then(() => {
        const bytes = new Uint8Array(300).map((_, i) => (i * 37) % 256);
        process.stdout.write(JSON.stringify({
          nativePush: Array.prototype.push === before,
          plain: bytes.toBase64(),
          url: bytes.subarray(1, 5).toBase64({ alphabet: 'base64url', omitPadding: true }),
          empty: new Uint8Array(0).toBase64(),
        }));
      });`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    const bytes = Buffer.from(new Uint8Array(300).map((_, i) => (i * 37) % 256));
    expect(out).toEqual({
      nativePush: true,
      plain: bytes.toString('base64'),
      url: bytes.subarray(1, 5).toString('base64url'),
      empty: '',
    });
  });

  it('When a polyfill has replaced push and added toBase64, then restoring puts push back and keeps the polyfill for calls with options', () => {
    const nodePush = Array.prototype.push;
    const proto = Uint8Array.prototype as Uint8Array & { toBase64?: (...a: unknown[]) => string };
    const calls: unknown[][] = [];
    jest.isolateModules(() => {
      const { restoreBuiltins } = jest.requireActual<typeof import('./pdfjs-builtins')>('./pdfjs-builtins');
      try {
        Object.defineProperty(Array.prototype, 'push', {
          value: function push(this: unknown[], ...items: unknown[]) {
            for (const item of items) this[this.length] = item;
            return this.length;
          },
          writable: true,
          configurable: true,
        });
        Object.defineProperty(proto, 'toBase64', {
          value: function (this: Uint8Array, ...options: unknown[]) {
            calls.push(options);
            return 'from-polyfill';
          },
          writable: true,
          configurable: true,
        });
        restoreBuiltins();
        expect(Array.prototype.push).toBe(nodePush);
        expect(proto.toBase64?.call(new Uint8Array([104, 105]))).toBe('aGk=');
        expect(calls).toEqual([]);
        expect(proto.toBase64?.call(new Uint8Array([104, 105]), { alphabet: 'base64url' })).toBe(
          'from-polyfill',
        );
        expect(calls).toEqual([[{ alphabet: 'base64url' }]]);
        // restoring twice does not wrap the wrapper
        const wrapped = proto.toBase64;
        restoreBuiltins();
        expect(proto.toBase64).toBe(wrapped);
      } finally {
        Object.defineProperty(Array.prototype, 'push', {
          value: nodePush,
          writable: true,
          configurable: true,
        });
        delete proto.toBase64;
      }
    });
  });
});
