import type { Generated, Selectable } from 'kysely';

/** One uploaded file: its bytes are kept once per hash by the storage. */
export interface FileTable {
  id: Generated<number>;
  /** sha-256 of the bytes, hex. */
  hash: string;
  size: number;
  /** From the content, never from the name. */
  media_type: string;
  original_name: string;
  /** What an image shows, for people who cannot see it; required for images shown on pages. */
  alt_text: string | null;
  width: number | null;
  height: number | null;
  created_by: number | null;
  created_at: string;
}

/** An owner's hold on a file: while one exists the file stays. */
export interface FileRefTable {
  file_id: number;
  /** The owning kind as the owner's module names it: `library`, `practice`, `meeting` … */
  owner_kind: string;
  owner_id: string;
  /** What the file is to the owner: `photo`, `attachment`, `minutes` … */
  role: string;
  created_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    files: FileTable;
    file_refs: FileRefTable;
  }
}

export type FileRow = Selectable<FileTable>;
export type FileRef = Selectable<FileRefTable>;
