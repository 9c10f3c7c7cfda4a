import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { ACCESS_POLICY, AccessPolicy } from '../auth/access.decorator';

export interface DeclaredRoute {
  method: string;
  /** Nest's pattern, e.g. `/devices/:id/events`. */
  path: string;
  policy: AccessPolicy | undefined;
  /** `Controller.method`. */
  handler: string;
}

/** Every route the application's controllers declare, with the access policy Nest will see for it. */
export function declaredRoutes(app: INestApplication): DeclaredRoute[] {
  const scanner = new MetadataScanner();
  const controllers = [...app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.values()]);
  return controllers.flatMap((wrapper) => {
    const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!type) return [];
    const base = normalise(Reflect.getMetadata(PATH_METADATA, type));
    const classPolicy = Reflect.getMetadata(ACCESS_POLICY, type) as AccessPolicy | undefined;
    return scanner.getAllMethodNames(type.prototype).flatMap((name) => {
      const handler = (type.prototype as Record<string, unknown>)[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler);
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) return [];
      const full = `/${[base, normalise(path)].filter(Boolean).join('/')}`;
      const policy = (Reflect.getMetadata(ACCESS_POLICY, handler) as AccessPolicy | undefined) ?? classPolicy;
      return [{ method: RequestMethod[method], path: full, policy, handler: `${type.name}.${name}` }];
    });
  });
}

const normalise = (path: string | string[] | undefined) => String(Array.isArray(path) ? path[0] : (path ?? '')).replace(/^\/+|\/+$/g, '');

/** `/devices/:id/events` → `/devices/{id}/events`, the document's spelling. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
