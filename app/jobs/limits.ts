// Shared by the server and the browser (ExportLinks).

/**
 * Exports of more items than this are prepared by a background job; smaller ones stream at once,
 * a plain link that also works without JavaScript and from scripts: 2,000 rows of CSV take well
 * under a second (docs/performance.md), less than a job's round trip. docs/decisions/0035.
 */
export const EXPORT_DIRECT_ROWS = 2_000
