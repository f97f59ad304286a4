/**
 * CSV built in the browser (tables the user exports): the same rules as the service's CSV
 * (server/export/csv.ts) — BOM, CRLF, quoting, and cells beginning with = + - @ tab or CR
 * neutralised with a leading apostrophe so a spreadsheet never runs them as formulas (OWASP).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as CSV text. */
export function csvCell(value) {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : String(value).replace(FORMULA_START, "'$&");
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file's text (without the BOM): header and rows joined with CRLF. */
export function csvText(header, rows) {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
