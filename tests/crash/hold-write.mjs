// Loaded with `node --import` into a `brief` process by the crash tests: the atomic write of an export is
// held open halfway (half the bytes written to the temp file, fsynced), a marker file says so, and the
// test kills the process with SIGKILL at that moment. Nothing else in the process changes.
// Env: BRIEF_HOLD_WRITE_MARK = the marker file to create; only writes of at least 4 KB to an open fd
// (writeFileAtomic's fs.writeFileSync(fd, data)) are held.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const mark = process.env.BRIEF_HOLD_WRITE_MARK;
const original = fs.writeFileSync;
fs.writeFileSync = function heldWriteFileSync(file, data, ...rest) {
  if (mark && typeof file === 'number' && data && data.length >= 4096) {
    const bytes =
      typeof data === 'string'
        ? Buffer.from(data)
        : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const half = Math.floor(bytes.length / 2);
    fs.writeSync(file, bytes, 0, half);
    fs.fsyncSync(file);
    original(mark, String(process.pid));
    // Wait here for the kill (60 s at most, then finish normally so a failed test cannot hang).
    const until = Date.now() + 60_000;
    while (Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    fs.writeSync(file, bytes, half);
    return;
  }
  return original.call(this, file, data, ...rest);
};
syncBuiltinESMExports();
