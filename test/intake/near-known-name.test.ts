/**
 * Party names checked against the district's registered names: a rare character OCR misreads (涪 as 培)
 * leaves a name one character away from a school or bureau of the district. A name OCR read is decoded
 * to the registered one and flagged with what was read; a name printed in a text layer is kept and
 * flagged with the registered name. Through the real pipeline, OCR and database.
 */
import {
  buildDistrict,
  buildSchool,
  buildUser,
  startTestApp,
  tokenFor,
  type TestApp,
} from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { corpusFile, upload, waitForDocument } from './intake-helpers';

describe(`party names near a registered name (${testDriver()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { services: true });
  });
  afterAll(() => t.close());

  async function uploadReportAs(bureauName: string, file = 'doc-005.pdf') {
    const district = await buildDistrict(t.ctx, { bureauName });
    const school = await buildSchool(t.ctx, { districtId: district.id });
    const staff = await tokenFor(
      t.app,
      (await buildUser(t.ctx, 'school_staff', { schoolId: school.id })).username,
    );
    const res = await upload(t.app, staff, [{ data: corpusFile(file), name: '报告.pdf' }]);
    expect(res.status).toBe(202);
    return waitForDocument(t.app, staff, res.body.documents[0].id as string, 170_000);
  }

  // doc-005: a text-PDF report whose 委托单位 is printed as 江州市涪溪区教育委员会
  test('When the client is one character off the bureau registered in the district, then it is flagged with that name', async () => {
    const doc = await uploadReportAs('江州市培溪区教育委员会');

    expect(doc.status).toBe('needs_review');
    expect(doc.reviewFields).toContainEqual({
      path: 'client',
      reason: 'near_known_name',
      message: expect.stringContaining('江州市培溪区教育委员会') as unknown,
      // offered for one-click review, the extracted value itself is kept
      suggestion: '江州市培溪区教育委员会',
    });
  });

  test('When the client is exactly the registered bureau, then it is not flagged', async () => {
    const doc = await uploadReportAs('江州市涪溪区教育委员会');

    expect(doc.reviewFields.map((f: { reason: string }) => f.reason)).not.toContain('near_known_name');
  });

  // doc-029: a scanned report whose 委托单位 江州市涪溪区教育委员会 OCR reads without its rare 涪
  test('When OCR misreads the client of a scanned report, then it is decoded to the registered bureau and flagged with the reading', async () => {
    const doc = await uploadReportAs('江州市涪溪区教育委员会', 'doc-029.pdf');

    expect(doc.effective.form).toBe('scanned_pdf');
    expect(doc.effective.client).toBe('江州市涪溪区教育委员会');
    expect(doc.status).toBe('needs_review');
    const flag = doc.reviewFields.find((f: { path: string }) => f.path === 'client');
    expect(flag).toEqual({
      path: 'client',
      reason: 'name_decoded',
      message: expect.stringContaining('已按登记名称更正为“江州市涪溪区教育委员会”') as unknown,
    });
    // the message names what OCR read, which is not the registered name
    expect(flag.message).toMatch(/识别为“江州市.*溪区教育委员会”/);
    expect(flag.message).not.toContain('识别为“江州市涪溪区教育委员会”');
  }, 180_000);
});
