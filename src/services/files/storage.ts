// Where the bytes of files live. Modules never see this: they hold file ids; the service keeps
// bytes under their sha-256 (the same bytes once) and derived images (thumbnails) under keys
// made from it. An upload is first written to a temporary file on the machine (so its hash and
// type are known before anything is kept) and then handed to `put`, which for the local folder is
// a rename: a killed process leaves at most a temporary file, never half a file in the store.
//
// An S3-compatible store would implement the same interface (put = upload the temporary file,
// read = GetObject stream, delete = DeleteObject); only the configuration would choose it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** A temporary file being written on this machine, before it joins the store. */
export interface TempFile {
  path: string;
  stream: Writable;
}

/** The bytes of files, kept by key (a content hash, or a hash with a suffix for derived images). */
export interface BlobStorage {
  /** Opens a new temporary file for an upload or a derived image. */
  createTemp(): TempFile;
  /** Moves a finished temporary file into the store under `key`; when the key is there already (the same bytes), the temporary file is dropped. */
  put(tempPath: string, key: string): Promise<void>;
  /** True when the store holds `key`. */
  has(key: string): Promise<boolean>;
  /** The bytes of `key` as a stream (an error event if it is missing). */
  read(key: string): Readable;
  /** Forgets `key`; nothing happens when it is not there. */
  delete(key: string): Promise<void>;
  /** Removes temporary files older than `olderThanMs` left by a killed process; returns how many. */
  sweepTemp(olderThanMs: number): Promise<number>;
}

const keyPattern = /^[a-f0-9]{64}(\.[a-z0-9]+)*$/;

/** The store in a folder of this machine (by default `files/` in the data folder), two levels of hash prefixes deep. */
export class LocalFolderStorage implements BlobStorage {
  private readonly tempDir: string;

  constructor(readonly root: string) {
    this.tempDir = path.join(root, 'tmp');
  }

  private pathOf(key: string): string {
    // Keys are made by the service, never from a request; the check keeps it that way.
    if (!keyPattern.test(key)) throw new Error(`bad storage key ${JSON.stringify(key)}`);
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  createTemp(): TempFile {
    fs.mkdirSync(this.tempDir, { recursive: true });
    const file = path.join(this.tempDir, `${Date.now()}-${crypto.randomBytes(8).toString('hex')}.part`);
    return { path: file, stream: fs.createWriteStream(file, { flags: 'wx' }) };
  }

  async put(tempPath: string, key: string): Promise<void> {
    const target = this.pathOf(key);
    if (fs.existsSync(target)) {
      await fs.promises.rm(tempPath, { force: true });
      return;
    }
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.rename(tempPath, target);
  }

  async has(key: string): Promise<boolean> {
    return fs.existsSync(this.pathOf(key));
  }

  read(key: string): Readable {
    return fs.createReadStream(this.pathOf(key));
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }

  async sweepTemp(olderThanMs: number): Promise<number> {
    let removed = 0;
    let names: string[];
    try {
      names = await fs.promises.readdir(this.tempDir);
    } catch {
      return 0;
    }
    const cutoff = Date.now() - olderThanMs;
    for (const name of names) {
      const file = path.join(this.tempDir, name);
      const stat = await fs.promises.stat(file).catch(() => null);
      if (stat && stat.mtimeMs < cutoff) {
        await fs.promises.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
