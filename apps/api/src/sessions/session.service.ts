import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { Caller } from '../auth/caller';
import { SessionRepository } from './session.repository';

/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 8 * 60 * 60_000;
/** …and at the latest this long after login, however busy. */
export const SESSION_MAX_MS = 24 * 60 * 60_000;
/** last_seen_at (and so the idle expiry) moves at most this often, so reads do not become a write each. */
const TOUCH_RESOLUTION_MS = 60_000;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
/** 32 random bytes, base64url: what the cookie carries. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface OpenedSession {
  token: string;
  expiresAt: Date;
}

/** Browser sessions: a token in an HttpOnly cookie stands for the API key the user signed in with. */
@Injectable()
export class SessionService {
  constructor(private readonly sessions: SessionRepository) {}

  async open(caller: Caller, now = new Date()): Promise<OpenedSession> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_MAX_MS);
    await this.sessions.create({
      tokenHash: hashOf(token),
      keyId: caller.keyId,
      idleExpiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
      expiresAt,
    });
    return { token, expiresAt };
  }

  /** The caller a live session stands for (the same Caller its API key resolves to), or undefined. */
  async authenticate(token: string | undefined, now = new Date()): Promise<Caller | undefined> {
    if (!token || !TOKEN_SHAPE.test(token)) return undefined;
    const tokenHash = hashOf(token);
    const found = await this.sessions.find(tokenHash);
    if (!found) return undefined;
    if (now.getTime() - found.lastSeenAt.getTime() > TOUCH_RESOLUTION_MS)
      await this.sessions.touch(tokenHash, now, new Date(now.getTime() + SESSION_IDLE_MS));
    return found.caller;
  }

  async close(token: string | undefined): Promise<void> {
    if (token && TOKEN_SHAPE.test(token)) await this.sessions.delete(hashOf(token));
  }
}
