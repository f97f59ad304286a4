/**
 * What one untrusted file may cost, in one place. Uploads are read by code that decompresses, decodes
 * and renders what the file declares; each limit below stops a file that declares more than a school's
 * contract, report, scan or phone photo ever needs, before the work is done (headers, dictionaries and
 * a pre-scan are checked first) and, failing that, while it is done (a sandbox process with a memory
 * cap and a clock; pdftoppm under prlimit). A file over a limit is refused with a Chinese reason.
 */

const MiB = 1024 * 1024;

/**
 * Longest image side, in pixels, anywhere in the pipeline: photos, scans embedded in PDFs, rendered
 * pages. A 48-megapixel phone photo is 8000 px; a 600 dpi A3 scan 9921 px.
 */
export const MAX_IMAGE_SIDE = 12_000;

/** Most pixels in one image (the decoded image is kept in memory a few times while it is prepared). */
export const MAX_IMAGE_PIXELS = 60_000_000;

/** Limits on reading a PDF (pdf.js in the sandbox process, server/extract/pdf-sandbox/). */
export const PDF_LIMITS = {
  /** Indirect objects (including those inside object streams). A 100-page scan has a few hundred. */
  maxObjects: 200_000,
  /** Arrays and dictionaries inside each other. Real files stay under 10. */
  maxNesting: 100,
  /** Decoded bytes of one stream that is not an image (page contents, fonts, object streams). */
  maxStreamBytes: 64 * MiB,
  /** Decoded bytes of every stream of the file together (a 100-page greyscale scan: ~900 MB). */
  maxDecodedBytes: 1536 * MiB,
  /** Longest page side in points (1/72 in): 2 m, beyond the largest paper size (A0 is 1189 mm). */
  maxPageSidePt: Math.round((2000 / 25.4) * 72),
  /** Shortest page side in points (1 cm). */
  minPageSidePt: Math.round((10 / 25.4) * 72),
  /** Memory of the sandbox process (all of it: heap, decoded streams, images), bytes. */
  processMemoryBytes: 1024 * MiB,
  /** V8 heap of the sandbox process, MB (pdf.js's operator lists and text items live there). */
  heapMb: 384,
  /** Wall-clock time of one read (a whole text layer, or one page image). */
  timeoutMs: 30_000,
  /** Extra time per page when a whole document is read. */
  timeoutPerPageMs: 1_000,
} as const;

/** Limits on `pdftoppm` rasterising one page. */
export const RENDER_LIMITS = {
  /** Address space of the pdftoppm process. */
  memoryBytes: 1024 * MiB,
  /** Wall-clock time of one page. */
  timeoutMs: 60_000,
  /** CPU time of one page (seconds). */
  cpuSeconds: 60,
} as const;
