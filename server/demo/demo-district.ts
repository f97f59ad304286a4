/**
 * The demo district (演示区县): its names, and the documents made for it (server/demo/documents/, rendered
 * from these names by `npm run demo:documents`, bench/demo-documents.ts). Loaded on the first start of an
 * empty embedded database so that a newcomer sees findings, a dashboard and a supplier list; the files in
 * server/demo/samples/ are for the newcomer to upload as `school`.
 */
import path from 'node:path';

export const DEMO_DISTRICT = {
  code: 'demo',
  name: '示范市明德区',
  bureauName: '示范市明德区教育局',
} as const;

export const DEMO_SCHOOLS = {
  primary: { name: '示范市明德区实验小学', kind: 'primary' },
  kindergarten: { name: '示范市明德区阳光幼儿园', kind: 'kindergarten' },
} as const;

export type DemoSchool = keyof typeof DEMO_SCHOOLS;

/** The demo suppliers (USCCs with a valid check character, made for the demo). */
export const DEMO_SUPPLIERS = {
  uniforms: { name: '示范市明德服饰有限公司', uscc: '91110108MA01DEM7XY' },
  kindergarten: { name: '示范市童趣服饰有限公司', uscc: '91110108MA02DEM8YM' },
} as const;

export interface DemoDocument {
  file: string;
  /** The demo school whose account uploads it. */
  school: DemoSchool;
  kind: 'contract' | 'test_report';
}

/** Loaded on first start, in this order (reports first: the contract's arrival matches them to its lines). */
export const DEMO_DOCUMENTS: readonly DemoDocument[] = [
  { file: '实验小学-夏季校服-供应商送检报告.pdf', school: 'primary', kind: 'test_report' },
  { file: '实验小学-夏季校服-学校送检报告.pdf', school: 'primary', kind: 'test_report' },
  { file: '实验小学-冬季校服-供应商送检报告.pdf', school: 'primary', kind: 'test_report' },
  { file: '实验小学-校服采购合同.pdf', school: 'primary', kind: 'contract' },
  { file: '阳光幼儿园-园服-供应商送检报告.pdf', school: 'kindergarten', kind: 'test_report' },
  { file: '阳光幼儿园-园服-幼儿园送检报告.pdf', school: 'kindergarten', kind: 'test_report' },
  { file: '阳光幼儿园-园服采购合同.pdf', school: 'kindergarten', kind: 'contract' },
];

/** Not loaded: for a newcomer to upload as `school` (the winter uniform's school-side report). */
export const DEMO_SAMPLES: readonly string[] = ['实验小学-冬季校服-学校送检报告.pdf'];

/** The folder of the demo's files (`documents` loaded on first start, `samples` to upload by hand). */
export function demoFilesDir(which: 'documents' | 'samples'): string {
  // compiled to dist/server/demo/: the PDFs stay in the source tree
  const fromDist = path.resolve(__dirname, '..', '..', '..', 'server', 'demo', which);
  return __dirname.includes(`${path.sep}dist${path.sep}`) ? fromDist : path.join(__dirname, which);
}
