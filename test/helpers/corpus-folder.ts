/**
 * The corpus district as a folder `dsv audit` checks: scenario.json's documents copied beside it and
 * its submissions.json written by the shared tool the district is checked with
 * (shared/tools/make-submissions.mjs … docs). Used by the audit tests and `npm run bench:audit`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const MAKE_SUBMISSIONS = path.resolve(__dirname, '../../../shared/tools/make-submissions.mjs');

interface ScenarioDocument {
  docId: string;
  file: string;
  form: string;
}

/**
 * Copies the corpus's documents to a new temporary folder; a document for which `instead` names an
 * extraction JSON (its truth, a saved run) is handed in as that JSON (`docs/<docId>.json`) instead.
 */
export function corpusAuditFolder(
  corpus: string,
  instead: (doc: ScenarioDocument) => string | null = () => null,
): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsv-audit-corpus-'));
  fs.mkdirSync(path.join(dir, 'docs'));
  const scenario = JSON.parse(fs.readFileSync(path.join(corpus, 'scenario.json'), 'utf8')) as {
    documents: ScenarioDocument[];
  };
  const documents = scenario.documents.map((d) => {
    const json = instead(d);
    const file = json ? `docs/${d.docId}.json` : d.file;
    fs.copyFileSync(json ?? path.join(corpus, d.file), path.join(dir, file));
    return { ...d, file };
  });
  fs.writeFileSync(path.join(dir, 'scenario.json'), JSON.stringify({ ...scenario, documents }));
  execFileSync('node', [MAKE_SUBMISSIONS, dir, 'docs'], {
    stdio: 'ignore',
  });
  return dir;
}
