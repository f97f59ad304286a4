/**
 * `npm run bench:verify` (second part) — the service's own supplier-list path at benchmark size:
 * 300 schools / 60 suppliers / 3,000 lines / 12,000 reports stored in the database, then
 * buildSamplingList (from stored findings) + XLSX/CSV export and the campaign statistics.
 * Target: build + XLSX under 2 s. Runs on PGlite, or on PostgreSQL when TEST_DATABASE_URL is set.
 * Run with tsx (it reuses the test builders): `tsx bench/list-export.bench.ts`.
 */
import { performance } from 'node:perf_hooks';
import { buildDistrict, startTestApp } from '../test/helpers/test-app';
import { testDriver } from '../test/helpers/test-database';
import { seedVolume } from '../test/helpers/district-builders';
import { buildSamplingList } from '../server/use-cases/build-sampling-list';
import { renderSamplingList } from '../server/sampling/sampling-list.export';
import { campaignStatistics } from '../server/use-cases/campaign-statistics';

async function main(): Promise<number> {
  process.env.LOG_LEVEL ??= 'silent';
  process.env.DEMO_ON_EMPTY = '0';
  const t = await startTestApp();
  try {
    const districtId = (await buildDistrict(t.ctx)).id;
    const s0 = performance.now();
    const seeded = await seedVolume(t.ctx, districtId);
    process.stdout.write(
      `seeded ${JSON.stringify(seeded)} in ${((performance.now() - s0) / 1000).toFixed(1)} s (${testDriver()})\n`,
    );
    // warm-up, as in a running server (query plans, registry load, exceljs code paths)
    await renderSamplingList(await buildSamplingList(t.ctx.db, districtId), 'xlsx');
    let best = { build: Infinity, xlsx: Infinity, csv: Infinity, stats: Infinity };
    let entries = 0;
    let bytes = 0;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const list = await buildSamplingList(t.ctx.db, districtId);
      const t1 = performance.now();
      const xlsx = await renderSamplingList(list, 'xlsx');
      const t2 = performance.now();
      await renderSamplingList(list, 'csv');
      const t3 = performance.now();
      await campaignStatistics(t.ctx.db, districtId);
      const t4 = performance.now();
      entries = list.entries.length;
      bytes = xlsx.length;
      best = {
        build: Math.min(best.build, t1 - t0),
        xlsx: Math.min(best.xlsx, t2 - t1),
        csv: Math.min(best.csv, t3 - t2),
        stats: Math.min(best.stats, t4 - t3),
      };
    }
    const total = best.build + best.xlsx;
    process.stdout.write(
      `supplier list from the database (${testDriver()}, best of 3): build ${best.build.toFixed(0)} ms, ` +
        `XLSX ${best.xlsx.toFixed(0)} ms (${bytes} B), CSV ${best.csv.toFixed(0)} ms, statistics ${best.stats.toFixed(0)} ms; ` +
        `${entries} suppliers listed; build+XLSX ${total.toFixed(0)} ms (target < 2000 ms) ${total < 2000 ? 'OK' : 'MISSED'}\n`,
    );
    return total < 2000 ? 0 : 1;
  } finally {
    await t.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
