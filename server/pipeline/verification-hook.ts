/**
 * THE call site between intake and verification. After a document's structured rows change (pipeline
 * store, corrections, report links), verification is recomputed through here and nowhere else.
 *
 * The verification feature provides `recomputeForDocument(ctx, documentId, hints?)` in
 * server/use-cases/recompute.ts. Until that module exists this is a logged no-op: it is loaded at run
 * time so intake builds and runs without it.
 */
import type { AppContext } from '../context';

/** What changed, for verifiers that re-check more than the document's own lines. */
export interface RecomputeHints {
  /** The report number before a correction changed it (its old duplicates need a re-check). */
  previousReportNumber?: string | null;
  /** Lines the document was unlinked from (they no longer reference it). */
  lineIds?: string[];
}

type Recompute = (ctx: AppContext, documentId: string, hints?: RecomputeHints) => Promise<unknown>;

let cached: Recompute | null | undefined;

function loadRecompute(): Recompute | null {
  if (cached !== undefined) return cached;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('../use-cases/verification/recompute') as { recomputeForDocument?: Recompute };
    cached = typeof mod.recomputeForDocument === 'function' ? mod.recomputeForDocument : null;
  } catch (e) {
    // Only "recompute.ts itself is absent" means no verifier; a missing import inside it is a real error.
    const err = e as NodeJS.ErrnoException;
    if (err.code !== 'MODULE_NOT_FOUND' || !/use-cases[\\/]recompute/.test(err.message)) throw e;
    cached = null;
  }
  return cached;
}

/** Recomputes verification for everything `documentId` is evidence for (no-op without the verifier). */
export async function recomputeVerificationFor(
  ctx: AppContext,
  documentId: string,
  hints: RecomputeHints = {},
): Promise<void> {
  const recompute = loadRecompute();
  if (!recompute) {
    ctx.logger.debug({ documentId }, 'verification recompute not available (server/use-cases/recompute.ts)');
    return;
  }
  await recompute(ctx, documentId, hints);
}
