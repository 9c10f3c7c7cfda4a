import { IntersectionType } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { DeviceFilterQuery } from '../devices/device.dto';

export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

class ExportFormatQuery {
  /**
   * `csv` (text/csv, a header line, formula-like cells neutralised) or `jsonl` (application/x-ndjson, one JSON
   * object a line). Without it, `Accept: application/x-ndjson` (or application/jsonl) gives JSON Lines, anything else CSV.
   * @example "csv"
   */
  @IsOptional()
  @IsString()
  @Length(1, 16)
  format?: string;
}

/** The filters of `GET /devices` (they select the units whose rows are exported), and the format. */
export class ExportQuery extends IntersectionType(DeviceFilterQuery, ExportFormatQuery) {}
