import { parseCookie, stringifySetCookie } from 'cookie';
import type { FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'recert_session';

export const sessionTokenOf = (request: FastifyRequest): string | undefined => {
  const header = request.headers.cookie;
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
};

/** Over https (directly or as RECERT_PUBLIC_URL says) the cookie is Secure; plain http on a developer's machine is not. */
const isSecure = (request: FastifyRequest, publicUrl: string | undefined) =>
  request.protocol === 'https' || /^https:/i.test(publicUrl ?? '');

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), no Max-Age: the browser drops it
 * when it closes, and the server ends it after 8 h idle or 24 h in any case.
 */
export const sessionCookie = (request: FastifyRequest, token: string, publicUrl: string | undefined) =>
  stringifySetCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: isSecure(request, publicUrl) });

export const clearedSessionCookie = (request: FastifyRequest, publicUrl: string | undefined) =>
  stringifySetCookie(SESSION_COOKIE, '', {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: isSecure(request, publicUrl),
    expires: new Date(0),
  });

/**
 * For the portal's writes (login, logout): a browser's request from another site is refused. Browsers send Origin
 * with every POST/DELETE and Sec-Fetch-Site with every request; a client that sends neither (curl) is no browser.
 */
export function isCrossSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  return origin !== `${request.protocol}://${request.host}`;
}
