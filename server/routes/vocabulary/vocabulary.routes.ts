import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { VOCABULARY } from '../../vocabulary';

const labels = z.record(z.string(), z.string());
const toned = z.record(z.string(), z.object({ label: z.string(), tone: z.string() }));

export const vocabularyRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/vocabulary',
    summary: '代码与中文名称对照（角色、产品类别、文档状态、处理阶段、问题类型等）',
    tag: '基础数据',
    access: 'public',
    response: z.object({
      roles: labels,
      schoolKinds: labels,
      categories: labels,
      documentKinds: labels,
      documentStatuses: toned,
      stages: labels,
      findings: labels,
      lineStatuses: toned,
      sides: labels,
      severities: z.record(z.string(), z.object({ label: z.string(), tone: z.string(), rank: z.number() })),
      inspectionTypes: labels,
      samplingKinds: labels,
      verdicts: labels,
      conclusions: labels,
      safetyClasses: labels,
    }),
    handler: () => Promise.resolve(VOCABULARY),
  }),
];
