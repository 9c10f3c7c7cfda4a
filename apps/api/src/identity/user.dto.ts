import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { ROLES } from './identity.types';
import type { Role } from './identity.types';
import type { UserEntity } from './user.entity';

export class CreateUserDto {
  @IsUUID()
  organisationId: string;

  /** Unique across the installation; stored in lower case. @example "ana.technician@contoso.example" */
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(320)
  email: string;

  /** @example "Ana Silva" */
  @IsString()
  @Length(1, 200)
  name: string;

  /** @example "technician" */
  @IsIn(ROLES)
  role: Role;
}

export class UserDto {
  id: string;
  organisationId: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}

export class UserPageDto {
  items: UserDto[];
  nextCursor: string | null;
}

export const toUserDto = (u: UserEntity): UserDto => ({
  id: u.id,
  organisationId: u.organisationId,
  email: u.email,
  name: u.name,
  role: u.role,
  createdAt: u.createdAt.toISOString(),
});
