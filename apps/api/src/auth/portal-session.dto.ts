import { IsString, Length } from 'class-validator';
import { CallerDto } from '../identity/api-key.dto';

/** Signing in to the portal: the user's API key, entered once in the login form and exchanged for a session cookie. */
export class PortalLoginDto {
  /** @example "rct_Zx81…" */
  @IsString()
  @Length(1, 200)
  apiKey: string;
}

export class PortalSessionDto {
  /** Who the session stands for (the same caller as the API key). */
  caller: CallerDto;
  /** The latest the session lasts (it also ends after 8 h without a request, and at logout). */
  expiresAt: string;
  /** Idle time, in seconds, after which the session ends. @example 28800 */
  idleTimeoutSeconds: number;
}
