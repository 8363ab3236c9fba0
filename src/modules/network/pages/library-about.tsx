import type { VNode } from 'preact';
import { fileUrl, type FileRow } from '../../../services/files/index.js';
import { MarkdownField, MarkdownHtml } from '../../../services/text/index.js';
import { CsrfField, ErrorSummary, Field, FormActions, type FormErrors } from '../../../web/forms.js';
import { Layout, type PageContext } from '../../../web/page.js';
import type { LibraryAbout } from '../about.js';
import type { Library } from '../tables.js';

/** Width of the photo on the library's page. */
const photoWidth = 480;

function thumbnailSize(photo: FileRow): { width: number; height: number } {
  const scale = Math.min(1, photoWidth / Math.max(photo.width ?? photoWidth, photo.height ?? photoWidth));
  return { width: Math.round((photo.width ?? photoWidth) * scale), height: Math.round((photo.height ?? photoWidth) * scale) };
}

/** The photo as a thumbnail linking to the full image. */
function Photo({ ctx, photo }: { ctx: PageContext; photo: FileRow }): VNode {
  return (
    <figure class="library-photo">
      <a href={fileUrl(photo)}>
        <img src={fileUrl(photo, { thumb: photoWidth })} alt={photo.alt_text ?? ''} {...thumbnailSize(photo)} loading="lazy" />
        <span class="visually-hidden"> ({ctx.t('network.about.fullPhoto')})</span>
      </a>
    </figure>
  );
}

/** The "About the library" section of the public page: the photo and the sanitised description. */
export function LibraryAboutSection({ ctx, about }: { ctx: PageContext; about: LibraryAbout }): VNode | null {
  if (!about.html && !about.photo) return null;
  return (
    <section class="library-about" aria-labelledby="about-h">
      <h2 id="about-h">{ctx.t('network.libraryAbout.title')}</h2>
      {about.photo ? <Photo ctx={ctx} photo={about.photo} /> : null}
      <MarkdownHtml html={about.html} />
    </section>
  );
}

export interface LibraryAboutValues {
  description?: string;
  alt_text?: string;
  remove_photo?: string;
  photo_pending?: string;
}

/** Staff form: the library's description in Markdown (with a preview) and its photo with alternative text. */
export function LibraryAboutPage({
  ctx,
  library,
  about,
  values,
  errors,
  preview,
  pendingPhoto,
  maxMb,
}: {
  ctx: PageContext;
  library: Library;
  about: LibraryAbout;
  values: LibraryAboutValues;
  errors: FormErrors;
  preview: boolean;
  /** A photo uploaded with a preview, waiting for Save. */
  pendingPhoto: FileRow | null;
  maxMb: number;
}): VNode {
  const { t } = ctx;
  const title = t('network.about.editTitle', { name: library.name });
  const shown = pendingPhoto ?? about.photo;
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: '/libraries', label: t('network.libraries.title') },
        { href: `/libraries/${library.id}`, label: library.name },
      ]}
    >
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} labels={{ description: t('network.about.description'), photo: t('network.about.photo'), alt_text: t('network.about.altText') }} />
      <form method="post" action={`/staff/libraries/${library.id}/about`} enctype="multipart/form-data" novalidate>
        {/* First: the upload is refused before its file is read unless the token came before it. */}
        <CsrfField ctx={ctx} />
        <MarkdownField ctx={ctx} name="description" label={t('network.about.description')} value={values.description ?? ''} errors={errors} preview={preview} rows={12} />
        <fieldset>
          <legend>{t('network.about.photo')}</legend>
          {shown ? <Photo ctx={ctx} photo={shown} /> : null}
          {pendingPhoto ? <input type="hidden" name="photo_pending" value={String(pendingPhoto.id)} /> : null}
          <Field name="photo" label={shown ? t('network.about.replacePhoto') : t('network.about.choosePhoto')} errors={errors} hint={t('network.about.photoHint', { max: maxMb })}>
            <input id="f-photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp,image/gif" aria-describedby="f-photo-hint" aria-invalid={errors.photo ? 'true' : undefined} />
          </Field>
          <Field name="alt_text" label={t('network.about.altText')} value={values.alt_text ?? shown?.alt_text ?? ''} errors={errors} hint={t('network.about.altHint')} />
          {about.photo && !pendingPhoto ? (
            <div class="field checkbox">
              <input id="f-remove_photo" name="remove_photo" type="checkbox" value="1" checked={values.remove_photo === '1'} />
              <label for="f-remove_photo">{t('network.about.removePhoto')}</label>
            </div>
          ) : null}
        </fieldset>
        <FormActions ctx={ctx} cancelHref={`/libraries/${library.id}`} />
      </form>
    </Layout>
  );
}
