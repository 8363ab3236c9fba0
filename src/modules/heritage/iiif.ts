import { fileUrl, isImageType, type FileRow } from '../../services/files/index.js';
import { licences, type HeritageCollection, type HeritageItem, type HeritageItemValue } from './tables.js';

// IIIF Presentation API 3.0 manifests for published items with images: a Canvas per image, its Image painted on it
// (no Image API service: the file itself is the body), label and summary as language maps.

/** A IIIF language map: values by BCP 47 language, "none" where a value has no language. */
export type LanguageMap = Record<string, string[]>;

/** Values of one element as a language map (null when there is none). */
export function languageMap(values: Pick<HeritageItemValue, 'element' | 'value' | 'lang'>[], element: string): LanguageMap | null {
  const map: LanguageMap = {};
  for (const v of values.filter((x) => x.element === element)) (map[v.lang || 'none'] ??= []).push(v.value);
  return Object.keys(map).length > 0 ? map : null;
}

const metadataElements = ['creator', 'date', 'subject', 'coverage', 'publisher', 'contributor', 'identifier', 'source'] as const;

export interface ManifestInput {
  /** The site's public address without a trailing slash: ids are absolute. */
  base: string;
  item: HeritageItem;
  values: HeritageItemValue[];
  collection: HeritageCollection | undefined;
  files: FileRow[];
  /** Labels in both languages: of the Dublin Core elements, "Attribution", the item page. */
  labels: (key: string) => LanguageMap;
}

/** The manifest of an item: one Canvas per image file (width and height when the files service knows them). */
export function buildManifest({ base, item, values, collection, files, labels }: ManifestInput): Record<string, unknown> {
  const id = `${base}/heritage/items/${item.id}/manifest.json`;
  const images = files.filter((f) => isImageType(f.media_type));
  const summary = languageMap(values, 'description');
  const title = languageMap(values, 'title') ?? { none: [item.title] };
  const rights = licences[item.licence as keyof typeof licences];
  const metadata = metadataElements.flatMap((element) => {
    const value = languageMap(values, element);
    return value ? [{ label: labels(`heritage.dc.${element}`), value }] : [];
  });
  const thumbnail = (f: FileRow) => ({ id: `${base}${fileUrl(f, { thumb: 480 })}`, type: 'Image', format: 'image/webp' });
  return {
    '@context': 'http://iiif.io/api/presentation/3/context.json',
    id,
    type: 'Manifest',
    label: title,
    ...(summary ? { summary } : {}),
    ...(metadata.length > 0 ? { metadata } : {}),
    ...(rights ? { rights } : {}),
    requiredStatement: {
      label: labels('heritage.iiif.attribution'),
      value: collection ? { sl: [collection.title_sl], en: [collection.title_en] } : { none: [item.title] },
    },
    ...(images.length > 0 ? { thumbnail: [thumbnail(images[0]!)] } : {}),
    homepage: [{ id: `${base}/heritage/items/${item.id}`, type: 'Text', label: title, format: 'text/html' }],
    items: images.map((f, n) => {
      const canvas = `${base}/heritage/items/${item.id}/canvas/${n + 1}`;
      const size = f.width && f.height ? { width: f.width, height: f.height } : {};
      return {
        id: canvas,
        type: 'Canvas',
        label: f.alt_text ? { none: [f.alt_text] } : { none: [`${n + 1}`] },
        ...size,
        thumbnail: [thumbnail(f)],
        items: [
          {
            id: `${canvas}/page`,
            type: 'AnnotationPage',
            items: [
              {
                id: `${canvas}/page/image`,
                type: 'Annotation',
                motivation: 'painting',
                body: { id: `${base}${fileUrl(f)}`, type: 'Image', format: f.media_type, ...size },
                target: canvas,
              },
            ],
          },
        ],
      };
    }),
  };
}
