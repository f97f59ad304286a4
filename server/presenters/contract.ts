/** Contracts and their lines as the API shows them. */
import { z } from 'zod';
import type { ContractLineRow, ContractListRow } from '../../models/contract-query.repository';

export const ContractSummaryView = z.object({
  id: z.uuid(),
  documentId: z.uuid().nullable(),
  documentStatus: z.string().nullable(),
  schoolId: z.uuid(),
  schoolName: z.string(),
  supplierId: z.uuid().nullable(),
  contractNumber: z.string().nullable(),
  purchaserName: z.string().nullable(),
  supplierName: z.string().nullable(),
  supplierUscc: z.string().nullable(),
  signedDate: z.string().nullable(),
  deliveryDate: z.string().nullable(),
  totalAmount: z.number().nullable(),
  standards: z.array(z.string()),
  lineCount: z.number().int(),
  createdAt: z.string(),
});

const LinkView = z.object({
  documentId: z.uuid(),
  originalName: z.string(),
  kind: z.string(),
  status: z.string(),
  source: z.string(),
  reason: z.string().nullable(),
  /** A near-miss 委托单位 a person confirmed for this line: the printed name, who (user id) and when. */
  clientConfirmation: z
    .object({ client: z.string(), by: z.uuid().nullable(), at: z.string().nullable() })
    .nullable(),
});

export const ContractLineView = z.object({
  id: z.uuid(),
  lineNo: z.number().int(),
  product: z.string(),
  category: z.string().nullable(),
  model: z.string().nullable(),
  quantity: z.number().nullable(),
  unit: z.string().nullable(),
  unitPrice: z.number().nullable(),
  amount: z.number().nullable(),
  /** 验收/到货日期 (set by school staff); the school-side report window counts from it */
  acceptedDate: z.string().nullable(),
  reports: z.array(LinkView),
});

export const ContractDetailView = ContractSummaryView.extend({ lines: z.array(ContractLineView) });

const num = (v: string | null) => (v === null ? null : Number(v));

export function presentContractSummary(r: ContractListRow): z.infer<typeof ContractSummaryView> {
  const c = r.contract;
  return {
    id: c.id,
    documentId: c.documentId,
    documentStatus: r.documentStatus ?? null,
    schoolId: c.schoolId,
    schoolName: r.schoolName,
    supplierId: c.supplierId,
    contractNumber: c.contractNumber,
    purchaserName: c.purchaserName,
    supplierName: c.supplierName,
    supplierUscc: c.supplierUscc,
    signedDate: c.signedDate,
    deliveryDate: c.deliveryDate,
    totalAmount: num(c.totalAmount),
    standards: c.standards,
    lineCount: r.lineCount,
    createdAt: c.createdAt.toISOString(),
  };
}

export function presentContractLine(
  l: ContractLineRow,
  links: z.infer<typeof LinkView>[],
): z.infer<typeof ContractLineView> {
  return {
    id: l.id,
    lineNo: l.lineNo,
    product: l.product,
    category: l.category,
    model: l.model,
    quantity: num(l.quantity),
    unit: l.unit,
    unitPrice: num(l.unitPrice),
    amount: num(l.amount),
    acceptedDate: l.acceptedDate,
    reports: links,
  };
}
