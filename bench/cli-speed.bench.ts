/**
 * How long `dsv extract FILE --json` takes on each text PDF of the dev corpus, the way a user runs it
 * (`node bin/dsv.js`, the built code in dist/: run `npm run build` first). Target (issue 13): ≤ 0.5 s.
 *
 *   npx tsx bench/cli-speed.bench.ts [--runs 5] [--corpus DIR] [--only doc-001,doc-003] [--cli PATH]
 *
 * `--cli` times another checkout's bin/dsv.js (its own dist/), for a before/after comparison.
 *
 * Each document is run once to warm the file cache, then `--runs` times; it prints the median wall
 * time and the median CPU time (user + system of the command and of the processes it waited for: its
 * PDF sandbox child), then the median and worst over all documents.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './project-root';

const CLOCK_TICKS = 100;

function opt(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** CPU seconds of the children this process has waited for (utime + stime of them, /proc/self/stat). */
function childrenCpu(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // after the command name: state is field 3, cutime field 16, cstime field 17 (1-based in proc(5))
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

function runOnce(cli: string, file: string): { wall: number; cpu: number } {
  const cpu0 = childrenCpu();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, 'extract', file, '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`dsv extract ${file} failed (${r.status}): ${r.stderr}`);
  return { wall, cpu: childrenCpu() - cpu0 };
}

function main(): void {
  const runs = Number(opt('--runs') ?? 5);
  const corpus = path.resolve(opt('--corpus') ?? path.join(PROJECT_ROOT, '../shared/corpus/dev'));
  const only = opt('--only')?.split(',');
  const cli = path.resolve(opt('--cli') ?? path.join(PROJECT_ROOT, 'bin/dsv.js'));
  const docs = readdirSync(path.join(corpus, 'truth'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({
      id: f.replace(/\.json$/, ''),
      truth: JSON.parse(readFileSync(path.join(corpus, 'truth', f), 'utf8')) as { form?: string },
    }))
    .filter((d) => d.truth.form === 'text_pdf' && (!only || only.includes(d.id)))
    .map((d) => ({ id: d.id, file: path.join(corpus, 'docs', `${d.id}.pdf`) }));
  const walls: number[] = [];
  const cpus: number[] = [];
  console.log(`${cli} extract --json, text PDFs: median of ${runs} runs per document`);
  console.log('document   wall s   CPU s');
  for (const d of docs) {
    runOnce(cli, d.file);
    const res = Array.from({ length: runs }, () => runOnce(cli, d.file));
    const wall = median(res.map((r) => r.wall));
    const cpu = median(res.map((r) => r.cpu));
    walls.push(wall);
    cpus.push(cpu);
    console.log(`${d.id.padEnd(10)} ${wall.toFixed(3).padStart(6)}  ${cpu.toFixed(2).padStart(6)}`);
  }
  console.log(
    `${docs.length} text PDFs: wall median ${median(walls).toFixed(3)} s, worst ${Math.max(...walls).toFixed(3)} s (target ≤ 0.5 s); CPU median ${median(cpus).toFixed(2)} s`,
  );
}

main();
