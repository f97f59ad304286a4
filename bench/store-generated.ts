/**
 * Stores the generated benchmark district (bench/generated-district.ts) in a database: schools,
 * contract and report documents (effective extraction), contract lines, report links. Shared by
 * bench/service.bench.ts and bench/api.bench.ts.
 */
import { createHash } from 'node:crypto';
import { insertSchool } from '../models/district.repository';
import { upsertContract } from '../models/document-rows.repository';
import { storeExtractedDocuments } from '../models/report.repository';
import { lineReports } from '../models/schema';
import type { Db } from '../models/db';
import { generate } from './generated-district';

/** Stores the generated district: schools, contract and report documents (effective extraction), lines, links. */
export async function storeGenerated(db: Db, districtId: string) {
  const input = generate();
  const schoolIds = new Map<string, string>();
  for (const s of input.schools) {
    schoolIds.set(s.name, (await insertSchool(db, { districtId, name: s.name, kind: s.kind })).id);
  }
  const docIds = new Map<string, string>();
  const reportSchool = new Map<string, string>();
  for (const c of input.contracts) {
    const schoolId = schoolIds.get(c.extraction.purchaser.name!)!;
    for (const l of c.lines) for (const r of l.reportIds) reportSchool.set(r, schoolId);
  }
  const docs = [
    ...input.contracts.map((c) => ({
      key: c.id,
      file: c.file,
      extraction: c.extraction,
      schoolId: schoolIds.get(c.extraction.purchaser.name!)!,
    })),
    ...input.reports.map((r) => ({
      key: r.id,
      file: r.file,
      extraction: r.extraction,
      schoolId: reportSchool.get(r.id)!,
    })),
  ];
  const ids = await storeExtractedDocuments(
    db,
    docs.map((d) => ({
      schoolId: d.schoolId,
      originalName: d.file,
      sha256: createHash('sha256').update(`${districtId}/${d.key}`).digest('hex'),
      size: 1000,
      mime: 'application/pdf',
      extraction: d.extraction,
    })),
  );
  ids.forEach((id, j) => docIds.set(docs[j]!.key, id));
  const links: { lineId: string; documentId: string }[] = [];
  for (const c of input.contracts) {
    const stored = await upsertContract(
      db,
      docIds.get(c.id)!,
      schoolIds.get(c.extraction.purchaser.name!)!,
      c.extraction,
    );
    c.lines.forEach((l, i) => {
      for (const r of l.reportIds) links.push({ lineId: stored.lines[i]!.id, documentId: docIds.get(r)! });
    });
  }
  for (let i = 0; i < links.length; i += 1000) await db.insert(lineReports).values(links.slice(i, i + 1000));
  return {
    asOf: input.asOf,
    anyReportId: docIds.get(input.reports[0]!.id)!,
    reports: input.reports.length,
    lines: links.length / 4,
  };
}
