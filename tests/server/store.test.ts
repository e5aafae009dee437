import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log.js';
import { PlanStore } from '../../server/store/plan-store.js';
import { readRecords, UpdateLog } from '../../server/store/update-log.js';
import { removeDir, tempDir } from '../helpers/test-server.js';
import { nextMillisecond } from './room-helpers.js';

const log = createLogger('silent');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
const bytes = (...n: number[]) => Uint8Array.from(n);

describe('update log', () => {
  it('appends records and reads them back in order', () => {
    const file = path.join(dir(), 'u.log');
    const { log: l, records } = UpdateLog.open(file);
    expect(records).toEqual([]);
    l.append([bytes(1, 2, 3), bytes(4)]);
    l.append([bytes(5, 6)]);
    l.close();
    expect(readRecords(file).records).toEqual([bytes(1, 2, 3), bytes(4), bytes(5, 6)]);
    expect(fs.statSync(file).size).toBe(3 * 8 + 6);
  });

  it('drops a torn tail and a corrupt record, keeping everything before and after them', () => {
    const file = path.join(dir(), 'u.log');
    const { log: l } = UpdateLog.open(file);
    l.append([bytes(1, 1), bytes(2, 2)]);
    l.close();
    fs.appendFileSync(file, Buffer.from([9, 0, 0, 0, 1, 2])); // a crash mid-write
    const { log: again, records } = UpdateLog.open(file);
    expect(records).toEqual([bytes(1, 1), bytes(2, 2)]);
    expect(fs.statSync(file).size).toBe(20); // the tail was cut off
    again.append([bytes(3)]);
    again.close();
    // Flip a payload byte of the second record: it is dropped, the intact record after it is kept.
    const data = fs.readFileSync(file);
    data[8 + 2 + 8]! ^= 0xff;
    fs.writeFileSync(file, data);
    expect(readRecords(file)).toMatchObject({ records: [bytes(1, 1), bytes(3)], skippedBytes: 10, goodBytes: 29 });
  });
});

describe('plan store', () => {
  it('keeps one folder per plan, and writing one plan leaves the others untouched', async () => {
    const d = dir();
    const store = await PlanStore.open(d, log);
    await store.create('alpha', 'Alpha', bytes(0, 0));
    await store.create('beta', 'Beta', bytes(0, 0));
    const betaState = path.join(d, 'plans', 'beta', 'state.json');
    const before = fs.statSync(betaState).mtimeMs;
    const alpha = await store.load('alpha');
    // Synchronous and durable on return: no promise for the room to wait on.
    expect(alpha.files.append([bytes(7)])).toBeUndefined();
    await alpha.files.compact(bytes(0, 0, 0));
    await alpha.files.close();
    expect(fs.statSync(betaState).mtimeMs).toBe(before);
    expect(fs.readdirSync(path.join(d, 'plans')).sort()).toEqual(['alpha', 'beta']);
  });

  it('compaction switches to a new log so updates during the state write are kept', async () => {
    const d = dir();
    const store = await PlanStore.open(d, log);
    await store.create('p1', 'P', bytes(0, 0));
    const a = await store.load('p1');
    a.files.append([bytes(1)]);
    const writing = a.files.compact(bytes(9, 9)); // state holding update 1
    a.files.append([bytes(2)]); // arrives while the state file is being written
    await writing;
    await a.files.close();
    const b = await store.load('p1');
    expect(b.state).toEqual(bytes(9, 9));
    expect(b.updates).toEqual([bytes(2)]);
    await b.files.close();
    const logs = fs.readdirSync(path.join(d, 'plans', 'p1')).filter((n) => n.endsWith('.log'));
    expect(logs).toEqual(['updates-1.log']);
  });

  it('reopens with every plan listed, newest first, and skips folders that are not plans', async () => {
    const d = dir();
    const store = await PlanStore.open(d, log);
    await store.create('first', 'First', bytes(0, 0));
    await nextMillisecond();
    await store.create('second', 'Second', bytes(0, 0));
    fs.mkdirSync(path.join(d, 'plans', 'not.a.plan'));
    fs.mkdirSync(path.join(d, 'plans', 'broken'));
    fs.writeFileSync(path.join(d, 'plans', 'broken', 'meta.json'), '{ not json');
    const again = await PlanStore.open(d, log);
    expect(again.list().map((m) => m.id)).toEqual(['second', 'first']);
  });

  it('refuses ids that could leave the data folder', async () => {
    const store = await PlanStore.open(dir(), log);
    await expect(store.create('../evil', 'x', bytes(0, 0))).rejects.toThrow(/invalid plan id/);
  });
});
