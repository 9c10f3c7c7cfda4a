import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'rct_';
const KEY_PATTERN = /^rct_[A-Za-z0-9_-]{22,128}$/;

/** A new key: `rct_` + 256 random bits in base64url. The caller sees it once; we keep only its hash. */
export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** A high-entropy random key needs no salt or slow KDF: SHA-256 is enough to make the table useless to a thief. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export const looksLikeApiKey = (value: string) => KEY_PATTERN.test(value);

/** What listings show, enough to tell keys apart: `rct_` and the next eight characters. */
export const displayPrefix = (key: string) => key.slice(0, API_KEY_PREFIX.length + 8);
