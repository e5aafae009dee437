import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../server/log.js';
import { PlanStore } from '../../server/store/file-storage.js';
import { MemoryStorage } from '../../server/store/memory-storage.js';
import { writeFaults } from '../../server/store/update-log.js';
import { removeDir, tempDir } from '../helpers/test-server.js';
import { describeStorageContract } from './storage-contract.js';

const log = createLogger('silent');
const realWrite = writeFaults.write;
/** A disk that takes half of a write, then refuses the rest with ENOSPC. */
const fullDisk: typeof writeFaults.write = (fd, buf, offset, length) => {
  if (length > 1) return realWrite(fd, buf, offset, Math.floor(length / 2));
  throw Object.assign(new Error('ENOSPC: no space left on device, write (injected)'), { code: 'ENOSPC' });
};

describeStorageContract('file store', () => {
  const dir = tempDir();
  return {
    open: () => PlanStore.open(dir, log),
    tearTail(id) {
      const folder = path.join(dir, 'plans', id);
      const logs = fs.readdirSync(folder).filter((n) => /^updates-\d+\.log$/.test(n));
      const last = logs.sort((a, b) => Number(a.slice(8, -4)) - Number(b.slice(8, -4))).at(-1)!;
      fs.appendFileSync(path.join(folder, last), Buffer.from([9, 0, 0, 0, 1, 2])); // a crash mid-write
    },
    failAppends(on) {
      writeFaults.write = on ? fullDisk : realWrite;
    },
    cleanup() {
      writeFaults.write = realWrite;
      removeDir(dir);
    },
  };
});

for (const asyncAppend of [false, true]) {
  describeStorageContract(`memory store (${asyncAppend ? 'asynchronous' : 'synchronous'} append)`, () => {
    const first = new MemoryStorage({ asyncAppend });
    let current: MemoryStorage | null = null;
    return {
      open: async () => (current = current ? current.reopen() : first),
      tearTail: (id) => current!.tearTail(id),
      failAppends(on) {
        current!.failAppends = on;
      },
      cleanup: () => undefined,
    };
  });
}
