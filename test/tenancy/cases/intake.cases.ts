/** Tenancy cases for document intake (upload, status, review, files) and contracts/line links. */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { getFileStore } from '../../../server/storage/file-store.service';
import { replaceTestReport } from '../../../models/document-rows.repository';
import { linkReportToLine, storeExtractedDocument } from '../../../models/report.repository';
import type { TestReportExtraction } from '../../../parsers/types';
import { buildContract } from '../../helpers/district-builders';
import { makeBlankPdf } from '../../intake/make-pdf';
import { ALL, DISTRICT, SCHOOL, type TenancyCase } from '../cases';
import type { Target, TenancyFixture } from '../fixture';

const read = { school_staff: SCHOOL, bureau: DISTRICT, admin: ALL };
const uniquePdf = () => Buffer.concat([makeBlankPdf(1), Buffer.from(`%${randomUUID()}\n`)]);

/** A parsed test report document of the target school, with its original on disk. */
async function documentAt(f: TenancyFixture, target: Target): Promise<string> {
  const ctx = f.t.ctx;
  const store = getFileStore(ctx);
  const data = uniquePdf();
  const tmp = await store.writeTemp(Readable.from([data]));
  await store.commitTemp(tmp.tmpPath, tmp.sha256);
  const extraction: TestReportExtraction = {
    kind: 'test_report',
    reportNumber: 'M-1',
    lab: { name: '矩阵检测', cmaNumber: null, cnasNumber: null },
    sample: { name: '校服', model: null, trademark: null, batch: null, safetyClass: null },
    client: '矩阵学校',
    manufacturer: null,
    inspectionType: null,
    dates: { received: null, tested: null, issued: '2024-01-01' },
    standards: [],
    items: [{ name: '甲醛含量', unit: null, requirement: null, result: '16', verdict: 'pass' }],
    conclusion: 'pass',
    pages: 1,
  };
  const documentId = await storeExtractedDocument(ctx.db, {
    schoolId: f.schools[target].id,
    originalName: 'matrix.pdf',
    sha256: tmp.sha256,
    size: tmp.size,
    mime: 'application/pdf',
    extraction,
  });
  await replaceTestReport(ctx.db, documentId, extraction);
  return documentId;
}

async function contractAt(f: TenancyFixture, target: Target) {
  const { contract, lines } = await buildContract(f.t.ctx, { schoolId: f.schools[target].id });
  return { contractId: contract.id, lineId: lines[0]!.id };
}

/** A line of the target school with a report of that school handed in for it. */
async function linkedReportAt(f: TenancyFixture, target: Target) {
  const { lineId } = await contractAt(f, target);
  const documentId = await documentAt(f, target);
  await linkReportToLine(f.t.ctx.db, { lineId, documentId, source: 'school' });
  return { lineId, documentId };
}

export const cases: TenancyCase[] = [
  {
    route: 'POST /api/documents',
    untenanted: true,
    request: () =>
      Promise.resolve({
        method: 'post',
        url: '/api/documents',
        files: [{ field: 'files', buffer: uniquePdf(), filename: 'matrix.pdf' }],
      }),
    allow: { school_staff: ALL },
  },
  {
    route: 'GET /api/documents',
    untenanted: true,
    request: () => Promise.resolve({ method: 'get', url: '/api/documents' }),
    allow: { school_staff: ALL, bureau: ALL, admin: ALL },
  },
  {
    route: 'GET /api/documents/:id',
    request: async (f, target) => ({ method: 'get', url: `/api/documents/${await documentAt(f, target)}` }),
    allow: read,
  },
  {
    route: 'PATCH /api/documents/:id/fields',
    request: async (f, target) => ({
      method: 'patch',
      url: `/api/documents/${await documentAt(f, target)}/fields`,
      body: [{ path: 'sample.model', value: `M-${randomUUID().slice(0, 6)}` }],
    }),
    allow: { school_staff: SCHOOL, bureau: DISTRICT },
  },
  {
    route: 'POST /api/documents/:id/reprocess',
    request: async (f, target) => ({
      method: 'post',
      url: `/api/documents/${await documentAt(f, target)}/reprocess`,
    }),
    allow: { school_staff: SCHOOL, bureau: DISTRICT },
  },
  {
    route: 'POST /api/documents/:id/review-complete',
    request: async (f, target) => ({
      method: 'post',
      url: `/api/documents/${await documentAt(f, target)}/review-complete`,
    }),
    allow: { school_staff: SCHOOL, bureau: DISTRICT },
  },
  {
    route: 'GET /api/documents/:id/corrections',
    request: async (f, target) => ({
      method: 'get',
      url: `/api/documents/${await documentAt(f, target)}/corrections`,
    }),
    allow: read,
  },
  {
    route: 'GET /api/documents/:id/pages/:n/image',
    request: async (f, target) => ({
      method: 'get',
      url: `/api/documents/${await documentAt(f, target)}/pages/1/image`,
    }),
    allow: read,
  },
  {
    route: 'GET /api/documents/:id/file',
    request: async (f, target) => ({
      method: 'get',
      url: `/api/documents/${await documentAt(f, target)}/file`,
    }),
    allow: read,
  },
  {
    route: 'GET /api/contracts',
    untenanted: true,
    request: () => Promise.resolve({ method: 'get', url: '/api/contracts' }),
    allow: { school_staff: ALL, bureau: ALL, admin: ALL },
  },
  {
    route: 'GET /api/contracts/:id',
    request: async (f, target) => ({
      method: 'get',
      url: `/api/contracts/${(await contractAt(f, target)).contractId}`,
    }),
    allow: read,
  },
  {
    route: 'PUT /api/contract-lines/:id/reports',
    request: async (f, target) => ({
      method: 'put',
      url: `/api/contract-lines/${(await contractAt(f, target)).lineId}/reports`,
      body: { documentIds: [] },
    }),
    allow: { school_staff: SCHOOL },
  },
  {
    route: 'GET /api/contract-lines/:id/report-candidates',
    request: async (f, target) => ({
      method: 'get',
      url: `/api/contract-lines/${(await contractAt(f, target)).lineId}/report-candidates?all=true`,
    }),
    allow: { school_staff: SCHOOL },
  },
  {
    route: 'POST /api/contract-lines/:id/reports/:documentId',
    request: async (f, target) => ({
      method: 'post',
      url: `/api/contract-lines/${(await contractAt(f, target)).lineId}/reports/${await documentAt(f, target)}`,
    }),
    allow: { school_staff: SCHOOL },
  },
  {
    route: 'DELETE /api/contract-lines/:id/reports/:documentId',
    request: async (f, target) => ({
      method: 'delete',
      url: `/api/contract-lines/${(await contractAt(f, target)).lineId}/reports/${await documentAt(f, target)}`,
    }),
    allow: { school_staff: SCHOOL },
  },
  {
    route: 'PUT /api/contract-lines/:id/reports/:documentId/client-confirmation',
    request: async (f, target) => {
      const { lineId, documentId } = await linkedReportAt(f, target);
      return {
        method: 'put',
        url: `/api/contract-lines/${lineId}/reports/${documentId}/client-confirmation`,
      };
    },
    allow: { school_staff: SCHOOL },
  },
  {
    route: 'PATCH /api/contract-lines/:id',
    request: async (f, target) => ({
      method: 'patch',
      url: `/api/contract-lines/${(await contractAt(f, target)).lineId}`,
      body: { acceptedDate: '2024-09-02' },
    }),
    allow: { school_staff: SCHOOL },
  },
];
