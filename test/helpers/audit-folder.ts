/**
 * Small `dsv audit` folders written from extraction JSON (the builders of server/verify/testing):
 * each test states its documents and submissions, runs the real command and reads its JSON.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAuditCommand, type presentAudit } from '../../server/cli/audit-command';
import type { ContractExtraction, TestReportExtraction } from '../../parsers/types';

export type AuditJson = ReturnType<typeof presentAudit>;

export interface FolderLine {
  lineNo: number;
  reports: string[];
  acceptedDate?: string;
}
export interface FolderSubmission {
  contract: string;
  lines: FolderLine[];
}

/** Writes `docs/<name>.json` for each document and `submissions.json`; returns the folder. */
export function writeAuditFolder(
  documents: Record<string, ContractExtraction | TestReportExtraction>,
  submissions: FolderSubmission[],
): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsv-audit-rules-'));
  fs.mkdirSync(path.join(dir, 'docs'));
  for (const [name, extraction] of Object.entries(documents)) {
    fs.writeFileSync(path.join(dir, 'docs', `${name}.json`), JSON.stringify(extraction));
  }
  const doc = (n: string) => `docs/${n}.json`;
  fs.writeFileSync(
    path.join(dir, 'submissions.json'),
    JSON.stringify({
      submissions: submissions.map((s) => ({
        contract: doc(s.contract),
        lines: s.lines.map((l) => ({ ...l, reports: l.reports.map(doc) })),
      })),
    }),
  );
  return dir;
}

/** Runs `dsv audit DIR --json` (plus args) in-process and returns its JSON output. */
export async function runAudit(dir: string, args: string[] = []): Promise<AuditJson> {
  let out = '';
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(await runAuditCommand([dir, '--json', ...args])).toBe(0);
  } finally {
    write.mockRestore();
    stderr.mockRestore();
  }
  return JSON.parse(out) as AuditJson;
}

/** The finding codes of each line, keyed `contractNumber#lineNo`, sorted. */
export function codesByLine(result: AuditJson): Record<string, string[]> {
  return Object.fromEntries(
    result.lines.map((l) => [`${l.contractNumber}#${l.lineNo}`, l.findings.map((f) => f.code).sort()]),
  );
}
