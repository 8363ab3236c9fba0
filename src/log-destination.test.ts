import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogDestination } from './log-destination.js';

describe('log destination', () => {
  it('drops and counts lines while writing fails (a real full device), and reports them once when it works again', () => {
    const full = fs.openSync('/dev/full', 'w');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-log-')), 'out.log');
    const good = fs.openSync(file, 'w');
    let fd = full;
    try {
      const destination = createLogDestination(() => fd);
      expect(() => destination.write('{"msg":"one"}\n')).not.toThrow();
      destination.write('{"msg":"two"}\n');
      expect(destination.dropped).toBe(2);
      fd = good;
      destination.write('{"msg":"three"}\n');
      destination.write('{"msg":"four"}\n');
      expect(destination.dropped).toBe(0);
      const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatchObject({ level: 40, droppedLines: 2, cause: 'ENOSPC' });
      expect(lines[0]!.msg).toMatch(/^2 log lines could not be written since .* \(ENOSPC\) and were dropped$/);
      expect(lines.slice(1)).toEqual([{ msg: 'three' }, { msg: 'four' }]);
    } finally {
      fs.closeSync(full);
      fs.closeSync(good);
    }
  });
});
