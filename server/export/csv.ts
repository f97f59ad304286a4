/**
 * CSV for people who open it in a spreadsheet: UTF-8 with a BOM (Excel then reads Chinese text
 * correctly), CRLF line ends, RFC 4180 quoting — and every cell that a spreadsheet would run as a
 * formula neutralised (OWASP "CSV Injection"): a cell beginning with `=`, `+`, `-`, `@`, a tab or a
 * carriage return gets a leading apostrophe, so `=HYPERLINK(…)` shows as text instead of a link.
 * Every CSV the service writes goes through `toCsv` (the browser's copy is
 * server/web/public/js/csv.js, tested against the same cases).
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as text: formula starts neutralised, then quoted when it holds `"`, `,`, CR or LF. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  // Numbers are written by us, not typed by a user: a negative number stays a number.
  const text = typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV file: header and rows, UTF-8 with BOM, CRLF. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): Buffer {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}
