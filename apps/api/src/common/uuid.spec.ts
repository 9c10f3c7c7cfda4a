import { isUuid, newId } from './uuid';

describe('newId: time-ordered ids for rows created in bulk', () => {
  it('is an RFC 9562 UUID of version 7 (the 13th hex digit) and variant 10 (the 17th is 8, 9, a or b)', () => {
    const id = newId();
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
  });

  it('10,000 ids made one after the other sort in the order they were made, so inserts append to the index', () => {
    const ids = Array.from({ length: 10_000 }, newId);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(10_000);
  });

  it('leads with the time in milliseconds: the first 12 hex digits are Date.now() when it was made', () => {
    const before = Date.now();
    const id = newId();
    const millis = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(millis).toBeGreaterThanOrEqual(before);
    expect(millis).toBeLessThanOrEqual(Date.now());
  });
});
