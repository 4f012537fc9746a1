/** Runs `work` with console.log collected instead of printed (in-process CLI commands); returns its result and what it printed. */
export async function printed<T>(work: () => Promise<T>): Promise<{ result: T; stdout: string }> {
  const log = console.log;
  let stdout = '';
  console.log = (...parts: unknown[]) => void (stdout += `${parts.join(' ')}\n`);
  try {
    return { result: await work(), stdout };
  } finally {
    console.log = log;
  }
}
