// Where the server's log lines go: standard output, written so that a full disk (ENOSPC), a closed
// pipe (EPIPE) or any other failing write never stops the server. Lines that cannot be written are
// dropped and counted; the first line that can be written again is preceded by one report of how
// many were lost.
import fs from 'node:fs';

/** A pino destination (anything with `write`) that also takes plain text lines. */
export interface LogDestination {
  /** Writes one log line (pino calls this with a JSON line ending in a newline). */
  write(line: string): void;
  /** Lines dropped since the last report. */
  readonly dropped: number;
}

const eagainRetries = 20;
const eagainWaitMs = 5;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * A destination writing synchronously to the file descriptor `fd()` gives (standard output by
 * default; a function so a test can point it elsewhere). Never throws.
 */
export function createLogDestination(fd: () => number = () => 1): LogDestination {
  let dropped = 0;
  let cause = '';
  let since = '';

  const writeAll = (text: string): void => {
    let buffer = Buffer.from(text);
    let waits = 0;
    while (buffer.length > 0) {
      try {
        const n = fs.writeSync(fd(), buffer);
        buffer = buffer.subarray(n);
      } catch (error) {
        // A non-blocking pipe whose reader is slow: wait a little, then give the line up.
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN' && waits++ < eagainRetries) {
          Atomics.wait(sleeper, 0, 0, eagainWaitMs);
          continue;
        }
        throw error;
      }
    }
  };

  return {
    get dropped() {
      return dropped;
    },
    write(line) {
      let text = line;
      if (dropped > 0) {
        const report = {
          level: 40,
          time: Date.now(),
          pid: process.pid,
          droppedLines: dropped,
          cause,
          msg: `${dropped} log lines could not be written since ${since} (${cause}) and were dropped`,
        };
        text = `${JSON.stringify(report)}\n${line}`;
      }
      try {
        writeAll(text);
        dropped = 0;
      } catch (error) {
        if (dropped === 0) {
          cause = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
          since = new Date().toISOString();
        }
        dropped++;
      }
    },
  };
}

/**
 * Keeps a failing write to standard output or error (console.log on a full disk or a closed pipe)
 * from ending the process: Node reports such failures as 'error' events, fatal without a listener.
 */
export function survivingStdio(onError: (error: Error) => void = () => {}): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') === 0) stream.on('error', onError);
  }
}
