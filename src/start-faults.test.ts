// Faults of the machine the server runs on, through the real command line: a database file that
// cannot be written, and a log on a full disk.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from './config.js';
import { cliEnv, freePort } from './test-support/cli-server.js';

const cli = (args: string[], env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { cwd: projectRoot, env, encoding: 'utf8', timeout: 120_000 });

/**
 * Makes a file read-only in a way that holds for root too (tests run as root in CI, where chmod does
 * not stop writes): the immutable attribute (`chattr +i`). As another user, chmod is enough.
 * Returns how to undo it, or null when neither works here.
 */
function makeReadOnly(file: string): { how: string; undo(): void } | null {
  if (process.getuid?.() !== 0) {
    const mode = fs.statSync(file).mode & 0o777;
    fs.chmodSync(file, mode & 0o555);
    return { how: 'chmod a-w', undo: () => fs.chmodSync(file, mode) };
  }
  const set = spawnSync('chattr', ['+i', file]);
  if (set.status !== 0) return null;
  return { how: 'chattr +i', undo: () => void spawnSync('chattr', ['-i', file]) };
}

describe('the command line on a faulty machine', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0).reverse()) c();
  });
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-faults-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    return dir;
  };

  it('says which database file is read-only and why, and exits non-zero without a stack trace', (ctx) => {
    const dir = tempDir();
    const migrated = cli(['migrate'], cliEnv(dir));
    expect(migrated.status, migrated.stderr).toBe(0);
    const file = path.join(dir, 'mreza.sqlite');
    const readOnly = makeReadOnly(file);
    if (!readOnly) ctx.skip();
    cleanups.push(() => readOnly!.undo());
    for (const command of ['serve', 'migrate']) {
      const run = cli([command], cliEnv(dir, { PORT: '0' }));
      expect(run.status, `${command}: ${run.stdout}${run.stderr}`).toBe(1);
      expect(run.stderr).toContain(`the database file ${file} is read-only`);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    }
    readOnly!.undo();
    // A writable file in a folder that is not: SQLite could not create its journal (mreza.sqlite-wal) beside it.
    const readOnlyDir = makeReadOnly(dir)!;
    cleanups.push(() => readOnlyDir.undo());
    const run = cli(['serve'], cliEnv(dir, { PORT: '0' }));
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stderr).toContain(`the folder ${dir} of the database file is read-only`);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  }, 180_000);

  it.each(['full', 'closed pipe'] as const)('goes on serving when its standard output fails: %s (/dev/full, or a pipe nobody reads)', async (output) => {
    const dir = tempDir();
    const port = await freePort();
    let stdout: number | 'pipe' = 'pipe';
    if (output === 'full') {
      stdout = fs.openSync('/dev/full', 'w');
      const fd = stdout;
      cleanups.push(() => fs.closeSync(fd));
    }
    // Every request is logged at level info, and the first start prints the network it loaded: all of it fails (ENOSPC, EPIPE).
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
      cwd: projectRoot,
      env: cliEnv(dir, { PORT: String(port), LOG_LEVEL: 'info' }),
      stdio: ['ignore', stdout, 'pipe'],
    });
    // The reader of the pipe goes away at once: every write gets EPIPE.
    if (output === 'closed pipe') server.stdout!.destroy();
    let stderr = '';
    server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    cleanups.push(() => {
      if (server.exitCode === null) server.kill('SIGKILL');
    });
    const base = `http://127.0.0.1:${port}`;
    const until = Date.now() + 110_000;
    let health = 0;
    while (health !== 200) {
      if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}): ${stderr}`);
      if (Date.now() > until) throw new Error(`the server did not answer: ${stderr}`);
      await new Promise((r) => setTimeout(r, 250));
      health = await fetch(`${base}/health`).then(
        (r) => r.status,
        () => 0,
      );
    }
    for (let i = 0; i < 20; i++) {
      expect((await fetch(`${base}/health`)).status).toBe(200);
      expect((await fetch(`${base}/no-such-page-${i}`)).status).toBe(404);
    }
    expect((await fetch(`${base}/libraries`)).status).toBe(200);
    expect(server.exitCode).toBeNull();
    expect(stderr).not.toMatch(/Unhandled 'error' event|ENOSPC|EPIPE/);
    server.kill('SIGTERM');
    await exited;
  }, 150_000);
});
