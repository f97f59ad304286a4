/**
 * The PDF sandbox process: reads untrusted PDFs for the server, one task at a time, under the memory
 * cap and clock the server started it with (sandbox.ts). Whatever a file does to pdf.js here, the
 * server's event loop and memory are not touched.
 */
import { AppError } from '../../errors';
import { pdfError, preloadPdfJs } from '../pdf-document';
import type { SandboxRequest, SandboxResponse } from './protocol';
import { runTask } from './tasks';

const send = (m: SandboxResponse) => process.send?.(m);

let queue = Promise.resolve();

process.on('message', (req: SandboxRequest) => {
  queue = queue.then(async () => {
    try {
      const result = await runTask(req, (page) => send({ id: req.id, progress: page }));
      send({ id: req.id, ok: true, result, rss: process.memoryUsage.rss() });
    } catch (e) {
      const err = e instanceof AppError ? e : pdfError(e);
      send({
        id: req.id,
        ok: false,
        error: { code: err.code, message: err.userMessage, details: err.details },
        rss: process.memoryUsage.rss(),
      });
    }
  });
});

// The server is gone: nothing left to read for.
process.on('disconnect', () => process.exit(0));
send({ ready: true });
// pdf.js's worker code is loaded while the first task is still on its way (a task arriving sooner waits for it)
void preloadPdfJs();
