/** Helpers for intake tests: corpus files, uploads with a Bearer token, waiting for processing. */
import fs from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import type { TestApp } from '../helpers/test-app';

export const CORPUS = path.resolve(__dirname, '../../../shared/corpus/dev/docs');

export function corpusFile(name: string): Buffer {
  return fs.readFileSync(path.join(CORPUS, name));
}

export interface UploadFile {
  data: Buffer;
  name: string;
}

export function upload(
  app: Express,
  token: string,
  files: UploadFile[],
  fields: Record<string, string> = {},
) {
  let req = request(app).post('/api/documents').set('Authorization', `Bearer ${token}`);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  for (const f of files) {
    req = req.attach('files', f.data, { filename: f.name, contentType: 'application/octet-stream' });
  }
  return req;
}

/** Polls the document until it leaves queued/processing. */
export async function waitForDocument(app: Express, token: string, id: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(app).get(`/api/documents/${id}`).set('Authorization', `Bearer ${token}`);
    if (res.status !== 200) throw new Error(`GET document ${id}: ${res.status} ${JSON.stringify(res.body)}`);
    if (res.body.status !== 'queued' && res.body.status !== 'processing') return res.body;
    if (Date.now() > until) {
      throw new Error(`document ${id} still ${res.body.status} (${res.body.progress?.stage})`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Every file under a folder (recursive), relative paths. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p).map((f) => path.join(e.name, f)));
    else out.push(e.name);
  }
  return out;
}

/** Row counts of the intake tables. */
export async function intakeCounts(t: TestApp) {
  const q = async (table: string) =>
    Number(
      (await t.ctx.database.query<{ n: string }>(`select count(*)::text as n from ${table}`)).rows[0]!.n,
    );
  return { blobs: await q('blobs'), documents: await q('documents') };
}
