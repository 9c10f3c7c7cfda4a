import { AuditRecord, findChainBreak, hashAuditRecord, HashedAuditRecord } from './hash-chain';

function chain(lengths: number[]): HashedAuditRecord[] {
  const records: HashedAuditRecord[] = [];
  lengths.forEach((length, l) => {
    for (let seq = 1; seq <= length; seq++) {
      const record: AuditRecord = {
        deviceId: 'dev',
        lifecycleId: `life-${l}`,
        seq,
        eventType: `E${seq}`,
        payload: { n: seq, nested: { b: 2, a: 1 } },
        fromState: seq === 1 ? null : 's',
        toState: 's',
        actor: { role: 'technician' },
        requestId: 'r',
        machineVersion: 'm@1',
        occurredAt: '2026-11-23T01:00:00.000Z',
        prevHash: records.at(-1)?.hash ?? null,
      };
      records.push({ ...record, hash: hashAuditRecord(record) });
    }
  });
  return records;
}

describe('audit hash chain', () => {
  it('hashes canonical JSON: key order does not matter, content does', () => {
    const [record] = chain([1]);
    const reordered = { ...record, payload: { nested: { a: 1, b: 2 }, n: 1 } };
    expect(hashAuditRecord(reordered)).toBe(record.hash);
    expect(hashAuditRecord({ ...record, payload: { ...record.payload, n: 2 } })).not.toBe(record.hash);
    expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts an intact chain across lifecycles', () => {
    expect(findChainBreak(chain([3, 4]))).toBeNull();
  });

  it('finds a changed payload at its seq', () => {
    const records = chain([5]);
    records[2] = { ...records[2], payload: { n: 99 } };
    expect(findChainBreak(records)).toEqual(expect.objectContaining({ seq: 3, reason: expect.stringContaining('content') }));
  });

  it('finds a deleted entry where it was', () => {
    const records = chain([5]);
    records.splice(3, 1);
    expect(findChainBreak(records)).toEqual(expect.objectContaining({ seq: 4 }));
  });

  it('finds two swapped entries at the first of them', () => {
    const records = chain([5]);
    const [a, b] = [records[1], records[2]];
    records[1] = { ...b, seq: 2 };
    records[2] = { ...a, seq: 3 };
    expect(findChainBreak(records)).toEqual(expect.objectContaining({ seq: 2 }));
  });

  it('finds a dropped lifecycle: the next one no longer links to its predecessor', () => {
    const records = chain([2, 2, 2]);
    expect(findChainBreak([...records.slice(0, 2), ...records.slice(4)])).toEqual(
      expect.objectContaining({ lifecycleId: 'life-2', seq: 1 }),
    );
  });

  it('resumes after a verified entry: the walk links on from it, and an entry that does not link to it is found', () => {
    const records = chain([6]);
    // Entries 1–4 verified before (a checkpoint at seq 4): only 5 and 6 are walked.
    expect(findChainBreak(records.slice(4), records[3])).toBeNull();
    expect(findChainBreak(records.slice(4), { ...records[3], hash: 'f'.repeat(64) })).toEqual(
      expect.objectContaining({ seq: 5, reason: expect.stringContaining('prev_hash') }),
    );
    // Resuming at seq 4 but handed seq 6 first: entry 5 is missing.
    expect(findChainBreak(records.slice(5), records[3])).toEqual(expect.objectContaining({ seq: 5, reason: 'expected seq 5, found 6' }));
  });
});
