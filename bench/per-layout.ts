/**
 * Scores of saved extractions grouped by the layout each truth was printed in — for reporting only
 * (no parser may know a layout). The layout is the truth's `template` field, else the `layout`
 * column of the corpus's MANIFEST.md document table, else "?".
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { scoreDocument, summarise, summaryRow, SUMMARY_HEADER, type DocScore } from './score';

/** doc id → layout, from MANIFEST.md's document table (`| doc | kind | form | layout | …`). */
function manifestLayouts(corpus: string): Map<string, string> {
  const file = path.join(corpus, 'MANIFEST.md');
  const out = new Map<string, string>();
  if (!existsSync(file)) return out;
  let layoutCol = -1;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('|')) {
      layoutCol = -1;
      continue;
    }
    const cells = line.split('|').map((c) => c.trim());
    if (cells[1] === 'doc') {
      layoutCol = cells.indexOf('layout');
      continue;
    }
    const id = cells[1] ?? '';
    if (layoutCol > 0 && /^[\w-]+$/.test(id) && cells[layoutCol]) out.set(id, cells[layoutCol] ?? '?');
  }
  return out;
}

/**
 * Prints one row per layout and form (and per layout over all forms) for the extractions saved in
 * `outputs/<id>.json`; documents without an output count as empty extractions.
 */
export function printPerLayout(corpus: string, outputs: string, only: string[] | null): void {
  const layouts = manifestLayouts(corpus);
  const groups = new Map<string, DocScore[]>();
  const add = (key: string, s: DocScore) => groups.set(key, [...(groups.get(key) ?? []), s]);
  const truthDir = path.join(corpus, 'truth');
  for (const f of readdirSync(truthDir).filter((n) => n.endsWith('.json'))) {
    const id = f.replace(/\.json$/, '');
    if (only && !only.includes(id)) continue;
    const truth = JSON.parse(readFileSync(path.join(truthDir, f), 'utf8')) as Record<string, unknown>;
    const out = path.join(outputs, `${id}.json`);
    let got: Record<string, unknown> = {};
    try {
      if (existsSync(out)) got = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    } catch {
      got = {};
    }
    const layout = (typeof truth.template === 'string' ? truth.template : null) ?? layouts.get(id) ?? '?';
    const s = scoreDocument(truth, got);
    add(`${layout} ${String(truth.form)}`, s);
    add(`${layout} all forms`, s);
  }
  // a layout seen in one form only: its "all forms" row would repeat that form's row
  const oneForm = (key: string) => {
    const layout = key.replace(/ all forms$/, '');
    return [...groups.keys()].filter((k) => k.startsWith(`${layout} `)).length <= 2;
  };
  console.log(`    ${SUMMARY_HEADER}`);
  for (const [key, list] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    if (key.endsWith(' all forms') && oneForm(key)) continue;
    console.log(`    ${summaryRow(key, summarise(list))}`);
  }
}
