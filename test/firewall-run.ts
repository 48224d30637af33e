import { main, type CliStreams } from '../src/cli/program.ts';

/** Runs `vos-audit firewall ARGS` in this process, from the repository's root, and collects what it prints. */
export async function firewall(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const streams: CliStreams = {
    stdout: { write: (chunk) => (stdout += String(chunk)) },
    stderr: { write: (chunk) => (stderr += chunk) },
    env: {},
    readStandardInput: () => Buffer.alloc(0),
  };
  const root = new URL('..', import.meta.url).pathname;
  const previous = process.cwd();
  process.chdir(root);
  try {
    const status = await main(['node', 'vos-audit', 'firewall', ...args], streams);
    return { status, stdout, stderr };
  } finally {
    process.chdir(previous);
  }
}
