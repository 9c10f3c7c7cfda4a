import { Controller, Get, Headers, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { Access, ALL_ROLES, Public } from '../auth/access.decorator';
import { CurrentCaller } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { renderCertificatesPdf } from './certificate-pdf';
import { CertificateVerificationDto, SanitizationCertificateDto } from './certificate.dto';
import { CertificatesService } from './certificates.service';

export class CertificateQuery {
  /** Which lifecycle of the unit (1 = its first takeback); default: the current one. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  lifecycle?: number;
}

/** Public verifications per address and minute. */
export const PUBLIC_VERIFY_LIMIT = 60;

export const wantsPdf = (accept: string | undefined) => /application\/pdf/i.test(accept ?? '') && !/application\/json/i.test(accept ?? '');

@ApiTags('certificates')
@Controller()
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  /** One certificate of sanitization per medium (current lifecycle, or `?lifecycle=n`): JSON, or a PDF with `Accept: application/pdf`. */
  @Get('devices/:id/certificates/sanitization')
  @Access(...ALL_ROLES)
  @ApiProduces('application/json', 'application/pdf')
  @ApiOkResponse({ type: [SanitizationCertificateDto] })
  async sanitization(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: CertificateQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SanitizationCertificateDto[] | Buffer> {
    const certificates = await this.certificates.forDevice(caller, id, query.lifecycle ?? null);
    reply.header('vary', 'Accept');
    if (!wantsPdf(accept)) return certificates;
    reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="sanitization-${id}.pdf"`);
    return renderCertificatesPdf(certificates);
  }

  /** Public, no key: does this certificate exist, does it match the unit's audit chain, and what was its result. */
  @Get('verify/:certificateId')
  @Public()
  // Public and unauthenticated: a limit of its own per address, stricter than the one for API keys.
  @Throttle({ default: { limit: PUBLIC_VERIFY_LIMIT, ttl: 60_000 } })
  verify(@Param('certificateId', ParseUUIDPipe) certificateId: string): Promise<CertificateVerificationDto> {
    return this.certificates.verify(certificateId);
  }
}
