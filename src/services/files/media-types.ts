// Which kinds of file each use accepts, decided from the content (magic bytes read by file-type),
// never from the name or the browser's claim. Text has no magic bytes: a file that is valid
// UTF-8 without NUL bytes is text/plain (or text/csv when the use takes CSV and the name ends in
// .csv: the name may only choose between two harmless text types). SVG and HTML are never accepted.
import fs from 'node:fs';
import { fileTypeFromFile } from 'file-type';

export const imageTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;

export const officeTypes = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
] as const;

/** What a file is for; each use has its allow-list of media types. */
export type FileUse = 'image' | 'document' | 'attachment';

/** The media types each use accepts. */
export const allowedTypes: Record<FileUse, readonly string[]> = {
  image: imageTypes,
  document: ['application/pdf', ...officeTypes, 'text/plain', 'text/csv'],
  attachment: [...imageTypes, 'application/pdf', ...officeTypes, 'text/plain', 'text/csv'],
};

/** Short names for messages ("JPEG, PNG, WebP, GIF"). */
export const typeLabels: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
  'application/pdf': 'PDF',
  'text/plain': 'TXT',
  'text/csv': 'CSV',
  [officeTypes[0]]: 'DOCX',
  [officeTypes[1]]: 'XLSX',
  [officeTypes[2]]: 'PPTX',
  [officeTypes[3]]: 'ODT',
  [officeTypes[4]]: 'ODS',
  [officeTypes[5]]: 'ODP',
};

/** True for the image types thumbnails are made of (and that may be shown inline). */
export function isImageType(mediaType: string): boolean {
  return (imageTypes as readonly string[]).includes(mediaType);
}

/** The allowed types of a use as a list for people: "JPEG, PNG, WebP, GIF". */
export function describeTypes(use: FileUse): string {
  return [...new Set(allowedTypes[use].map((t) => typeLabels[t] ?? t))].join(', ');
}

function looksLikeUtf8Text(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(65_536);
    const n = fs.readSync(fd, buffer, 0, buffer.length, 0);
    if (n === 0) return false;
    const head = buffer.subarray(0, n);
    if (head.includes(0)) return false;
    // A multi-byte character may be cut at the end of the sample: decode a little less.
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, n === buffer.length ? n - 4 : n));
    return !/^\s*<(!doctype|html|svg|\?xml|script)/i.test(head.toString('utf8', 0, 200));
  } catch {
    return false;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The media type of a file from its content: the magic bytes, or text/plain / text/csv for UTF-8
 * text (never HTML, SVG or XML, which could run script when opened); null when it is neither.
 */
export async function detectMediaType(file: string, originalName: string): Promise<string | null> {
  const found = await fileTypeFromFile(file);
  if (found) return found.mime;
  if (!looksLikeUtf8Text(file)) return null;
  return /\.csv$/i.test(originalName) ? 'text/csv' : 'text/plain';
}
