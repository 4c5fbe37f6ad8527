/**
 * Photos and documents on a visit, against the real services, worker, Temporal and FerretDB (issue: the
 * engineer in the field, item 3): the type is read from the bytes, photos are re-encoded without their
 * metadata, each file is stored once by its hash, and every refusal (413, 415, 400, 403) stores nothing.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { issueToken } from '../../shared/runtime/auth';
import { diagnosedPaid, startApi, type Api } from '../setup/apiHarness';

let api: Api;
beforeAll(async () => {
  api = await startApi('attachments');
}, 120_000);
afterAll(async () => api?.close());

const upload = async (no: string, token: string, bytes: Buffer, type: string, query = 'kind=before') => {
  const res = await fetch(`${api.base}/requests/${no}/attachments?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: (await res.json()) as any };
};
const download = async (no: string, id: string, token: string) => {
  const res = await fetch(`${api.base}/requests/${no}/attachments/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
};
const storedFiles = () => api.models.AttachmentFile.countDocuments().comment('scan: a test counts the stored files');

/** A phone photo: 3000 × 2000, taken sideways (EXIF orientation 6), with its owner in the EXIF. */
const photo = () =>
  sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withMetadata({ orientation: 6, exif: { IFD0: { Copyright: 'Li Wei, 31.23N 121.47E' } } })
    .toBuffer();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('attachments', () => {
  it('R-FIELD-2 a photo is re-encoded upright without its metadata, stored once, and read back by its hash', async () => {
    const { no, engineer, link } = await diagnosedPaid(api);
    const original = await photo();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const first = await upload(no, engineer, original, 'image/jpeg', 'kind=before&name=inverter.jpg');
    expect(first).toMatchObject({
      status: 201,
      body: { kind: 'before', mediaType: 'image/jpeg', name: 'inverter.jpg' },
    });
    const { id } = first.body;
    const back = await download(no, id, engineer);
    expect(back.type).toBe('image/jpeg');
    expect(createHash('sha256').update(back.bytes).digest('hex')).toBe(id); // the bytes its id names
    const meta = await sharp(back.bytes).metadata();
    expect(meta.exif).toBeUndefined(); // no owner, no position
    expect([meta.width, meta.height]).toEqual([1707, 2560]); // turned upright, the long side at 2,560
    expect(back.bytes.length).toBeLessThan(original.length);

    // The same photo again is the same attachment; a PDF is a second one.
    expect((await upload(no, engineer, original, 'image/jpeg')).body.id).toBe(id);
    expect((await upload(no, engineer, PDF, 'application/pdf', 'kind=document&name=test-report.pdf')).status).toBe(201);
    const view = (await api.call('GET', `/requests/${no}`, api.tok.dispatcher)).body;
    expect(view.attachments.map((a: { kind: string }) => a.kind)).toEqual(['before', 'document']);
    expect(view.attachments[0]).toMatchObject({ by: 'ENG-004', visit: 1, width: 1707, height: 2560 });
    const entries = view.history.filter((h: { action: string }) => h.action === 'attachment_added');
    expect(entries).toHaveLength(2);
    const order = (await api.call('GET', `/requests/${no}/work-order`, engineer)).body;
    expect(order.attachments.map((a: { id: string }) => a.id)).toContain(id);

    // The customer sees them through their link; another request's link opens nothing.
    const customer = (await api.call('GET', `/requests/${no}?token=${link}`, undefined)).body;
    expect(customer.attachments.map((a: { id: string }) => a.id)).toContain(id);
    const other = await diagnosedPaid(api);
    expect((await download(no, id, other.link)).status).toBe(403);
    expect((await download(other.no, id, other.link)).status).toBe(404); // its hash is not on that request
  }, 180_000);

  it('R-FIELD-2 a file that is too large, of another type, lying about itself or broken is refused; nothing is stored', async () => {
    const { no, engineer } = await diagnosedPaid(api);
    const before = await storedFiles();
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const gif = Buffer.from('474946383961010001000000002c00000000010001000002', 'hex');
    const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#369' } })
      .jpeg()
      .toBuffer();
    const refusals = [
      [await upload(no, engineer, Buffer.alloc(9 * 1024 * 1024, 1), 'image/jpeg'), 413, /larger than/],
      [
        await upload(no, engineer, gif, 'image/gif'),
        415,
        /one of image\/jpeg, image\/png, image\/webp, application\/pdf/,
      ],
      [await upload(no, engineer, png, 'image/jpeg'), 415, /is image\/png, not the image\/jpeg/],
      [
        await upload(no, engineer, Buffer.from('not a pdf at all'), 'application/pdf'),
        415,
        /not a JPEG, PNG, WebP or PDF/,
      ],
      [await upload(no, engineer, jpeg.subarray(0, 300), 'image/jpeg'), 400, /cannot be read/],
      [await upload(no, engineer, PDF.subarray(0, 40), 'application/pdf'), 400, /cut off/],
      [await upload(no, engineer, png, 'image/png', 'kind=selfie'), 400, /query.kind/],
    ] as const;
    for (const [res, status, why] of refusals) {
      expect(res.status).toBe(status);
      expect(res.body.error).toMatch(why);
    }
    // An engineer not on the request, and the offered one who is not assigned, are refused before storing.
    const stranger = await issueToken(api.config.authSecret, { role: 'engineer', id: 'ENG-002' });
    expect((await upload(no, stranger, png, 'image/png')).status).toBe(403);
    expect(await storedFiles()).toBe(before);
    const view = (await api.call('GET', `/requests/${no}`, api.tok.dispatcher)).body;
    expect(view.attachments ?? []).toEqual([]);
  }, 180_000);
});
