import { Controller, Get, Headers, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, ALL_ROLES } from '../auth/access.decorator';
import { CurrentCaller } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { renderDestructionCertificatePdf } from '../certificates/destruction-certificate-pdf';
import { DestructionCertificateDto, DestructionCertificateQuery } from '../certificates/destruction-certificate.dto';
import { wantsPdf } from '../certificates/certificates.controller';
import { DestructionCertificateService } from './destruction-certificate.service';

@ApiTags('takebacks')
@Controller('takebacks')
export class DestructionCertificateController {
  constructor(private readonly certificates: DestructionCertificateService) {}

  /**
   * The certificate of data destruction: every medium of the takeback's units with method, level, result, date and
   * validator, and a summary (wiped, destroyed, pending). JSON, or a PDF with verify QR codes (`Accept: application/pdf`, or `?format=pdf` for a plain download link).
   */
  @Get(':id/certificate-of-destruction')
  @Access(...ALL_ROLES)
  @ApiProduces('application/json', 'application/pdf')
  @ApiOkResponse({ type: DestructionCertificateDto })
  async certificate(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: DestructionCertificateQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DestructionCertificateDto | Buffer> {
    const certificate = await this.certificates.forTakeback(caller, id);
    reply.header('vary', 'Accept');
    if (query.format !== 'pdf' && (query.format === 'json' || !wantsPdf(accept))) return certificate;
    reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="data-destruction-${id}.pdf"`);
    return renderDestructionCertificatePdf(certificate);
  }
}
