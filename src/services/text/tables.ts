import type { Generated } from 'kysely';

/** One document of the content search: an owner's text, with what filtering needs and its plain text for snippets. */
export interface ContentSearchDocTable {
  id: Generated<number>;
  /** What the document is, as the owning module names it: `library`, `practice`, `minutes` … */
  kind: string;
  /** The owner's id within its kind. */
  owner_id: string;
  /** Language of the text (`sl`, `en`); the analysis is Slovene for both today. */
  language: string;
  title: string;
  /** The plain text indexed, kept for snippets. */
  body: string;
  /** The library the document belongs to, when it belongs to one (for filtering by library). */
  library_id: string | null;
  /** `public`: anyone may find it; `staff`: only signed-in staff searches ask for it. */
  visibility: string;
  updated_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    content_search_docs: ContentSearchDocTable;
  }
}
