/**
 * A near-miss 委托单位 never counts silently (issue 10 point 6): the line shows CLIENT_MISMATCH with a
 * one-click confirmation; confirming through the API records who and when (link + audit log) and
 * re-verifies the line; staff of another school cannot confirm.
 */
import { createHash } from 'node:crypto';
import request from 'supertest';
import { and, eq } from 'drizzle-orm';
import { linkReportToLine, storeExtractedDocument } from '../../models/report.repository';
import { replaceTestReport, upsertContract } from '../../models/document-rows.repository';
import { auditLog } from '../../models/schema';
import type { Extraction } from '../../parsers/types';
import { verifyDistrictUseCase } from '../../server/use-cases/verification/verify-district';
import { contract, report, schoolReport } from '../../server/verify/testing/builders';
import {
  buildDistrict,
  buildSchool,
  buildUser,
  startTestApp,
  tokenFor,
  type TestApp,
} from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';

const SCHOOL_NAME = '安澜市枫林区阳光小学';
const MISREAD = '安澜市枫林区阳先小学';

describe(`confirming a near-miss 委托单位 (${testDriver()})`, () => {
  let t: TestApp;
  let staff: string;
  let staffId: string;
  let lineId: string;
  let contractId: string;
  let schoolReportId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const db = t.ctx.db;
    const district = await buildDistrict(t.ctx);
    const school = await buildSchool(t.ctx, { districtId: district.id, name: SCHOOL_NAME });
    const user = await buildUser(t.ctx, 'school_staff', { schoolId: school.id });
    staffId = user.id;
    staff = await tokenFor(t.app, user.username);
    const store = (name: string, extraction: Extraction) =>
      storeExtractedDocument(db, {
        schoolId: school.id,
        originalName: name,
        sha256: createHash('sha256').update(JSON.stringify(extraction)).digest('hex'),
        size: 1,
        mime: 'application/json',
        extraction,
      });
    const c = contract({ purchaser: { name: SCHOOL_NAME } });
    const contractDoc = await store('contract.json', c);
    const stored = await upsertContract(db, contractDoc, school.id, c);
    contractId = stored.id;
    lineId = stored.lines[0]!.id;
    for (const [name, extraction] of [
      ['supplier.json', report()],
      ['school.json', schoolReport({ client: MISREAD })],
    ] as const) {
      const id = await store(name, extraction);
      await replaceTestReport(db, id, extraction);
      await linkReportToLine(db, { lineId, documentId: id, source: 'school' });
      if (name === 'school.json') schoolReportId = id;
    }
    await verifyDistrictUseCase(db, { districtId: district.id, asOf: '2024-12-31' });
  });
  afterAll(() => t.close());

  const lineView = () =>
    request(t.app).get(`/api/compliance/lines/${lineId}`).set('Authorization', `Bearer ${staff}`);

  it('When the school report’s 委托单位 is one character off the school, then the line offers the confirmation', async () => {
    const res = await lineView();
    expect(res.status).toBe(200);
    const f = res.body.findings.find((x: { code: string }) => x.code === 'CLIENT_MISMATCH');
    expect(f.evidence[0]).toMatchObject({
      documentId: schoolReportId,
      confirmClient: { client: MISREAD, party: SCHOOL_NAME, role: '采购学校' },
    });
  });

  it('When staff of another school try to confirm, then it is refused and nothing is recorded', async () => {
    const other = await buildUser(t.ctx, 'school_staff');
    const token = await tokenFor(t.app, other.username);
    const res = await request(t.app)
      .put(`/api/contract-lines/${lineId}/reports/${schoolReportId}/client-confirmation`)
      .set('Authorization', `Bearer ${token}`);
    expect([403, 404]).toContain(res.status);
    const detail = await request(t.app)
      .get(`/api/contracts/${contractId}`)
      .set('Authorization', `Bearer ${staff}`);
    expect(
      detail.body.lines[0].reports.every(
        (r: { clientConfirmation: unknown }) => r.clientConfirmation === null,
      ),
    ).toBe(true);
  });

  it('When the school confirms, then who and when are recorded and the report counts for the school', async () => {
    const res = await request(t.app)
      .put(`/api/contract-lines/${lineId}/reports/${schoolReportId}/client-confirmation`)
      .set('Authorization', `Bearer ${staff}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ confirmed: true, client: MISREAD });
    const detail = await request(t.app)
      .get(`/api/contracts/${contractId}`)
      .set('Authorization', `Bearer ${staff}`);
    const link = detail.body.lines[0].reports.find(
      (r: { documentId: string }) => r.documentId === schoolReportId,
    );
    expect(link.clientConfirmation).toEqual({ client: MISREAD, by: staffId, at: expect.any(String) });
    const audit = await t.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'line.report.client_confirm'), eq(auditLog.resourceId, lineId)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      userId: staffId,
      details: expect.objectContaining({ client: MISREAD }),
    });
    const after = await lineView();
    const codes = after.body.findings.map((x: { code: string }) => x.code);
    expect(codes).not.toContain('CLIENT_MISMATCH');
    expect(codes).not.toContain('MISSING_PURCHASER_REPORT');
    const side = after.body.reports.find((r: { documentId: string }) => r.documentId === schoolReportId);
    expect(side).toMatchObject({ side: 'purchaser', clientConfirmation: { by: staffId } });
  });
});
