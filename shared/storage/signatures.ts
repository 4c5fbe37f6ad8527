/**
 * Signatures drawn on a screen (the customer's on the quotation, the service confirmation and a
 * settlement difference; R-QUOTE-2, R-SETTLE-2, R-VISIT-6). The image is kept here, once, under its
 * request and content hash; the workflow records only the hash with the step it signs, so its history
 * stays small and the PDF documents can draw the same image later. Node-only.
 */
import { createHash } from 'node:crypto';
import { Schema, type Model } from 'mongoose';
import type { Actor } from '../common/actor';

/** The one model these functions need (models.ts imports this file for the schema). */
type Models = { Signature: Model<any> };

export const signature = new Schema(
  {
    _id: { type: String, required: true }, // `<requestNo>|<sha256>`: a second upload of the same image is the same row
    requestNo: String,
    png: Buffer,
    by: { role: String, id: String },
    at: Date,
  },
  { versionKey: false },
);

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const SIGNATURE_MAX_BYTES = 150_000;

/** What is wrong with an upload, or undefined: a PNG of 8 bytes to 150 KB with a sane size. */
export function signatureProblem(png: Buffer): string | undefined {
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_MAGIC)) return 'png: not a PNG image (base64 of a .png file)';
  if (png.length > SIGNATURE_MAX_BYTES) return `png: ${png.length} bytes; at most ${SIGNATURE_MAX_BYTES} allowed`;
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  if (width < 50 || height < 20 || width > 4000 || height > 4000) {
    return `png: ${width}×${height} pixels; a signature is 50×20 to 4000×4000`;
  }
  return undefined;
}

export const signatureIdOf = (png: Buffer) => createHash('sha256').update(png).digest('hex');

/** Stores the image (idempotent: the same image again is the same id) and answers its id. */
export async function storeSignature(models: Models, requestNo: string, png: Buffer, by: Actor): Promise<string> {
  const id = signatureIdOf(png);
  try {
    await models.Signature.create({ _id: `${requestNo}|${id}`, requestNo, png, by, at: new Date() });
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
  }
  return id;
}

export async function signatureImage(models: Models, requestNo: string, id: string): Promise<Buffer | undefined> {
  const row = await models.Signature.findById(`${requestNo}|${id}`).lean();
  if (!row?.png) return undefined;
  // A lean read answers the driver's Binary, whose bytes are in `.buffer`.
  const png = row.png as Buffer | { buffer: Uint8Array };
  return Buffer.isBuffer(png) ? png : Buffer.from(png.buffer);
}
