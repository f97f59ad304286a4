/**
 * Contracts in layouts the parser was not written for (issue 13 point 2): one corpus contract printed
 * by the generator (bench/layouts/contract-html.ts) as text PDFs with Chromium — clause style, a
 * key/value party block with the goods columns reordered and brand/maker columns, 买方/卖方 with the
 * total only in 大写, English labels — then extracted; every field and goods line must come back.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CONTRACT_VARIANTS,
  capitalAmount,
  renderContract,
  type ContractTruth,
} from '../../bench/layouts/contract-html';
import { withPrinter } from '../../bench/layouts/generate';
import { extractDocument } from '../../server/extract/extract-document';
import type { ContractExtraction } from '../../parsers/types';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/dev');
const truth = JSON.parse(readFileSync(path.join(CORPUS, 'truth', 'doc-014.json'), 'utf8')) as ContractTruth;

const pdfs = new Map<string, Buffer>();
beforeAll(async () => {
  await withPrinter(async (printer) => {
    for (const v of CONTRACT_VARIANTS) pdfs.set(v.id, await printer.print(renderContract(truth, v).html));
  });
}, 120_000);

const fields = (
  c: Pick<
    ContractExtraction,
    'contractNumber' | 'purchaser' | 'supplier' | 'signedDate' | 'deliveryDate' | 'totalAmount' | 'lines'
  >,
) => ({
  contractNumber: c.contractNumber,
  purchaser: c.purchaser.name,
  supplier: c.supplier.name,
  uscc: c.supplier.uscc,
  signedDate: c.signedDate,
  deliveryDate: c.deliveryDate,
  totalAmount: c.totalAmount,
  lines: c.lines.map((l) => [l.product, l.model, l.quantity, l.unit, l.unitPrice, l.amount]),
});

describe('contracts in layouts the parser was not written for', () => {
  it.each(CONTRACT_VARIANTS.map((v) => v.id))(
    'When the contract is printed as %s, then every field and goods line is read',
    async (id) => {
      const x = (await extractDocument(pdfs.get(id) ?? Buffer.alloc(0))) as ContractExtraction;
      expect(x.kind).toBe('contract');
      expect(fields(x)).toEqual(fields(truth as unknown as ContractExtraction));
    },
  );

  it.each([
    [476135.5, '肆拾柒万陆仟壹佰叁拾伍元伍角整'],
    [12300, '壹万贰仟叁佰元整'],
    [100500.05, '壹拾万零伍佰元零伍分'],
  ])('the generator prints %d in 大写 as %s', (n, text) => {
    expect(capitalAmount(n)).toBe(text);
  });
});
