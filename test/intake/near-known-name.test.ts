/**
 * Party names checked against the district's registered names: a rare character OCR misreads (涪 as 培)
 * leaves a name one character away from a school or bureau of the district. Such a field is flagged for
 * review with the registered name, through the real pipeline and database.
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

  async function uploadReportAs(bureauName: string) {
    const district = await buildDistrict(t.ctx, { bureauName });
    const school = await buildSchool(t.ctx, { districtId: district.id });
    const staff = await tokenFor(
      t.app,
      (await buildUser(t.ctx, 'school_staff', { schoolId: school.id })).username,
    );
    // a text-PDF report whose 委托单位 is printed as 江州市涪溪区教育委员会
    const res = await upload(t.app, staff, [{ data: corpusFile('doc-005.pdf'), name: '报告.pdf' }]);
    expect(res.status).toBe(202);
    return waitForDocument(t.app, staff, res.body.documents[0].id as string);
  }

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
});
