/**
 * Folds text for search on both engines: lower case, diacritics removed ("Žalec" → "zalec",
 * "Đakovo" → "dakovo"), runs of space collapsed. Stored beside the name so a plain LIKE finds it.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[łŁ]/g, 'l')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A LIKE pattern that finds the folded text anywhere. The wildcards % and _ and the backslash are
 * dropped from the input: SQLite and PostgreSQL disagree on LIKE's escape character.
 */
export function likePattern(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, '')}%`;
}
