import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { encodeCursor, Keyset } from './keyset-cursor';

export const MAX_PAGE_SIZE = 200;

/** Keyset pagination: `cursor` is the last id of the previous page. */
export class PageQuery {
  @IsOptional()
  @IsUUID()
  cursor?: string;

  /** Page size, 1–200 (default 50). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export function pageOf<T extends { id: string }, D>(rows: T[], limit: number, toDto: (row: T) => D): Page<D> {
  const items = rows.slice(0, limit);
  return { items: items.map(toDto), nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}

/** Keyset pagination in (created time, id) order: `cursor` is the previous page's opaque `nextCursor`. */
export class KeysetPageQuery {
  /** The `nextCursor` of the previous page, unchanged. @example "MTc5NTQ1MDAwMDAwMDAwMDpmMWQ..." */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  /** Page size, 1–200 (default 50). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

/** A page from `limit + 1` rows: the extra row only tells that another page exists. */
export function keysetPageOf<T extends { id: string }, D>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => Keyset,
  toDto: (row: T) => D,
): Page<D> {
  const items = rows.slice(0, limit);
  return { items: items.map(toDto), nextCursor: rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null };
}
