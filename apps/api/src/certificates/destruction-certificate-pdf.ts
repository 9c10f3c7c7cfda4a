import PDFDocument from 'pdfkit';
import { collectPdf, drawQr } from './certificate-pdf';
import type { DestroyedMediumDto, DestructionCertificateDto } from './destruction-certificate.dto';

/** A medium's QR code is drawn this small (points per module): a phone still reads it from paper. */
const SMALL_QR_MODULE = 1.1;
const BLOCK_HEIGHT = 64;
const PAGE_BOTTOM = 790;

const field = (label: string, value: string | null) => `${label}: ${value ?? '—'}`;

function drawMedium(doc: PDFKit.PDFDocument, m: DestroyedMediumDto, y: number): void {
  if (m.verifyUrl) drawQr(doc, m.verifyUrl, 48, y, SMALL_QR_MODULE);
  const x = 112;
  doc.font('Helvetica-Bold').fontSize(9).text(`${m.mediumSerial} (${m.mediaType}) — ${m.status.toUpperCase()}`, x, y, { width: 430 });
  doc.font('Helvetica').fontSize(8);
  doc.text(`Unit: ${m.brand} ${m.model}, serial ${m.deviceSerial}`, x, doc.y, { width: 430 });
  doc.text([field('Method', m.method), field('Level', m.level), field('Result', m.result)].join('   '), x, doc.y, { width: 430 });
  doc.text([field('Date', m.completedAt), field('Validator', m.validator)].join('   '), x, doc.y, { width: 430 });
  if (m.verifyUrl) doc.text(`Verify: ${m.verifyUrl}`, x, doc.y, { width: 430 });
  if (m.certificateId && !m.matchesAuditChain)
    doc.font('Helvetica-Bold').fillColor('#b00020').text('Audit chain: DOES NOT MATCH', x, doc.y).fillColor('#000000').font('Helvetica');
}

/** The takeback's certificate of data destruction: a summary, then one block per medium with its verify QR code. */
export function renderDestructionCertificatePdf(c: DestructionCertificateDto): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: 'Certificate of Data Destruction', Creator: 'Recert' } });
  const done = collectPdf(doc);
  const s = c.summary;
  doc.font('Helvetica-Bold').fontSize(16).text('Certificate of Data Destruction');
  doc.font('Helvetica').fontSize(9).text('Every storage medium of the takeback; NIST SP 800-88 levels, methods per IEEE 2883');
  doc.moveDown(0.5);
  doc.text(`Takeback ${c.takebackId}, site ${c.site}`);
  doc.text(`Customer organisation ${c.customerOrganisationId}; processed by ${c.custodianOrganisationId}`);
  doc.text(`Issued ${c.issuedAt}, from the units' audit trails`);
  doc.moveDown(0.5);
  doc.font('Helvetica-Bold').fontSize(11).text('Summary');
  doc.font('Helvetica').fontSize(10);
  doc.text(`Units: ${s.units}   Media: ${s.media}`);
  doc.text(`Wiped: ${s.wiped}   Destroyed: ${s.destroyed}   Pending: ${s.pending}`);
  doc.text(
    s.complete
      ? 'Complete: every medium is wiped or destroyed, and every certificate matches its audit chain.'
      : 'Not complete: media are pending, or a certificate does not match its audit chain.',
  );
  doc.fontSize(8).text('Scan a medium’s QR code to verify its certificate against the audit chain.');
  doc.moveDown(1);
  let y = doc.y;
  for (const medium of c.media) {
    if (y + BLOCK_HEIGHT > PAGE_BOTTOM) {
      doc.addPage();
      y = 48;
    }
    drawMedium(doc, medium, y);
    y += BLOCK_HEIGHT;
  }
  doc.end();
  return done;
}
