/**
 * The demo district comes alive: its documents (server/demo/documents/, made for it) are uploaded by the
 * demo school accounts and read by the ordinary pipeline (job queue → extract → parse → match → verify);
 * once every one is read, the bureau sends the first supplier list, so that `bureau` sees a dashboard
 * with findings and `regulator` a list. Runs in the background after the server listens.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { and, inArray } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { documents } from '../../../models/schema';
import { findDistrictByCode } from '../../../models/district.repository';
import { findUserByUsername } from '../../../models/user.repository';
import { toPrincipal } from '../../auth/principal';
import { getFileStore } from '../../storage/file-store.service';
import { DEMO_DISTRICT, DEMO_DOCUMENTS, demoFilesDir, type DemoSchool } from '../../demo/demo-district';
import { uploadDocuments } from '../documents/upload-documents';
import { sendSamplingList } from '../sampling/send-sampling-list';

/** The demo accounts that upload each school's documents (load-demo.ts creates them). */
const UPLOADER: Record<DemoSchool, string> = { primary: 'school', kindergarten: 'kindergarten' };
const BUSY = ['queued', 'processing'] as const;

export interface DemoDocumentsResult {
  documentIds: string[];
  /** The supplier list's version, when one was sent. */
  listVersion: number | null;
}

async function principalOf(ctx: AppContext, username: string) {
  const user = await findUserByUsername(ctx.db, username);
  if (!user) throw new Error(`demo account ${username} is missing (load the demo accounts first)`);
  return toPrincipal(ctx.db, user);
}

/** Uploads the demo documents (a file already there is kept once, by content hash). */
export async function uploadDemoDocuments(ctx: AppContext): Promise<string[]> {
  const store = getFileStore(ctx);
  const ids: string[] = [];
  for (const doc of DEMO_DOCUMENTS) {
    const user = await principalOf(ctx, UPLOADER[doc.school]);
    const data = await fsp.readFile(path.join(demoFilesDir('documents'), doc.file));
    const temp = await store.writeTemp(Readable.from([data]));
    const [result] = await uploadDocuments(ctx, {
      user,
      files: [{ ...temp, originalName: doc.file }],
      declaredKind: doc.kind,
      lineIds: [],
    });
    if (!result?.id) throw new Error(`demo document ${doc.file} refused: ${result?.message ?? 'unknown'}`);
    ids.push(result.id);
  }
  return ids;
}

/**
 * Waits until none of `ids` is queued or being read and no processing job is left (a document is
 * 已识别 before its job has matched and verified it), polling at most `timeoutMs`.
 */
export async function waitUntilRead(ctx: AppContext, ids: string[], timeoutMs = 300_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const busy = await ctx.db
      .select({ id: documents.id })
      .from(documents)
      .where(and(inArray(documents.id, ids), inArray(documents.status, [...BUSY])));
    const jobs = await ctx.services.documentJobs.unfinished();
    if (busy.length === 0 && jobs === 0) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/**
 * Uploads the demo documents, waits until they are read and verified, then sends the first supplier
 * list as `bureau`.
 */
export async function loadDemoDocuments(ctx: AppContext): Promise<DemoDocumentsResult> {
  const district = await findDistrictByCode(ctx.db, DEMO_DISTRICT.code);
  if (!district) throw new Error('the demo district does not exist (load the demo accounts first)');
  const documentIds = await uploadDemoDocuments(ctx);
  if (!(await waitUntilRead(ctx, documentIds))) {
    ctx.logger.warn({ documents: documentIds.length }, 'demo documents still being read; no list sent');
    return { documentIds, listVersion: null };
  }
  const bureau = await principalOf(ctx, 'bureau');
  let sent;
  try {
    sent = await sendSamplingList(ctx, bureau, district.id);
  } catch (e) {
    // e.g. a rule change flags a demo document for review: the demo stays usable, only without a list
    if (!(e instanceof AppError) || e.code !== 'SAMPLING_LIST_UNCONFIRMED') throw e;
    ctx.logger.warn({ details: e.details }, 'demo documents await review; no list sent');
    return { documentIds, listVersion: null };
  }
  ctx.logger.info(
    { documents: documentIds.length, listVersion: sent.list.version },
    'demo documents read and verified; supplier list sent',
  );
  return { documentIds, listVersion: sent.list.version };
}
