/**
 * What a failed write to standard output or error means. A reader that stops early (`vos-audit … | head`) closes
 * its end of the pipe: the rest of the report has nowhere to go, which is the reader's choice, not a failure, and
 * the audit keeps its exit code. Anything else (a full disk behind `> report.txt`) lost part of the report: one
 * line on standard error, exit 2.
 */
export function reportWriteFailures(): void {
  let reported = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || reported) return;
    reported = true;
    process.exitCode = 2;
    process.stderr.write(`vos-audit: cannot write the report to standard output: ${error.message}\n`);
  });
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') process.exitCode = 2;
  });
}
