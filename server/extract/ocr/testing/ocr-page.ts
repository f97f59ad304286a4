/**
 * Test helper run as a child process: OCRs one page of a PDF or an image with one worker and prints
 * the recognised text as JSON. Used to prove that OCR runs with the network blocked.
 *   node --require ./block-network.cjs --import tsx ocr-page.ts FILE [PAGE] [ENGINE]
 */
import { readFileSync } from 'node:fs';
import { createOcrProvider, type OcrEngineName } from '../index';

async function main(): Promise<void> {
  const [file, pageArg, engineArg] = process.argv.slice(2);
  if (!file) throw new Error('usage: ocr-page FILE [PAGE] [ENGINE]');
  const page = Number(pageArg ?? 1);
  const engine: OcrEngineName = engineArg === 'paddle' ? 'paddle' : 'tesseract';
  const provider = createOcrProvider({ engine, workers: 1 });
  try {
    const buf = readFileSync(file);
    const result = file.toLowerCase().endsWith('.pdf')
      ? await provider.recognisePdfPage(buf, page)
      : await provider.recogniseImage(buf, page);
    process.stdout.write(JSON.stringify({ text: result.lines.map((l) => l.text).join('\n') }));
  } finally {
    await provider.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
