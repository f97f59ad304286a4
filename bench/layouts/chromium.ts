/**
 * HTML → text PDF with Debian's Chromium driven by playwright-core (a dev dependency; no browser
 * download). Launch flags as the machine notes give them: no sandbox as root, no background
 * networking on a closed network.
 */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface PdfPrinter {
  print(html: string): Promise<Buffer>;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with the machine notes' flags. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function startPdfPrinter(): Promise<PdfPrinter> {
  const browser = await launchChromium();
  const context = await browser.newContext();
  return {
    async print(html: string): Promise<Buffer> {
      const page = await context.newPage();
      try {
        await page.setContent(html, { waitUntil: 'load' });
        // a layout page whose content does not fit would be cut silently: refuse it
        // (and a flowing document, `.flow`, whose content is wider than its page)
        const overflow = await page.evaluate(
          () =>
            Array.from(document.querySelectorAll('.page')).some((p) => p.scrollHeight > p.clientHeight + 2) ||
            Array.from(document.querySelectorAll('.flow')).some((p) => p.scrollWidth > p.clientWidth + 2),
        );
        if (overflow) {
          throw new Error(
            `the layout does not fit its pages: ${html.slice(html.indexOf('<b>'), html.indexOf('</b>'))}`,
          );
        }
        return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      } finally {
        await page.close();
      }
    },
    close: () => browser.close(),
  };
}
