// The files service: attachments, documents and images for every module, uploaded once, kept by
// content hash, served by one route with safe headers, removed when nothing refers to them.
// See docs/services.md.
import path from 'node:path';
import type { App, AppDeps } from '../../web/types.js';
import { registerFileRoutes } from './routes.js';
import { FileService, unreferencedGraceMs } from './service.js';
import { LocalFolderStorage, type BlobStorage } from './storage.js';
import './tables.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The files service of this app (see src/services/files). */
    files: FileService;
  }
}

/** The service object: save, link, unlink, filesOf, canRead, thumbnail, sweep; and `registerOwner` for read rules. */
export { FileService, thumbnailWidths, safeOriginalName, type FileOwner, type FileOwnerRules, type SaveInput } from './service.js';
/** Where bytes live: the interface an S3-compatible store would implement, and the local-folder store. */
export { LocalFolderStorage, type BlobStorage, type TempFile } from './storage.js';
/** The uses (image, document, attachment), their allowed media types, and detection from content. */
export { allowedTypes, describeTypes, detectMediaType, isImageType, imageTypes, officeTypes, type FileUse } from './media-types.js';
/** Upload routes: a multipart scope with the CSRF token checked before the file is read, and reading the form. */
export { uploadRoutes, receiveUpload, type ReceivedUpload } from './upload.js';
/** The URL that serves a file or its thumbnail. */
export { fileUrl } from './routes.js';
/** A file's record and a reference to it. */
export type { FileRow, FileRef } from './tables.js';

/**
 * Creates the app's files service (bytes in `files/` of the data folder unless a storage is given),
 * registers GET /files/:id, sweeps abandoned uploads hourly, and makes it `app.files`.
 */
export async function registerFiles(app: App, deps: AppDeps, storage?: BlobStorage): Promise<FileService> {
  const files = new FileService(deps.db, storage ?? new LocalFolderStorage(path.join(deps.config.dataDir, 'files')), deps.config.fileMaxMb * 1024 * 1024);
  app.decorate('files', files);
  registerFileRoutes(app, files);
  const timer = setInterval(() => {
    files.sweep(unreferencedGraceMs).catch((error: unknown) => app.log.error({ err: error }, 'file sweep failed'));
  }, unreferencedGraceMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
  return files;
}
