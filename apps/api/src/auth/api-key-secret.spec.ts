import { createHash } from 'node:crypto';
import { displayPrefix, generateApiKey, hashApiKey, looksLikeApiKey } from './api-key-secret';

describe('API key secrets', () => {
  it('makes rct_ keys with 256 random bits, all different', () => {
    const keys = Array.from({ length: 100 }, generateApiKey);
    expect(new Set(keys).size).toBe(100);
    for (const key of keys) {
      expect(key).toMatch(/^rct_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(key.slice(4), 'base64url')).toHaveLength(32);
      expect(looksLikeApiKey(key)).toBe(true);
    }
  });

  it('hashes with SHA-256 in hex', () => {
    expect(hashApiKey('rct_abc')).toBe(createHash('sha256').update('rct_abc').digest('hex'));
  });

  it('recognises only well-formed keys and shows a short prefix', () => {
    expect(looksLikeApiKey('Bearer x')).toBe(false);
    expect(looksLikeApiKey('rct_short')).toBe(false);
    expect(displayPrefix('rct_ABCDEFGHIJKL')).toBe('rct_ABCDEFGH');
  });
});
