/**
 * Storage sanity check (STYLE.md G10, like Paperless's sanity checker): compares UPLOAD_DIR with the
 * database. Reports rows whose file is missing, files no row refers to, files whose bytes no longer
 * match their hash (optional: reads every file) and leftovers in tmp/.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { AppContext } from '../context';
import { getFileStore } from './file-store.service';

export interface StorageReport {
  blobs: number;
  files: number;
  /** Rows (blobs) whose original is missing on disk. */
  missingFiles: string[];
  /** Originals on disk that no row refers to. */
  orphanFiles: string[];
  /** Originals whose content no longer hashes to their name (only with verifyHashes). */
  corruptFiles: string[];
  /** Files left in tmp/ (uploads in flight, or a crash mid-upload). */
  tmpFiles: string[];
  ok: boolean;
}

export async function checkStorage(
  ctx: AppContext,
  opts: { verifyHashes?: boolean } = {},
): Promise<StorageReport> {
  const store = getFileStore(ctx);
  const { rows } = await ctx.database.query<{ sha256: string }>('select sha256 from blobs');
  const inDb = new Set(rows.map((r) => r.sha256));
  const onDisk = new Set(await store.listOriginals());
  const missingFiles = [...inDb].filter((s) => !onDisk.has(s)).sort();
  const orphanFiles = [...onDisk].filter((s) => !inDb.has(s)).sort();
  const corruptFiles: string[] = [];
  if (opts.verifyHashes) {
    for (const sha of [...onDisk].filter((s) => inDb.has(s))) {
      const hash = createHash('sha256');
      await pipeline(fs.createReadStream(store.originalPath(sha)), hash);
      if (hash.digest('hex') !== sha) corruptFiles.push(sha);
    }
  }
  const tmpFiles = await store.listTemp();
  return {
    blobs: inDb.size,
    files: onDisk.size,
    missingFiles,
    orphanFiles,
    corruptFiles,
    tmpFiles,
    ok: !missingFiles.length && !orphanFiles.length && !corruptFiles.length,
  };
}

/** The report in Chinese, one problem per line. */
export function formatStorageReport(r: StorageReport): string {
  const lines = [`记录 ${r.blobs} 个文件，磁盘上 ${r.files} 个原始文件。`];
  for (const s of r.missingFiles) lines.push(`缺失文件（有记录无文件）: ${s}`);
  for (const s of r.orphanFiles) lines.push(`孤立文件（有文件无记录）: ${s}`);
  for (const s of r.corruptFiles) lines.push(`文件内容与校验和不符: ${s}`);
  if (r.tmpFiles.length) lines.push(`临时目录中有 ${r.tmpFiles.length} 个文件（上传中，或上次异常退出遗留）`);
  lines.push(r.ok ? '存储检查通过。' : '存储检查发现问题。');
  return lines.join('\n');
}
