import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { receiveUpload, uploadRoutes, type FileRow } from '../../services/files/index.js';
import { wantsPreview } from '../../services/text/index.js';
import { forbidden, notFound, type FieldError } from '../../web/errors.js';
import { fieldErrorsOf, toFormErrors } from '../../web/forms.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App, AppDeps } from '../../web/types.js';
import { libraryAbout, libraryKind, saveLibraryAbout } from './about.js';
import { LibraryAboutPage, type LibraryAboutValues } from './pages/library-about.js';
import { canEditLibraryAbout, editLibraryAboutAccess } from './policy.js';
import * as q from './queries.js';
import type { Library } from './tables.js';

const LibraryParams = Type.Object({ id: Type.String({ maxLength: 60 }) });

/** The staff page that writes a library's description and sets its photo; library photos are public. */
export async function registerNetworkAboutPages(app: App, { db, config }: AppDeps): Promise<void> {
  const files = app.files;
  files.registerOwner(libraryKind, { canRead: () => true });

  const libraryInScope = async (request: FastifyRequest, id: string): Promise<Library> => {
    const library = await q.getLibrary(db, id);
    if (!library) throw notFound('network.library.notFound', { id });
    if (!canEditLibraryAbout(request.user, library)) throw forbidden();
    return library;
  };

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    library: Library,
    state: { values?: LibraryAboutValues; errors?: FieldError[]; preview?: boolean; pendingPhoto?: FileRow | null },
    status = 200,
  ) => {
    const ctx = pageContext(request, reply);
    const about = await libraryAbout(files, library);
    return sendPage(
      reply,
      h(LibraryAboutPage, {
        ctx,
        library,
        about,
        values: state.values ?? { description: about.descriptionMd ?? '' },
        errors: toFormErrors(state.errors ?? [], ctx),
        preview: state.preview ?? false,
        pendingPhoto: state.pendingPhoto ?? null,
        maxMb: config.fileMaxMb,
      }),
      status,
    );
  };

  app.get('/staff/libraries/:id/about', { config: { access: editLibraryAboutAccess }, schema: { params: LibraryParams } }, async (request, reply) =>
    render(request, reply, await libraryInScope(request, request.params.id), {}),
  );

  await uploadRoutes(app, files, (scope) => {
    scope.post('/staff/libraries/:id/about', { config: { access: editLibraryAboutAccess }, schema: { params: LibraryParams } }, async (request, reply) => {
      const library = await libraryInScope(request, request.params.id);
      const upload = await receiveUpload(request, files, { use: 'image', field: 'photo', altTextField: 'alt_text' });
      const values = upload.fields as LibraryAboutValues;
      const pendingId = upload.file?.id ?? (values.photo_pending && /^\d{1,12}$/.test(values.photo_pending) ? Number(values.photo_pending) : null);
      const pending = pendingId !== null ? ((await files.get(pendingId)) ?? null) : null;
      const pendingPhoto = pending && pending.created_by === request.user!.id ? pending : null;
      if (upload.errors.length > 0 || wantsPreview(values)) {
        return render(request, reply, library, { values, errors: upload.errors, preview: wantsPreview(values), pendingPhoto }, upload.errors.length > 0 ? 400 : 200);
      }
      try {
        await saveLibraryAbout(db, files, request.user!, library.id, {
          description: values.description ?? null,
          altText: values.alt_text ?? null,
          newPhotoId: pendingId,
          removePhoto: values.remove_photo === '1',
        });
      } catch (error) {
        const { fields, status } = fieldErrorsOf(error);
        return render(request, reply, library, { values, errors: fields, pendingPhoto }, status);
      }
      return reply.redirect(`/libraries/${library.id}`, 303);
    });
  });
}
