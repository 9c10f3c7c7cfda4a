import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LRUCache } from 'lru-cache';
import type { EnvironmentVariables } from '../config/app-config';

interface Window {
  failures: number;
  resetsAt: number;
}

/**
 * Failed authentications per address in a fixed window (RECERT_AUTH_FAILURE_LIMIT per RECERT_AUTH_FAILURE_WINDOW_MS).
 * The key throttler counts per key only once a key is known; this is what slows down guessing keys.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly windows: LRUCache<string, Window>;
  private readonly limit: number;
  private readonly windowMs: number;

  constructor(config: ConfigService<EnvironmentVariables, true>) {
    this.limit = config.get('RECERT_AUTH_FAILURE_LIMIT', { infer: true });
    this.windowMs = config.get('RECERT_AUTH_FAILURE_WINDOW_MS', { infer: true });
    this.windows = new LRUCache({ max: 100_000, ttl: this.windowMs, updateAgeOnGet: false });
  }

  /** Records a failure; returns the seconds to wait when the address is over its limit, else undefined. */
  fail(address: string): number | undefined {
    const now = Date.now();
    let window = this.windows.get(address);
    if (!window || window.resetsAt <= now) {
      window = { failures: 0, resetsAt: now + this.windowMs };
      this.windows.set(address, window);
    }
    window.failures += 1;
    return window.failures > this.limit ? Math.max(1, Math.ceil((window.resetsAt - now) / 1000)) : undefined;
  }
}
