/**
 * Page images people can use: a phone photo is shown as the straightened page OCR read, so a field's
 * box lies on the text it names; images are JPEG sized for the screen (well under 500 KB), with the
 * full resolution for zooming in.
 */
import request from 'supertest';
import sharp from 'sharp';
import { buildUser, startTestApp, tokenFor, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { prepareImage } from '../../server/extract/image-prep';
import { corpusFile, upload, waitForDocument } from './intake-helpers';

/** Share of dark pixels inside a box (fractions of the page) of a JPEG. */
async function inkIn(jpeg: Buffer, box: { x0: number; y0: number; x1: number; y1: number }) {
  const { data, info } = await sharp(jpeg).greyscale().raw().toBuffer({ resolveWithObject: true });
  const x0 = Math.floor(box.x0 * info.width);
  const x1 = Math.ceil(box.x1 * info.width);
  const y0 = Math.floor(box.y0 * info.height);
  const y1 = Math.ceil(box.y1 * info.height);
  let dark = 0;
  let all = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      all++;
      if (data[y * info.width + x]! < 110) dark++;
    }
  }
  return all ? dark / all : 0;
}

describe(`page images for review (${testDriver()})`, () => {
  let t: TestApp;
  let staff: string;
  let id: string;
  let doc: {
    fields: {
      path: string;
      value: unknown;
      box: { x0: number; y0: number; x1: number; y1: number } | null;
    }[];
  };
  const image = (size?: string) =>
    request(t.app)
      .get(`/api/documents/${id}/pages/1/image${size ? `?size=${size}` : ''}`)
      .set('Authorization', `Bearer ${staff}`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });

  beforeAll(async () => {
    t = await startTestApp({}, { services: true });
    staff = await tokenFor(t.app, (await buildUser(t.ctx, 'school_staff')).username);
    const res = await upload(t.app, staff, [{ data: corpusFile('doc-008.jpg'), name: '照片.jpg' }]);
    id = res.body.documents[0].id;
    doc = await waitForDocument(t.app, staff, id, 240_000);
  }, 300_000);
  afterAll(() => t.close());

  test('When a phone photo is reviewed, then the page shown is the straightened sheet and the boxes lie on text', async () => {
    const full = await image('full');
    expect(full.status).toBe(200);
    expect(full.headers['content-type']).toBe('image/jpeg');
    const shown = await sharp(full.body as Buffer).metadata();
    // The page shown is the image OCR read (sheet found, warped flat, deskewed), whose fractions the
    // boxes are — not the raw photo.
    const read = await prepareImage(corpusFile('doc-008.jpg'));
    const photo = await sharp(corpusFile('doc-008.jpg')).metadata();
    expect([shown.width, shown.height]).toEqual([read.width, read.height]);
    expect([shown.width, shown.height]).not.toEqual([photo.width, photo.height]);
    const boxed = doc.fields.filter(
      (f) =>
        f.box && typeof f.value === 'string' && ['reportNumber', 'client', 'sample.name'].includes(f.path),
    );
    expect(boxed.length).toBeGreaterThan(0);
    for (const f of boxed) {
      // The box holds ink: it lies on the printed value, not on paper or background.
      expect(await inkIn(full.body as Buffer, f.box!)).toBeGreaterThan(0.04);
    }
    // The first request prepares the photo (sheet found, warped flat) and encodes it: seconds alone, a
    // minute or more while another suite's OCR holds both cores.
  }, 180_000);

  test('When a page image is requested for the screen, then it is a JPEG under 500 KB; full resolution is there for zooming', async () => {
    const screen = await image();
    const full = await image('full');
    const s = await sharp(screen.body as Buffer).metadata();
    const f = await sharp(full.body as Buffer).metadata();
    expect(screen.headers['content-type']).toBe('image/jpeg');
    expect((screen.body as Buffer).length).toBeLessThan(500_000);
    expect(s.width).toBeLessThanOrEqual(1400);
    expect(f.width).toBeGreaterThanOrEqual(s.width);
    process.stdout.write(
      `photo page image: screen ${s.width}×${s.height} ${Math.round((screen.body as Buffer).length / 1024)} KB, full ${f.width}×${f.height} ${Math.round((full.body as Buffer).length / 1024)} KB\n`,
    );
    const bad = await request(t.app)
      .get(`/api/documents/${id}/pages/1/image?size=huge`)
      .set('Authorization', `Bearer ${staff}`);
    expect(bad.status).toBe(400);
  }, 180_000);
});
