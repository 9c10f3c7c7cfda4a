import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { SanitizationCertificateDto } from './certificate.dto';

const MODULE = 3;
const QR_QUIET_ZONE = 4;

/**
 * Draws the QR code as vector squares (one per dark module), so it prints sharp at any size and a reader of
 * the PDF can rebuild the exact matrix from the page's drawing operators.
 */
export function drawQr(doc: PDFKit.PDFDocument, url: string, x: number, y: number, module = MODULE): void {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  doc
    .save()
    .rect(x, y, (size + 2 * QR_QUIET_ZONE) * module, (size + 2 * QR_QUIET_ZONE) * module)
    .fill('#ffffff');
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (modules.get(row, col)) doc.rect(x + (col + QR_QUIET_ZONE) * module, y + (row + QR_QUIET_ZONE) * module, module, module);
    }
  }
  doc.fill('#000000').restore();
}

/** The document's bytes once it ends. */
export function collectPdf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

export const person = (p: { name: string; title: string; organisation?: string; location?: string; contact?: string } | null) =>
  p ? [p.name, p.title, p.organisation, p.location, p.contact].filter(Boolean).join(', ') : '—';

function rows(c: SanitizationCertificateDto): Array<[string, string] | string> {
  const s = c.sanitization;
  const d = c.destruction;
  const v = c.validation;
  return [
    'Media',
    ['Serial number', c.medium.serial],
    ['Make / model', [c.medium.make, c.medium.model].filter(Boolean).join(' ') || '—'],
    ['Property number', c.medium.propertyNumber ?? '—'],
    [
      'Media type',
      `${c.medium.mediaClass} (${c.medium.type}, ${c.medium.interface}${c.medium.capacityGb ? `, ${c.medium.capacityGb} GB` : ''})`,
    ],
    ['Source (host serial)', c.medium.sourceSerial],
    ['Classification', c.classification ?? '—'],
    ['Data backed up', c.dataBackedUp ?? 'unknown'],
    'Sanitization',
    ['Person performing', person(c.performedBy)],
    ['Method type', s ? s.methodType : d ? 'destroy' : '—'],
    ['Method used', s ? `${s.method}${s.methodDetails ? ` (${s.methodDetails})` : ''}` : d ? d.method : '—'],
    ['Tool and version', s?.tool ? `${s.tool.name} ${s.tool.version}` : '—'],
    ['Verification method', s?.verification ?? '—'],
    ['Result', s ? s.result : d ? 'destroyed' : '—'],
    ['Completed', s?.completedAt ?? d?.at ?? '—'],
    ['Policy', s?.policy ?? '—'],
    ['Failed attempts', s?.failedAttempts.length ? s.failedAttempts.map((a) => `${a.method} (${a.at})`).join('; ') : 'none'],
    ...(d
      ? (['Destruction', ['Method', d.method], ['Witness', d.witness], ['Evidence', d.evidenceReference], ['Date', d.at]] as Array<
          [string, string] | string
        >)
      : []),
    'Validation (by a different person)',
    ['Validated by', v ? person(v.by) : d ? 'destruction witnessed' : '—'],
    ['Validation method', v ? `${v.method}${v.tool ? ` with ${v.tool.name} ${v.tool.version}` : ''}` : '—'],
    ['Validation result', v?.result ?? '—'],
    ['Date', v?.at ?? '—'],
    'Disposition',
    ['Post-sanitization classification', c.postClassification ?? '—'],
    ['Media destination', c.destination ?? '—'],
    'Signature',
    ['Audit entry', `seq ${c.signature.auditSeq} of lifecycle ${c.lifecycleId}`],
    ['Entry hash (SHA-256)', c.signature.auditHash],
    ['Issued', c.signature.issuedAt],
  ];
}

/** One A4 page per medium, every certificate field, and a QR code of the public verify URL. */
export function renderCertificatesPdf(certificates: SanitizationCertificateDto[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: 'Certificates of Sanitization', Creator: 'Recert' } });
  const done = collectPdf(doc);
  if (certificates.length === 0) {
    doc.font('Helvetica-Bold').fontSize(16).text('Certificates of Sanitization');
    doc
      .font('Helvetica')
      .fontSize(10)
      .moveDown()
      .text('No medium of this unit has a completed sanitization (validated wipe or witnessed destruction) yet.');
  }
  certificates.forEach((c, i) => {
    if (i > 0) doc.addPage();
    drawQr(doc, c.verifyUrl, 420, 40);
    doc.font('Helvetica-Bold').fontSize(16).text('Certificate of Sanitization', 48, 48, { width: 360 });
    doc.font('Helvetica').fontSize(9).text('NIST SP 800-88 (fields of Rev. 1 Appendix G), methods per IEEE 2883', { width: 360 });
    doc.text(`Certificate ${c.certificateId}`, { width: 360 });
    doc.text(`Outcome: ${c.outcome}`, { width: 360 });
    // Checked as the document is served: a document over an altered trail says so on its face.
    if (c.matchesAuditChain) doc.text(`Audit chain: matches (checked ${c.auditChainCheckedAt})`, { width: 360 });
    else {
      doc
        .font('Helvetica-Bold')
        .fillColor('#b00020')
        .text(`Audit chain: DOES NOT MATCH (checked ${c.auditChainCheckedAt}); do not rely on this certificate`, { width: 360 });
      doc
        .font('Helvetica')
        .fontSize(9)
        .text(c.auditChainProblem ?? '', { width: 360 })
        .fillColor('#000000');
    }
    doc.text(`Verify: ${c.verifyUrl}`, { width: 360 });
    doc.moveDown(1.5);
    for (const row of rows(c)) {
      if (typeof row === 'string') {
        doc.moveDown(0.4).font('Helvetica-Bold').fontSize(10).text(row, 48).font('Helvetica').fontSize(9);
        continue;
      }
      const y = doc.y;
      doc.text(`${row[0]}:`, 48, y, { width: 170 });
      doc.text(row[1], 225, y, { width: 320 });
      doc.y = Math.max(doc.y, y + 11);
    }
  });
  doc.end();
  return done;
}
