// The files service: takes an upload in (streamed, size-limited, typed from its content, hashed),
// keeps the bytes once per hash, records the file, lets owners hold references, decides who may
// read a file by asking its owners, and removes a file (and, when no other file shares them, its
// bytes) once nothing refers to it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import sharp from 'sharp';
import type { Db } from '../../db/database.js';
import type { CurrentUser } from '../../web/access.js';
import { AppError, invalid } from '../../web/errors.js';
import { allowedTypes, describeTypes, detectMediaType, isImageType, type FileUse } from './media-types.js';
import * as queries from './queries.js';
import type { BlobStorage } from './storage.js';
import type { FileRef, FileRow } from './tables.js';

/** Who holds a file: a kind of owner (named by its module), the owner's id, and what the file is to it. */
export interface FileOwner {
  kind: string;
  id: string;
  role: string;
}

/** The rules an owning module registers for its kind: who may read the files it holds. */
export interface FileOwnerRules {
  canRead(user: CurrentUser | null, ownerId: string, role: string): boolean | Promise<boolean>;
}

/** What a module passes to store an upload. */
export interface SaveInput {
  stream: Readable;
  /** The name the file had on the uploader's computer (shown and offered on download, never trusted for the type). */
  originalName: string;
  use: FileUse;
  createdBy: number | null;
  altText?: string | null;
  /** The form field the file came from, for error messages (default `file`). */
  field?: string;
}

/** Widths thumbnails are made in; a request for another width gets the next larger one. */
export const thumbnailWidths = [160, 480, 960] as const;

/** Largest image (in pixels) decoded for size and thumbnails: a decompression bomb stops here. */
const maxImagePixels = 50_000_000;
/** An upload nothing referred to within this time is removed by the sweep. */
export const unreferencedGraceMs = 60 * 60 * 1000;

class TooLarge extends Error {}

const now = () => new Date().toISOString();

function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

export class FileService {
  private readonly owners = new Map<string, FileOwnerRules>();

  constructor(
    readonly db: Db,
    readonly storage: BlobStorage,
    /** Largest file accepted, in bytes. */
    readonly maxBytes: number,
  ) {}

  /** Registers who may read the files held by owners of `kind`; without it, only signed-in staff may. */
  registerOwner(kind: string, rules: FileOwnerRules): void {
    this.owners.set(kind, rules);
  }

