import fs from 'node:fs';
import path from 'node:path';
import { checkProfile, type StandardsProfile } from './profile.js';

/** A profile file that fails the check: which file, and each faulty field. */
export class ProfileFileError extends Error {
  constructor(
    readonly file: string,
    readonly faults: { field: string; key: string }[],
  ) {
    super(`${file}: ${faults.map((f) => `${f.field} (${f.key})`).join('; ')}`);
    this.name = 'ProfileFileError';
  }
}

/** Reads and checks every profile file (*.json) of a folder, in name order. */
export function readProfileFiles(dir: string): StandardsProfile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = path.join(dir, f);
      let content: unknown;
      try {
        content = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (error) {
        throw new ProfileFileError(f, [{ field: 'json', key: (error as Error).message }]);
      }
      const faults = checkProfile(content);
      if (faults.length > 0) throw new ProfileFileError(f, faults);
      return content as StandardsProfile;
    });
}
