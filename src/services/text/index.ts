// The text service: Markdown for longer text people write, and one content search with the
// Slovene analysis for any module. See docs/services.md.

/** Markdown → sanitised HTML (no raw HTML, http/https/mailto links only, headings from <h2>) and plain text. */
export { renderMarkdown, markdownToText, allowedLinkSchemes, type RenderedMarkdown, type MarkdownOptions } from './markdown.js';
/** The Markdown textarea with a no-JavaScript Preview button, and the view of rendered Markdown. */
export { MarkdownField, MarkdownHtml, wantsPreview, previewButtonName } from './markdown-field.js';
/** Puts a module's document in the content search, takes it out, and searches across kinds. */
export {
  indexContent,
  removeContent,
  searchContent,
  queryTerms,
  type ContentDocument,
  type ContentQuery,
  type ContentResult,
  type ContentHit,
  type ContentVisibility,
} from './content-search.js';
/** Highlighted text parts (render `match` parts as <mark>) and the passage around the first match. */
export { highlight, snippet, type TextPart } from './snippet.js';
/** Renders highlighted parts with <mark>. */
export { Highlighted } from './highlighted.js';
/** Slovene text analysis shared with the catalog: folding, tokenizing, the light stemmer. */
export { analyze, analyzeWords, tokenize, stem, foldWord, surfaceWords } from './analysis.js';
/** Document and all-terms query builders for FTS5 and PostgreSQL tsvector over pre-analysed terms. */
export { tsvectorLiteral, ftsAllTerms, tsAllTerms, type Weight } from './engine.js';
