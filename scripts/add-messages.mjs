#!/usr/bin/env node
// Adds or replaces messages in a module's locale files in one quick read-modify-write.
// Usage: node scripts/add-messages.mjs file.json [module]
//   file.json is { "key": { "sl": "…", "en": "…" }, … }
//   module (e.g. catalog, stats) writes locales/<module>.sl.json and .en.json; without it, locales/sl.json and en.json.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const additions = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const module = process.argv[3];
if (module !== undefined && !/^[a-z][a-z0-9-]*$/.test(module)) throw new Error(`bad module name: ${module}`);
for (const locale of ['sl', 'en']) {
  const file = path.join(root, 'locales', module ? `${module}.${locale}.json` : `${locale}.json`);
  const messages = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  for (const [key, texts] of Object.entries(additions)) {
    if (typeof texts[locale] !== 'string') throw new Error(`${key} has no ${locale} text`);
    messages[key] = texts[locale];
  }
  const sorted = Object.fromEntries(Object.entries(messages).sort(([a], [b]) => a.localeCompare(b)));
  fs.writeFileSync(file, `${JSON.stringify(module ? sorted : messages, null, 2)}\n`);
}
console.log(`added ${Object.keys(additions).length} messages`);
