import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import type { CarbonReportDto } from './carbon.dto';

const fonts = createRequire(__filename);
const REGULAR = fonts.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = fonts.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const kg = (b: { kg: number; low: number; high: number }) =>
  `${b.kg.toLocaleString('en-GB', { maximumFractionDigits: 1 })} kg CO₂e (${b.low.toLocaleString('en-GB', { maximumFractionDigits: 1 })} – ${b.high.toLocaleString('en-GB', { maximumFractionDigits: 1 })})`;

/** The customer's yearly impact report: the three totals apart, by class and month, the factor sets, the label rule. */
export function impactReportPdf(report: CarbonReportDto): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Carbon impact report ${report.year ?? ''}`, Author: 'Recert' } });
  doc.registerFont('regular', REGULAR).registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  doc
    .font('bold')
    .fontSize(18)
    .text(`Carbon impact report ${report.year ?? ''}`);
  doc
    .font('regular')
    .fontSize(10)
    .text(`Customer organisation ${report.organisationId ?? ''}`)
    .moveDown();
  doc.font('bold').fontSize(12).text('Totals (kept apart: never netted)');
  doc.font('regular').fontSize(10);
  doc.text(`Units: ${report.units}`);
  doc.text(`Inventory (refurbishment, logistics, use): ${kg(report.totals.inventory)}`);
  doc.text(`Avoided emissions (net of reversals): ${kg(report.totals.avoided)}`);
  doc.text(`Offsets retired for you: ${report.totals.offsetsRetired.tCo2e} t CO₂e — reported beside, never subtracted`).moveDown();
  doc.font('bold').fontSize(12).text('By device class');
  doc.font('regular').fontSize(10);
  for (const c of report.byClass) doc.text(`${c.deviceClass}: ${c.units} units · inventory ${kg(c.inventory)} · avoided ${kg(c.avoided)}`);
  doc.moveDown().font('bold').fontSize(12).text('By month');
  doc.font('regular').fontSize(10);
  for (const m of report.byMonth ?? []) doc.text(`${m.month}: inventory ${kg(m.inventory)} · avoided ${kg(m.avoided)}`);
  doc.moveDown().font('bold').fontSize(12).text('Method');
  doc.font('regular').fontSize(10);
  doc.text(`Factor sets: ${report.factorSets.join(', ') || '—'}`);
  doc.text(`Carbon-neutral claim allowed: ${report.labels.carbonNeutralClaimAllowed ? 'yes' : 'no'} — ${report.labels.reason}`);
  doc.end();
  return done;
}
