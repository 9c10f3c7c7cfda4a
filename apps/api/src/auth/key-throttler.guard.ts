import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { RequestWithCaller } from './caller';

/** Rate limits count per API key; requests without one (public routes) count per address. */
@Injectable()
export class KeyThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const caller = (request as RequestWithCaller).caller;
    return caller ? `key:${caller.keyId}` : `ip:${String(request.ip)}`;
  }
}