  /**
   * Stores an upload: streamed to a temporary file while hashed and measured, typed from its
   * content and checked against the use's allow-list, recorded, then moved into the store. A
   * refused file leaves nothing behind; a full disk is a clear error and records nothing.
   * Throws a validation AppError naming `field` for a file that is empty, too large or of a refused type.
   */
  async save(input: SaveInput): Promise<FileRow> {
    const field = input.field ?? 'file';
    const originalName = safeOriginalName(input.originalName);
    const temp = this.storage.createTemp();
    const hash = crypto.createHash('sha256');
    let size = 0;
    const max = this.maxBytes;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > max) return callback(new TooLarge());
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    const drop = async () => {
      // A write stream destroyed while its file is still opening creates the file after the error: let it close first.
      await finished(temp.stream).catch(() => undefined);
      await fs.promises.rm(temp.path, { force: true });
    };
    try {
      await pipeline(input.stream, meter, temp.stream);
    } catch (error) {
      await drop();
      input.stream.resume();
      if (error instanceof TooLarge) throw this.tooLarge(field);
      if (isDiskFull(error)) throw new AppError('unavailable', 'files.error.storageFull');
      throw error;
    }
    // @fastify/multipart stops reading at its own limit and marks the stream truncated.
    if ((input.stream as { truncated?: boolean }).truncated) {
      await drop();
      throw this.tooLarge(field);
    }
    if (size === 0) {
      await drop();
      throw invalid([{ field, key: 'files.upload.empty' }]);
    }
    const mediaType = await detectMediaType(temp.path, originalName);
    if (mediaType === null || !allowedTypes[input.use].includes(mediaType)) {
      await drop();
      throw invalid([{ field, key: 'files.upload.wrongType', values: { allowed: describeTypes(input.use) } }]);
    }
    let width: number | null = null;
    let height: number | null = null;
    if (isImageType(mediaType)) {
      const meta = await sharp(temp.path, { limitInputPixels: maxImagePixels }).metadata().catch(() => null);
      if (!meta?.width || !meta.height || meta.width * meta.height > maxImagePixels) {
        await drop();
        throw invalid([{ field, key: 'files.upload.badImage' }]);
      }
      width = meta.width;
      height = meta.height;
    }
    const row = await queries.insertFile(this.db, {
      hash: hash.digest('hex'),
      size,
      media_type: mediaType,
      original_name: originalName,
      alt_text: input.altText?.trim() || null,
      width,
      height,
      created_by: input.createdBy,
      created_at: now(),
    });
    // The row first, the bytes second: a removal running at the same moment either sees this row
    // and keeps the bytes, or deleted them before this put, which brings them back.
    try {
      await this.storage.put(temp.path, row.hash);
    } catch (error) {
      await drop();
      await queries.deleteFile(this.db, row.id);
      if (isDiskFull(error)) throw new AppError('unavailable', 'files.error.storageFull');
      throw error;
    }
    return normalise(row);
  }

  private tooLarge(field: string): AppError {
    return invalid([{ field, key: 'files.upload.tooLarge', values: { max: Math.floor(this.maxBytes / 1024 / 1024) } }]);
  }

  /** One file's record. */
  async get(id: number): Promise<FileRow | undefined> {
    const row = await queries.getFile(this.db, id);
    return row ? normalise(row) : undefined;
  }

  /** Sets an image's alternative text. */
  async setAltText(id: number, altText: string | null, db: Db = this.db): Promise<void> {
    await queries.updateFileAltText(db, id, altText?.trim() || null);
  }

  /** Makes `owner` hold the file (pass a transaction to tie it to the owner's own change). */
  async link(fileId: number, owner: FileOwner, db: Db = this.db): Promise<void> {
    if (!(await queries.hasFileRef(db, fileId, owner))) await queries.insertFileRef(db, fileId, owner, now());
  }

  /**
   * Lets `owner` hold only this file in its role (a library's one photo): the files it held
   * before are unlinked and, if nothing else holds them, removed.
   */
  async replace(fileId: number, owner: FileOwner): Promise<void> {
    const before = await this.filesOf(owner);
    await this.link(fileId, owner);
    for (const file of before) if (file.id !== fileId) await this.unlink(file.id, owner);
  }

  /** Drops `owner`'s hold on the file; a file nothing holds any more is removed with its bytes. */
  async unlink(fileId: number, owner: FileOwner): Promise<void> {
    await queries.deleteFileRef(this.db, fileId, owner);
    await this.removeIfUnreferenced(fileId);
  }

  /** Drops every hold of an owner (all roles, or one), e.g. when the owner is deleted. */
  async unlinkAll(kind: string, ownerId: string, role?: string): Promise<void> {
    const fileIds = await queries.listOwnerFileIds(this.db, kind, ownerId, role);
    await queries.deleteOwnerFileRefs(this.db, kind, ownerId, role);
    for (const fileId of fileIds) await this.removeIfUnreferenced(fileId);
  }

  /** The files an owner holds in a role, oldest first. */
  async filesOf(owner: FileOwner): Promise<FileRow[]> {
    return (await queries.listOwnerFiles(this.db, owner)).map(normalise);
  }

  /** The references to a file. */
  async refsOf(fileId: number): Promise<FileRef[]> {
    return queries.listFileRefs(this.db, fileId);
  }

  /**
   * May this person read the file? Yes when an owner holding it says so (its registered rule;
   * signed-in staff for a kind without one); a file no one holds yet only its uploader and the admin.
   */
  async canRead(user: CurrentUser | null, file: FileRow): Promise<boolean> {
    const refs = await this.refsOf(file.id);
    if (refs.length === 0) return user !== null && (user.role === 'admin' || user.id === file.created_by);
    for (const ref of refs) {
      const rules = this.owners.get(ref.owner_kind);
      const allowed = rules ? await rules.canRead(user, ref.owner_id, ref.role) : user !== null;
      if (allowed) return true;
    }
    return false;
  }

  /** Removes the file if nothing holds it; its bytes and thumbnails go when no other file shares them. Returns whether it was removed. */
  async removeIfUnreferenced(fileId: number): Promise<boolean> {
    const file = await this.get(fileId);
    if (!file) return false;
    if (await queries.isFileReferenced(this.db, fileId)) return false;
    await queries.deleteFile(this.db, fileId);
    if (!(await queries.anyFileWithHash(this.db, file.hash))) {
      await this.storage.delete(file.hash);
      for (const width of thumbnailWidths) await this.storage.delete(thumbnailKey(file.hash, width));
    }
    return true;
  }

  /**
   * Removes files no owner took within the grace time (an upload whose form was then abandoned)
   * and temporary files a killed process left; returns how many files were removed.
   */
  async sweep(graceMs = unreferencedGraceMs): Promise<number> {
    const cutoff = new Date(Date.now() - graceMs).toISOString();
    const orphans = await queries.listUnreferencedFileIds(this.db, cutoff);
    let removed = 0;
    for (const orphanId of orphans) if (await this.removeIfUnreferenced(orphanId)) removed++;
    await this.storage.sweepTemp(Math.max(graceMs, 60_000));
    return removed;
  }

  /** The storage key of an image's thumbnail of the given width, made (WebP) on first use. */
  async thumbnail(file: FileRow, width: number): Promise<string> {
    const w = thumbnailWidths.find((t) => t >= width) ?? thumbnailWidths[thumbnailWidths.length - 1]!;
    const key = thumbnailKey(file.hash, w);
    if (await this.storage.has(key)) return key;
    const temp = this.storage.createTemp();
    try {
      const resize = sharp({ limitInputPixels: maxImagePixels }).rotate().resize({ width: w, height: w, fit: 'inside', withoutEnlargement: true }).webp({ quality: 80 });
      await pipeline(this.storage.read(file.hash), resize, temp.stream);
      await this.storage.put(temp.path, key);
    } catch (error) {
      await fs.promises.rm(temp.path, { force: true });
      throw error;
    }
    return key;
  }
}

/** The key of a thumbnail: the original's hash with its width. */
export function thumbnailKey(hash: string, width: number): string {
  return `${hash}.w${width}.webp`;
}

/** The uploader's file name without folders or control characters, at most 200 characters. */
export function safeOriginalName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || 'file';
}

function normalise(row: FileRow): FileRow {
  return { ...row, id: Number(row.id), size: Number(row.size), created_by: row.created_by === null ? null : Number(row.created_by) };
}
