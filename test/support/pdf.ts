import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import pdfParse from 'pdf-parse/lib/pdf-parse.js';

export async function pdfText(pdf: Buffer): Promise<string> {
  return (await pdfParse(pdf)).text;
}

/** The page content streams of a PDF, inflated. */
function contentStreams(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const streams: string[] = [];
  const marker = /(?<!end)stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = marker.exec(text))) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    const dictionary = text.slice(text.lastIndexOf('<<', match.index), match.index);
    const raw = pdf.subarray(start, end);
    try {
      streams.push(/FlateDecode/.test(dictionary) ? inflateSync(raw).toString('latin1') : raw.toString('latin1'));
    } catch {
      // not a deflated stream (fonts and the like): not ours to read
    }
    marker.lastIndex = end;
  }
  return streams;
}

/**
 * Rebuilds each page's QR code from its drawing (the certificate draws one square per dark module) and
 * decodes it with jsQR: what a phone's camera would read off the printed page.
 */
export function qrCodesInPdf(pdf: Buffer, moduleSize = 3): string[] {
  const decoded: string[] = [];
  for (const stream of contentStreams(pdf)) {
    const squares = [...stream.matchAll(new RegExp(`(-?[\\d.]+) (-?[\\d.]+) ${moduleSize} ${moduleSize} re`, 'g'))].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    if (squares.length < 50) continue;
    const xs = squares.map(([x]) => x);
    const ys = squares.map(([, y]) => y);
    const [minX, minY] = [Math.min(...xs), Math.min(...ys)];
    const size = Math.round((Math.max(...xs) - minX) / moduleSize) + 1;
    const scale = 4;
    const quiet = 4;
    const width = (size + 2 * quiet) * scale;
    const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
    for (const [x, y] of squares) {
      const col = Math.round((x - minX) / moduleSize) + quiet;
      const row = Math.round((y - minY) / moduleSize) + quiet;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const offset = ((row * scale + dy) * width + col * scale + dx) * 4;
          pixels[offset] = pixels[offset + 1] = pixels[offset + 2] = 0;
        }
      }
    }
    const code = jsQR(pixels, width, width);
    if (code) decoded.push(code.data);
  }
  return decoded;
}
