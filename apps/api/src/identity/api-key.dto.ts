import { IsString, Length } from 'class-validator';
import type { ApiKeyEntity } from './api-key.entity';

export class CreateApiKeyDto {
  /** What the key is for. @example "station 4 wipe rig" */
  @IsString()
  @Length(1, 100)
  name: string;
}

export class ApiKeyDto {
  id: string;
  userId: string;
  name: string;
  /** The key's first characters, to recognise it. */
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  /** The key itself. It is shown only in this answer and cannot be read back. */
  key: string;
}

export const toApiKeyDto = (k: ApiKeyEntity): ApiKeyDto => ({
  id: k.id,
  userId: k.userId,
  name: k.name,
  prefix: k.prefix,
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt?.toISOString() ?? null,
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
});

export class CallerDto {
  keyId: string;
  userId: string;
  organisationId: string;
  organisationKind: string;
  role: string;
}
