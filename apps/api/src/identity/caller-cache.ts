import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LRUCache } from 'lru-cache';
import type { Caller } from '../auth/caller';
import type { EnvironmentVariables } from '../config/app-config';

export interface CallerEntry {
  caller: Caller;
  /** Mutable: the authenticator records when it last wrote last_used_at (this does not extend the entry's life). */
  lastUsedAt: Date | null;
}

const MAX_ENTRIES = 10_000;

/**
 * Callers by key hash for a moment (RECERT_KEY_CACHE_MS), so a busy client does not cost a database round
 * trip per request. The TTL runs from the database read, and a hit never renews it: a key revoked through
 * another instance stops working here at most RECERT_KEY_CACHE_MS after its last read, however busy it is.
 * Revoking a key through this instance forgets it at once.
 */
@Injectable()
export class CallerCache {
  private readonly entries?: LRUCache<string, CallerEntry>;

  constructor(config: ConfigService<EnvironmentVariables, true>) {
    const ttl = config.get('RECERT_KEY_CACHE_MS', { infer: true });
    if (ttl > 0) this.entries = new LRUCache({ max: MAX_ENTRIES, ttl, updateAgeOnGet: false, updateAgeOnHas: false, allowStale: false });
  }

  get(keyHash: string): CallerEntry | undefined {
    return this.entries?.get(keyHash);
  }

  /** Only after a database read: setting again would restart the TTL. */
  set(keyHash: string, entry: CallerEntry): void {
    this.entries?.set(keyHash, entry);
  }

  forgetKey(keyId: string): void {
    if (!this.entries) return;
    for (const [hash, entry] of this.entries.entries()) if (entry.caller.keyId === keyId) this.entries.delete(hash);
  }
}
