#!/usr/bin/env node
// Adds or replaces messages in locales/sl.json and locales/en.json in one quick read-modify-write.
// Usage: node scripts/add-messages.mjs file.json  where file.json is { "key": { "sl": "…", "en": "…" }, … }
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const additions = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
for (const locale of ['sl', 'en']) {
  const file = path.join(root, 'locales', `${locale}.json`);
  const messages = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const [key, texts] of Object.entries(additions)) {
    if (typeof texts[locale] !== 'string') throw new Error(`${key} has no ${locale} text`);
    messages[key] = texts[locale];
  }
  fs.writeFileSync(file, `${JSON.stringify(messages, null, 2)}\n`);
}
console.log(`added ${Object.keys(additions).length} messages`);
