/**
 * What an uploaded file is, decided from its bytes (the Content-Type header only has to agree), and the
 * copy that is stored: photos re-encoded by sharp (libvips), which turns them upright by their EXIF
 * orientation and drops every metadata block (GPS position, camera, owner); PDFs as they came.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { AttachmentType } from '../../shared/serviceRequest/attachments';
import { HttpError } from '../http/errors';

/** The longest side a stored photo keeps: enough to read a nameplate, a fraction of a phone's original. */
const MAX_SIDE = 2560;
const FORMATS: Record<string, AttachmentType> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export interface PreparedFile {
  id: string;
  mediaType: AttachmentType;
  data: Buffer;
  width?: number;
  height?: number;
}

/** What the first bytes say the file is (undefined: none of the allowed types). */
function sniff(b: Buffer): AttachmentType | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'image/webp';
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return undefined;
}

/** 415 when the bytes are not what the header says (or nothing allowed); 400 when they are broken. */
export async function prepareFile(bytes: Buffer, declared: string): Promise<PreparedFile> {
  const actual = sniff(bytes);
  if (!actual)
    throw new HttpError(415, `the file is not a JPEG, PNG, WebP or PDF (its bytes say so, whatever its name)`);
  if (actual !== declared) throw new HttpError(415, `the file is ${actual}, not the ${declared} its Content-Type says`);
  if (actual === 'application/pdf') {
    if (!bytes.subarray(-1024).toString('latin1').includes('%%EOF'))
      throw new HttpError(400, 'body: the PDF is cut off or broken (no %%EOF at its end)');
    return { id: hashOf(bytes), mediaType: actual, data: bytes };
  }
  try {
    const image = sharp(bytes, { failOn: 'error' })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    const format = Object.keys(FORMATS).find((f) => FORMATS[f] === actual) as 'jpeg' | 'png' | 'webp';
    const { data, info } = await image.toFormat(format, format === 'png' ? {} : { quality: 85 }).toBuffer({
      resolveWithObject: true,
    });
    return { id: hashOf(data), mediaType: actual, data, width: info.width, height: info.height };
  } catch (err) {
    throw new HttpError(400, `body: the image cannot be read (${(err as Error).message.split('\n')[0]})`);
  }
}

const hashOf = (b: Buffer) => createHash('sha256').update(b).digest('hex');
