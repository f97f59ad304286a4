/**
 * `dsv extract FILE [--json] [--no-ocr]`: prints the extraction of one document (spec shape plus extras).
 * Text PDFs need no OCR; scans and photos use the configured OCR provider, created only when needed.
 * A PDF's sandbox process is started as soon as the file is known to be a PDF, so that it loads pdf.js
 * while this process loads the parsers.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors';
import type { Extraction } from '../../parsers/types';
import { sniffFileType } from '../extract/file-header';
import type { OcrProvider } from '../extract/ocr-provider';
import { closePdfSandbox, prestartPdfSandbox } from '../extract/pdf-sandbox';

const USAGE = '用法：dsv extract FILE [--json] [--no-ocr]';

/** An OCR provider that starts the real engine on first use (text PDFs never pay for it). */
class LazyOcr implements OcrProvider {
  private inner: OcrProvider | null = null;
  private async get(): Promise<OcrProvider> {
    if (!this.inner) {
      const { createOcrProvider } = await import('../extract/ocr/index');
      this.inner = createOcrProvider();
    }
    return this.inner;
  }
  async recognisePdfPage(pdf: Buffer, page: number) {
    return (await this.get()).recognisePdfPage(pdf, page);
  }
  async recogniseImage(img: Buffer, page: number) {
    return (await this.get()).recogniseImage(img, page);
  }
  async close(): Promise<void> {
    if (this.inner) await this.inner.close();
  }
}

function summary(x: Extraction): string {
  if (x.kind === 'contract') {
    return [
      `合同编号：${x.contractNumber ?? '（未识别）'}`,
      `甲方：${x.purchaser.name ?? '（未识别）'}`,
      `乙方：${x.supplier.name ?? '（未识别）'}（${x.supplier.uscc ?? '无统一社会信用代码'}）`,
      `签订日期：${x.signedDate ?? '—'}  交货日期：${x.deliveryDate ?? '—'}  总金额：${x.totalAmount ?? '—'}`,
      ...x.lines.map(
        (l, i) =>
          `  ${i + 1}. ${l.product} ${l.model ?? ''} ${l.quantity ?? '?'}${l.unit ?? ''} × ${l.unitPrice ?? '?'} = ${l.amount ?? '?'}`,
      ),
      `标准：${x.standards.join('、') || '—'}`,
    ].join('\n');
  }
  return [
    `报告编号：${x.reportNumber ?? '（未识别）'}  检验机构：${x.lab.name ?? '（未识别）'}  CMA：${x.lab.cmaNumber ?? '无'}`,
    `样品：${x.sample.name ?? '—'} ${x.sample.model ?? ''}  委托单位：${x.client ?? '—'}`,
    `结论：${x.conclusion === 'pass' ? '合格' : x.conclusion === 'fail' ? '不合格' : '未识别'}  项目 ${x.items.length} 项，不合格 ${x.items.filter((i) => i.verdict === 'fail').length} 项`,
    `依据：${x.standards.join('、') || '—'}`,
  ].join('\n');
}

/** Runs the command; returns the process exit code. */
export async function runExtractCommand(args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const json = args.includes('--json');
  const ocr = args.includes('--no-ocr') ? undefined : new LazyOcr();
  try {
    const buffer = await readFile(file).catch((err: unknown) => {
      throw new AppError('NOT_FOUND', `无法读取文件：${file}`, undefined, { cause: err });
    });
    const isPdf = sniffFileType(buffer.subarray(0, 4096)) === 'pdf';
    if (isPdf) prestartPdfSandbox();
    const { extractDocument } = await import('../extract/extract-document');
    // while the sandbox loads pdf.js (a scan's or photo's OCR dwarfs the parse: no need there)
    if (isPdf) (await import('./warm-up')).warmUpParsers();
    const extraction = await extractDocument(buffer, { fileName: path.basename(file), ocr });
    process.stdout.write(json ? `${JSON.stringify(extraction, null, 2)}\n` : `${summary(extraction)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      process.stderr.write(`错误 [${err.code}]：${err.userMessage}\n`);
      return 1;
    }
    throw err;
  } finally {
    await closePdfSandbox();
    if (ocr) {
      await ocr.close();
      // safety net: OCR worker threads that outlive close() must not keep the command running
      setTimeout(() => process.exit(process.exitCode ?? 0), 10_000).unref();
    }
  }
}
