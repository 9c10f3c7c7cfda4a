import { Injectable } from '@nestjs/common';
import { CallerCache } from '../identity/caller-cache';
import { IdentityService } from '../identity/identity.service';
import { hashApiKey, looksLikeApiKey } from './api-key-secret';
import type { Caller } from './caller';

/** last_used_at is recorded at most this often per key, so reads do not turn into a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class ApiKeyAuthenticator {
  constructor(
    private readonly identities: IdentityService,
    private readonly cache: CallerCache,
  ) {}

  async authenticate(authorization: string | undefined): Promise<Caller | undefined> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match || !looksLikeApiKey(match[1])) return undefined;
    const keyHash = hashApiKey(match[1]);
    let entry = this.cache.get(keyHash);
    if (!entry) {
      const found = await this.identities.callerByKeyHash(keyHash);
      if (!found) return undefined;
      const { lastUsedAt, ...caller } = found;
      entry = { caller, lastUsedAt };
      // Cached once per database read; a hit does not set it again, so the TTL is never renewed by use.
      this.cache.set(keyHash, entry);
    }
    const now = new Date();
    if (!entry.lastUsedAt || now.getTime() - entry.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.identities.touchKey(entry.caller.keyId, now);
      entry.lastUsedAt = now;
    }
    return entry.caller;
  }
}
