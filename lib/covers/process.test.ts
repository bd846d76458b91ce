import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { CoverError, type CoverErrorCode } from "./errors";
import { MAX_COVER_BYTES, processCover, sniffImageType } from "./process";
import { COVER_SIZES } from "./sizes";

// Every image here is made by the test itself with sharp.

function picture(width: number, height: number, opts: { noise?: boolean; alpha?: boolean } = {}) {
  return sharp({
    create: {
      width,
      height,
      channels: opts.alpha ? 4 : 3,
      background: opts.alpha ? { r: 200, g: 40, b: 40, alpha: 0.5 } : { r: 40, g: 90, b: 160 },
      ...(opts.noise ? { noise: { type: "gaussian" as const, mean: 128, sigma: 40 } } : {}),
    },
  });
}

async function expectCoverError(promise: Promise<unknown>, code: CoverErrorCode) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CoverError);
  expect((error as CoverError).code).toBe(code);
  expect((error as CoverError).messageKey).toBe(`covers.errors.${code}`);
}

const isWebp = (bytes: Uint8Array) =>
  Buffer.from(bytes.subarray(0, 4)).toString("latin1") === "RIFF" &&
  Buffer.from(bytes.subarray(8, 12)).toString("latin1") === "WEBP";

describe("processCover", () => {
  it.each([
    ["PNG", () => picture(400, 600, { alpha: true }).png().toBuffer()],
    ["JPEG", () => picture(900, 1200, { noise: true }).jpeg().toBuffer()],
    ["WebP", () => picture(640, 480).webp().toBuffer()],
    ["GIF", () => picture(300, 400).gif().toBuffer()],
    ["AVIF", () => picture(300, 400).avif({ effort: 0 }).toBuffer()],
  ])("renders a %s upload as WebP at every page size, cropped to 3:4", async (_name, make) => {
    const cover = await processCover(await make());

    expect(cover.version).toMatch(/^[0-9a-f]{12}$/);
    expect(cover.renditions.map((r) => [r.width, r.height])).toEqual(COVER_SIZES.map((s) => [s.width, s.height]));
    for (const r of cover.renditions) {
      expect(isWebp(r.bytes)).toBe(true);
      expect(r.contentType).toBe("image/webp");
      const meta = await sharp(r.bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["webp", r.width, r.height]);
      expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("keeps only the first frame of an animated GIF", async () => {
    const animated = await sharp(
      Buffer.concat([
        await picture(300, 400).raw().toBuffer(),
        await sharp({ create: { width: 300, height: 400, channels: 3, background: "#cc3333" } })
          .raw()
          .toBuffer(),
      ]),
      { raw: { width: 300, height: 800, channels: 3, pageHeight: 400 } },
    )
      .gif()
      .toBuffer();
    expect((await sharp(animated).metadata()).pages).toBe(2);

    const cover = await processCover(animated);
    const { data } = await sharp(cover.renditions[0]!.bytes).raw().toBuffer({ resolveWithObject: true });
    // The first frame is blue (40, 90, 160), not the red second one.
    expect(data[2]!).toBeGreaterThan(data[0]!);
  });

  it("drops metadata and honours the EXIF orientation", async () => {
    const jpeg = await picture(400, 300)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({ IFD0: { Copyright: "secret-marker" } })
      .withIccProfile("p3")
      .toBuffer();
    const input = await sharp(jpeg).metadata();
    expect([input.orientation, input.icc !== undefined, jpeg.includes("secret-marker")]).toEqual([6, true, true]);

    const cover = await processCover(jpeg);
    expect(cover.source).toEqual({ format: "jpeg", width: 300, height: 400 });
    for (const r of cover.renditions) {
      const meta = await sharp(r.bytes).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(Buffer.from(r.bytes).includes("secret-marker")).toBe(false);
    }
  });

  it("gives the same version for the same upload and a different one for another", async () => {
    const a = await picture(400, 600).png().toBuffer();
    const b = await picture(400, 600, { noise: true }).png().toBuffer();
    expect((await processCover(a)).version).toBe((await processCover(a)).version);
    expect((await processCover(a)).version).not.toBe((await processCover(b)).version);
  });

  it("refuses a file over 5 MB before looking at it", async () => {
    const big = new Uint8Array(MAX_COVER_BYTES + 1);
    big.set(await picture(400, 600).png().toBuffer());
    await expectCoverError(processCover(big), "TOO_LARGE");
    // The message names the file's size and the limit.
    await expect(processCover(big)).rejects.toMatchObject({ params: { sizeMb: "5.0", maxMb: 5 } });
  });

  it("refuses an image wider or taller than 6000 px without decoding it", async () => {
    await expectCoverError(processCover(await picture(6001, 300).png().toBuffer()), "DIMENSIONS_TOO_LARGE");
    // A tiny PNG whose header claims 30000×30000 (a "pixel bomb").
    const bomb = await picture(200, 200).png().toBuffer();
    bomb.writeUInt32BE(30000, 16);
    bomb.writeUInt32BE(30000, 20);
    await expectCoverError(processCover(bomb), "DIMENSIONS_TOO_LARGE");
  });

  it("refuses an image under 200 px on a side", async () => {
    await expectCoverError(processCover(await picture(150, 400).png().toBuffer()), "TOO_SMALL");
    await expectCoverError(processCover(await picture(400, 199).jpeg().toBuffer()), "TOO_SMALL");
  });

  it.each([
    ["a text file named .png", Buffer.from("just some text, not a picture\n".repeat(20))],
    [
      "an SVG",
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="600"><script>alert(1)</script></svg>'),
    ],
    ["an HTML page", Buffer.from("<!doctype html><html><body><img src=x onerror=alert(1)></body></html>")],
    ["an empty file", Buffer.alloc(0)],
    ["a PDF", Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n")],
  ])("refuses %s as NOT_AN_IMAGE", async (_name, bytes) => {
    await expectCoverError(processCover(bytes), "NOT_AN_IMAGE");
  });

  it("refuses a truncated JPEG with a clear error", async () => {
    const jpeg = await picture(800, 1000, { noise: true }).jpeg().toBuffer();
    await expectCoverError(processCover(jpeg.subarray(0, Math.floor(jpeg.length / 2))), "UNREADABLE");
  });

  it("refuses a file that only starts like an image", async () => {
    const fake = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 7)]);
    await expectCoverError(processCover(fake), "UNREADABLE");
  });
});

describe("sniffImageType", () => {
  it("reads the magic numbers, not the name", async () => {
    expect(sniffImageType(await picture(10, 10).jpeg().toBuffer())).toBe("jpeg");
    expect(sniffImageType(await picture(10, 10).png().toBuffer())).toBe("png");
    expect(sniffImageType(await picture(10, 10).webp().toBuffer())).toBe("webp");
    expect(sniffImageType(await picture(10, 10).gif().toBuffer())).toBe("gif");
    expect(sniffImageType(await picture(10, 10).avif({ effort: 0 }).toBuffer())).toBe("avif");
    expect(sniffImageType(Buffer.from("<svg/>"))).toBeNull();
    expect(sniffImageType(Buffer.from([0xff, 0xd8]))).toBeNull();
  });
});
