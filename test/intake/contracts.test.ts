/**
 * Contracts from uploaded 采购合同: listed in scope with their lines; reports handed in for a line at
 * upload or by hand (PUT), recorded in the audit log; line ids survive a correction of the contract.
 */
import request from 'supertest';
import { buildUser, startTestApp, tokenFor, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { corpusFile, upload, waitForDocument } from './intake-helpers';

describe(`contracts and report links (${testDriver()})`, () => {
  let t: TestApp;
  let staff: string;
  let contractId: string;
  let lineId: string;
  let contractDocId: string;
  beforeAll(async () => {
    t = await startTestApp({}, { services: true });
    staff = await tokenFor(t.app, (await buildUser(t.ctx, 'school_staff')).username);
    const t0 = Date.now();
    const res = await upload(t.app, staff, [{ data: corpusFile('doc-053.pdf'), name: '合同.pdf' }], {
      kind: 'contract',
    });
    contractDocId = res.body.documents[0].id;
    const doc = await waitForDocument(t.app, staff, contractDocId);
    process.stdout.write(`upload→${doc.status} for a 1-page text PDF contract: ${Date.now() - t0} ms\n`);
  });
  afterAll(() => t.close());

  test('When a contract is parsed, then it is listed for its school with its lines and supplier', async () => {
    const list = await request(t.app).get('/api/contracts').set('Authorization', `Bearer ${staff}`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    contractId = list.body.items[0].id;
    expect(list.body.items[0]).toMatchObject({
      documentId: contractDocId,
      contractNumber: '桂湖小采〔2024〕8号',
    });
    const detail = await request(t.app)
      .get(`/api/contracts/${contractId}`)
      .set('Authorization', `Bearer ${staff}`);
    expect(detail.status).toBe(200);
    expect(detail.body.lines.length).toBeGreaterThan(0);
    expect(detail.body.supplierId).toEqual(expect.any(String));
    lineId = detail.body.lines[0].id;
  });

  test('When a report is uploaded for a line, then the line lists it as handed in by the school', async () => {
    const res = await upload(t.app, staff, [{ data: corpusFile('doc-037.pdf'), name: 'r.pdf' }], {
      lineIds: lineId,
    });
    expect(res.status).toBe(202);
    const detail = await request(t.app)
      .get(`/api/contracts/${contractId}`)
      .set('Authorization', `Bearer ${staff}`);
    const line = detail.body.lines.find((l: { id: string }) => l.id === lineId);
    expect(line.reports).toEqual([
      expect.objectContaining({ documentId: res.body.documents[0].id, source: 'school' }),
    ]);
  });

  test('When staff set the line’s reports by hand, then links change and the audit log records it', async () => {
    const other = await upload(t.app, staff, [{ data: corpusFile('doc-007.pdf'), name: 'r2.pdf' }]);
    const otherId = other.body.documents[0].id as string;
    const put = await request(t.app)
      .put(`/api/contract-lines/${lineId}/reports`)
      .set('Authorization', `Bearer ${staff}`)
      .send({ documentIds: [otherId] });
    expect(put.status).toBe(200);
    expect(put.body.added).toEqual([otherId]);
    expect(put.body.removed).toHaveLength(1);
    const audit = await t.ctx.database.query<{ action: string; details: { added: string[] } }>(
      "select action, details from audit_log where resource_type = 'contract_line' and resource_id = $1",
      [lineId],
    );
    expect(audit.rows).toEqual([expect.objectContaining({ action: 'line.reports.set' })]);
    // The verification hook ran: the line has findings (one report cannot cover both sides).
    const findings = await t.ctx.database.query<{ code: string }>(
      'select code from findings where line_id = $1',
      [lineId],
    );
    expect(findings.rows.length).toBeGreaterThan(0);
    const contractAsReport = await request(t.app)
      .put(`/api/contract-lines/${lineId}/reports`)
      .set('Authorization', `Bearer ${staff}`)
      .send({ documentIds: [contractDocId] });
    expect(contractAsReport.status).toBe(400);
  });

  test('When the contract’s supplier is corrected, then the line ids (and their links) are kept', async () => {
    const patch = await request(t.app)
      .patch(`/api/documents/${contractDocId}/fields`)
      .set('Authorization', `Bearer ${staff}`)
      .send([{ path: 'supplier.name', value: '江州锦程服饰有限公司（更正）' }]);
    expect(patch.status).toBe(200);
    const detail = await request(t.app)
      .get(`/api/contracts/${contractId}`)
      .set('Authorization', `Bearer ${staff}`);
    expect(detail.body.supplierName).toBe('江州锦程服饰有限公司（更正）');
    expect(detail.body.lines[0].id).toBe(lineId);
    expect(detail.body.lines[0].reports).toHaveLength(1);
  });
});
