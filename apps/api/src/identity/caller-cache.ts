import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Caller } from '../auth/caller';
import type { EnvironmentVariables } from '../config/app-config';

interface Entry {
  caller: Caller;
  lastUsedAt: Date | null;
  expiresAt: number;
}

const MAX_ENTRIES = 10_000;

/**
 * Callers by key hash for a moment (RECERT_KEY_CACHE_MS), so a busy client does not cost a database round
 * trip per request. Revoking a key through this instance forgets it at once; other instances within the TTL.
 */
@Injectable()
export class CallerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;

  constructor(config: ConfigService<EnvironmentVariables, true>) {
    this.ttlMs = config.get('RECERT_KEY_CACHE_MS', { infer: true });
  }

  get(keyHash: string): Entry | undefined {
    const entry = this.entries.get(keyHash);
    if (entry && entry.expiresAt > Date.now()) return entry;
    if (entry) this.entries.delete(keyHash);
    return undefined;
  }

  set(keyHash: string, caller: Caller, lastUsedAt: Date | null): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(keyHash, { caller, lastUsedAt, expiresAt: Date.now() + this.ttlMs });
  }

  forgetKey(keyId: string): void {
    for (const [hash, entry] of this.entries) if (entry.caller.keyId === keyId) this.entries.delete(hash);
  }
}
