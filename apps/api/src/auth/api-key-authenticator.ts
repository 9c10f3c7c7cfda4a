import { Injectable } from '@nestjs/common';
import { IdentityRepository } from '../identity/identity.repository';
import { hashApiKey, looksLikeApiKey } from './api-key-secret';
import type { Caller } from './caller';

/** last_used_at is recorded at most this often per key, so reads do not turn into a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class ApiKeyAuthenticator {
  constructor(private readonly identities: IdentityRepository) {}

  async authenticate(authorization: string | undefined): Promise<Caller | undefined> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match || !looksLikeApiKey(match[1])) return undefined;
    const found = await this.identities.findCallerByKeyHash(hashApiKey(match[1]));
    if (!found) return undefined;
    const { lastUsedAt, ...caller } = found;
    const now = new Date();
    if (!lastUsedAt || now.getTime() - lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.identities.touchKey(caller.keyId, now);
    }
    return caller;
  }
}
