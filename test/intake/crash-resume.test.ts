/**
 * Jobs survive a crash: a document left `processing` with its job taken by a worker that died is
 * finished when the job runner starts again (embedded: orphaned active jobs are cancelled and the
 * document re-sent; PostgreSQL: documents whose heartbeat went stale are re-sent).
 */
import PgBoss from 'pg-boss';
import { startServices, stopServices } from '../../server/services';
import { bossDb } from '../../server/jobs/pg-boss-db';
import { PROCESS_DOCUMENT_QUEUE } from '../../server/jobs/process-document.job';
import { DocumentJobs } from '../../server/jobs/document-jobs';
import { buildUser, startTestApp, tokenFor, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { corpusFile, upload, waitForDocument } from './intake-helpers';

describe(`crash and resume (${testDriver()})`, () => {
  let t: TestApp;
  let staff: string;
  beforeAll(async () => {
    // Job runner not started: uploads stay queued until we say so.
    t = await startTestApp({}, { services: false });
    staff = await tokenFor(t.app, (await buildUser(t.ctx, 'school_staff')).username);
  });
  afterAll(() => t.close());

  test('When the runner was down, queued uploads are processed once it starts', async () => {
    const res = await upload(t.app, staff, [{ data: corpusFile('doc-016.pdf'), name: 'q.pdf' }]);
    expect(res.status).toBe(202);
    const id = res.body.documents[0].id as string;
    await new Promise((r) => setTimeout(r, 300));
    const still = await t.ctx.database.query<{ status: string }>(
      'select status from documents where id = $1',
      [id],
    );
    expect(still.rows[0]!.status).toBe('queued');
    await startServices(t.ctx);
    try {
      const doc = await waitForDocument(t.app, staff, id);
      expect(['parsed', 'needs_review']).toContain(doc.status);
    } finally {
      await stopServices(t.ctx);
    }
  });

  test('A job runner that is not running refuses to send instead of dropping the document; after a stop the process defers again', async () => {
    await expect(new DocumentJobs(t.ctx).enqueue('00000000-0000-4000-8000-000000000000')).rejects.toThrow(
      /not started/,
    );
    await startServices(t.ctx);
    expect(t.ctx.services.documentJobs.concurrency).toBeGreaterThan(0);
    await stopServices(t.ctx);
    // stopped: documents wait as `queued` for the next runner (the deferred queue), nothing is thrown away
    expect(t.ctx.services.documentJobs.concurrency).toBe(0);
    const res = await upload(t.app, staff, [{ data: corpusFile('doc-020.pdf'), name: 'after-stop.pdf' }]);
    expect(res.status).toBe(202);
    expect(res.body.documents[0].status).toBe('queued');
  });

  test('When a worker died mid-way (document processing, job active), then after a restart the document finishes', async () => {
    const res = await upload(t.app, staff, [{ data: corpusFile('doc-026.pdf'), name: 'crash.pdf' }]);
    const id = res.body.documents[0].id as string;

    // A "worker" takes the job and dies during OCR: the job stays active, the document processing.
    const dead = new PgBoss({
      db: bossDb(t.ctx.database),
      schema: 'pgboss',
      supervise: false,
      schedule: false,
    });
    await dead.start();
    if (!(await dead.getQueue(PROCESS_DOCUMENT_QUEUE))) {
      await dead.createQueue(PROCESS_DOCUMENT_QUEUE, { name: PROCESS_DOCUMENT_QUEUE, policy: 'stately' });
    }
    await dead.send(PROCESS_DOCUMENT_QUEUE, { documentId: id, reason: 'upload' }, { singletonKey: id });
    const [job] = await dead.fetch<{ documentId: string }>(PROCESS_DOCUMENT_QUEUE);
    expect(job?.data.documentId).toBe(id);
    await t.ctx.database.query(
      "update documents set status = 'processing', stage = 'ocr', page = 1, updated_at = now() - interval '30 minutes' where id = $1",
      [id],
    );
    const active = await t.ctx.database.query<{ state: string }>(
      'select state from pgboss.job where id = $1',
      [job!.id],
    );
    expect(active.rows[0]!.state).toBe('active');

    await startServices(t.ctx);
    try {
      const doc = await waitForDocument(t.app, staff, id);
      expect(['parsed', 'needs_review']).toContain(doc.status);
      expect(doc.effective.reportNumber).toBe('QT2024W08206');
      const reports = await t.ctx.database.query('select id from test_reports where document_id = $1', [id]);
      expect(reports.rows).toHaveLength(1);
    } finally {
      await stopServices(t.ctx);
    }
  });
});
