import { AuditCheckpoint, checkpointDigest } from './checkpoint';

const checkpoint: AuditCheckpoint = {
  deviceId: 'dev',
  lifecycleId: 'life-1',
  lifecycleNumber: 1,
  seq: 40,
  hash: 'a'.repeat(64),
  entries: 40,
  snapshot: { value: 'received', context: { b: 2, a: 1 } },
  verifiedAt: '2026-12-02T04:30:00.000Z',
};

describe('audit checkpoint digest', () => {
  it('is the SHA-256 of the canonical JSON: key order does not matter', () => {
    const reordered = { ...checkpoint, snapshot: { context: { a: 1, b: 2 }, value: 'received' } };
    expect(checkpointDigest(reordered)).toBe(checkpointDigest(checkpoint));
    expect(checkpointDigest(checkpoint)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with every field a run relies on (position, hash, count, replayed snapshot, time)', () => {
    const edits: Array<Partial<AuditCheckpoint>> = [
      { seq: 41 },
      { hash: 'b'.repeat(64) },
      { entries: 39 },
      { lifecycleNumber: 2 },
      { lifecycleId: 'life-2' },
      { snapshot: { value: 'graded', context: { a: 1, b: 2 } } },
      { verifiedAt: '2026-12-02T04:30:00.001Z' },
    ];
    const digests = new Set(edits.map((edit) => checkpointDigest({ ...checkpoint, ...edit })));
    expect(digests.size).toBe(edits.length);
    expect(digests.has(checkpointDigest(checkpoint))).toBe(false);
  });
});
