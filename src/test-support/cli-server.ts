// The real server as an operator runs it: `src/main.ts serve` from source (as `npm run dev` does) in a
// child process, on a free loopback port and a data folder of the test's, for tests of the whole product.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { projectRoot } from '../config.js';

/** A loopback port nobody listens on now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface CliServer {
  /** http://127.0.0.1:PORT */
  base: string;
  /** Everything the server printed so far. */
  output(): string;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
}

/** The environment a CLI command of the tests runs with: SQLite in `dataDir`, quiet logs. */
export function cliEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, MREZA_DATA_DIR: dataDir, DATABASE_URL: '', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...extra };
}

/** Starts `serve` on `dataDir` and resolves once it says it is serving (rejects if it exits or takes longer than `timeoutMs`). */
export async function startCliServer(dataDir: string, timeoutMs = 90_000): Promise<CliServer> {
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: projectRoot,
    env: cliEnv(dataDir, { PORT: String(port) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${log}`)), timeoutMs);
    server.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Mreža is serving')) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}): ${log}`));
    });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    output: () => log,
    stop: async () => {
      if (server.exitCode !== null) return;
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    },
  };
}
