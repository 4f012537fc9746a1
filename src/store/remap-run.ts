/**
 * A stored evaluation run's report with its audio references moved from one set of ids to another
 * (dataset audio_key → store audio id): `files[].audioId` and every row's `perFile.files` (audio
 * ids as strings). Everything else is kept as it was. `ids` is a map (an id missing from it is left
 * unchanged) or a function (an attached dataset's audio_key → its attached audio id).
 */
export function remapRunReport(report: Record<string, unknown>, ids: ReadonlyMap<number, number> | ((id: number) => number)): Record<string, unknown> {
  const to = typeof ids === 'function' ? ids : (id: number) => ids.get(id) ?? id;
  const out: Record<string, unknown> = { ...report };
  if (Array.isArray(report['files'])) {
    out['files'] = (report['files'] as Record<string, unknown>[]).map((f) => (typeof f?.['audioId'] === 'number' ? { ...f, audioId: to(f['audioId']) } : f));
  }
  if (Array.isArray(report['rows'])) {
    out['rows'] = (report['rows'] as Record<string, unknown>[]).map((row) => {
      const perFile = row?.['perFile'] as { files?: unknown } | undefined;
      if (!perFile || !Array.isArray(perFile.files)) return row;
      return { ...row, perFile: { ...perFile, files: perFile.files.map((f) => (typeof f === 'string' && /^\d+$/.test(f) ? String(to(Number(f))) : f)) } };
    });
  }
  return out;
}
