// A library's description (Markdown, through the text service) and photo (through the files
// service), written by the library's own staff; the description is in the content search, so
// the public /libraries search finds a library by words of it.
import { recordAudit } from '../../audit/audit-log.js';
import type { Db } from '../../db/database.js';
import type { FileOwner, FileRow, FileService } from '../../services/files/index.js';
import { indexContent, removeContent, renderMarkdown, searchContent, type TextPart } from '../../services/text/index.js';
import type { CurrentUser } from '../../web/access.js';
import { forbidden, invalid, notFound, type FieldError } from '../../web/errors.js';
import { networkChanged } from './changes.js';
import { canEditLibraryAbout } from './policy.js';
import * as q from './queries.js';
import type { Library } from './tables.js';

/** The content-search kind and file owner kind of a library. */
export const libraryKind = 'library';
/** Longest description accepted, in characters. */
export const maxDescriptionLength = 20_000;
/** Longest alternative text of the photo. */
export const maxAltTextLength = 300;

const photoOwner = (libraryId: string): FileOwner => ({ kind: libraryKind, id: libraryId, role: 'photo' });

/** What a library's page shows about it: the description as safe HTML and its photo. */
export interface LibraryAbout {
  descriptionMd: string | null;
  html: string;
  photo: FileRow | null;
}

/** A library's description (rendered) and photo; the caller has read the library's row already. */
export async function libraryAbout(files: FileService, library: Pick<Library, 'id' | 'description_md'>): Promise<LibraryAbout> {
  const [photo] = await files.filesOf(photoOwner(library.id));
  return { descriptionMd: library.description_md, html: library.description_md ? renderMarkdown(library.description_md).html : '', photo: photo ?? null };
}

/** What the form sends. */
export interface LibraryAboutInput {
  description: string | null;
  altText: string | null;
  /** A photo just uploaded (not yet held by anyone) to become the library's photo. */
  newPhotoId: number | null;
  removePhoto: boolean;
}

/**
 * Saves a library's description and photo: checks scope and input (a photo needs its alternative
 * text), audits, puts the description in the content search, keeps one photo, and tells the
 * network's page cache. Throws a validation error naming the field.
 */
export async function saveLibraryAbout(db: Db, files: FileService, user: CurrentUser, libraryId: string, input: LibraryAboutInput): Promise<void> {
  const library = await q.getLibrary(db, libraryId);
  if (!library) throw notFound('network.library.notFound', { id: libraryId });
  if (!canEditLibraryAbout(user, library)) throw forbidden();
  const description = input.description?.trim() || null;
  const altText = input.altText?.trim() || null;
  const errors: FieldError[] = [];
  if (description && description.length > maxDescriptionLength) errors.push({ field: 'description', key: 'validation.maxLength', values: { limit: maxDescriptionLength } });
  if (altText && altText.length > maxAltTextLength) errors.push({ field: 'alt_text', key: 'validation.maxLength', values: { limit: maxAltTextLength } });
  let newPhoto: FileRow | undefined;
  if (input.newPhotoId !== null) {
    newPhoto = await files.get(input.newPhotoId);
    // Only a fresh upload of this person's may be taken, never another owner's file by its id.
    const fresh = newPhoto && newPhoto.created_by === user.id && newPhoto.width !== null && (await files.refsOf(newPhoto.id)).length === 0;
    if (!fresh) errors.push({ field: 'photo', key: 'network.about.photoGone' });
  }
  const [current] = await files.filesOf(photoOwner(libraryId));
  const photoAfter = newPhoto ?? (input.removePhoto ? undefined : current);
  if (photoAfter && !altText) errors.push({ field: 'alt_text', key: 'network.about.altRequired' });
  if (errors.length > 0) throw invalid(errors);

  const text = description ? renderMarkdown(description).text : '';
  await db.transaction().execute(async (tx) => {
    await q.updateLibrary(tx, libraryId, { description_md: description });
    await recordAudit(tx, { id: user.id, email: user.email }, {
      action: 'update',
      entity: 'library',
      entityId: libraryId,
      before: { description_md: library.description_md, photo: current?.id ?? null },
      after: { description_md: description, photo: photoAfter?.id ?? null, alt_text: photoAfter ? altText : null },
    });
    if (text) await indexContent(tx, { kind: libraryKind, ownerId: libraryId, title: library.name, body: text, libraryId, visibility: 'public' });
    else await removeContent(tx, libraryKind, libraryId);
  });
  if (newPhoto) await files.replace(newPhoto.id, photoOwner(libraryId));
  else if (input.removePhoto && current) await files.unlink(current.id, photoOwner(libraryId));
  if (photoAfter) await files.setAltText(photoAfter.id, altText);
  // Pages built from the network's data (the home page's cache) hear of it.
  networkChanged(db);
}

/** Ids of libraries whose description holds every word of `query`, with a highlighted snippet each. */
export async function librariesByDescription(db: Db, query: string): Promise<Map<string, TextPart[]>> {
  const found = await searchContent(db, { kinds: [libraryKind], query, limit: 200 });
  return new Map(found.items.map((hit) => [hit.ownerId, hit.snippet]));
}
