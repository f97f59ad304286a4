/**
 * A demo that is alive (issue 11 point 9): on first start the demo district's documents, made for it,
 * are read by the ordinary pipeline and verified; the bureau then sees findings and the regulator a list.
 */
import { eq } from 'drizzle-orm';
import { contractLines, contracts, documents, findings } from '../../models/schema';
import { loadDemo } from '../../server/use-cases/accounts/load-demo';
import { loadDemoDocuments } from '../../server/use-cases/accounts/load-demo-documents';
import { DEMO_DOCUMENTS, DEMO_SUPPLIERS } from '../../server/demo/demo-district';
import { loginAs, startTestApp, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';

describe(`demo district (${testDriver()})`, () => {
  let t: TestApp;
  let passwords: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp({}, { services: true });
    passwords = Object.fromEntries((await loadDemo(t.ctx.db)).map((a) => [a.username, a.password]));
  });
  afterAll(() => t.close());

  it('When the demo loads on first start, then its documents are read without review flags, matched to their lines and verified, and a supplier list is sent', async () => {
    const result = await loadDemoDocuments(t.ctx);
    expect(result.documentIds).toHaveLength(DEMO_DOCUMENTS.length);
    expect(result.listVersion).toBe(1);

    const docs = await t.ctx.db.select().from(documents);
    expect(docs.map((d) => [d.originalName, d.status]).sort()).toEqual(
      DEMO_DOCUMENTS.map((d) => [d.file, 'parsed']).sort(),
    );

    const lines = await t.ctx.db
      .select({ id: contractLines.id, model: contractLines.model, contract: contracts.contractNumber })
      .from(contractLines)
      .innerJoin(contracts, eq(contracts.id, contractLines.contractId));
    const codes = async (model: string) => {
      const line = lines.find((l) => l.model === model);
      expect(line).toBeDefined();
      const rows = await t.ctx.db.select().from(findings).where(eq(findings.lineId, line!.id));
      return rows.map((f) => f.code).sort();
    };
    expect(await codes('MD24-X01')).toEqual([]);
    expect(await codes('MD24-D02')).toEqual(['MISSING_PURCHASER_REPORT', 'STANDARD_SUPERSEDED']);
    expect(await codes('TQ24-Y01')).toEqual(['ITEM_FAILED']);
  });

  it('When the regulator signs in, then the sent list ranks the supplier with the failed item first', async () => {
    const { agent } = await loginAs(t.app, 'regulator', passwords.regulator);
    const lists = await agent.get('/api/sampling-lists');
    expect(lists.status).toBe(200);
    const items = (lists.body.items ?? lists.body) as { id: string; version: number }[];
    expect(items.map((l) => l.version)).toEqual([1]);
    const list = await agent.get(`/api/sampling-lists/${items[0]!.id}`);
    expect(list.status).toBe(200);
    const entries = (list.body.snapshot ?? list.body).entries as { supplier: string; reasons: string[] }[];
    expect(entries.map((e) => e.supplier)).toEqual([
      DEMO_SUPPLIERS.kindergarten.name,
      DEMO_SUPPLIERS.uniforms.name,
    ]);
    expect(entries[0]!.reasons).toContain('ITEM_FAILED');
  });

  it('When the demo documents are loaded again, then nothing is duplicated', async () => {
    const before = (await t.ctx.db.select().from(documents)).length;
    const again = await loadDemoDocuments(t.ctx);
    expect((await t.ctx.db.select().from(documents)).length).toBe(before);
    expect(again.listVersion).toBe(1);
  });
});
