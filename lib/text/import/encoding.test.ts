import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { ImportError } from "./errors";
import { assertNotBinary, decodeText, detectEncoding, isProbablyBinary, sniffBinaryFormat } from "./encoding";
import { ENGLISH_NOVEL, SMALL_NOVEL, TRADITIONAL_NOVEL, encodeText } from "./fixtures/novel";

describe("detectEncoding", () => {
  it("detects UTF-8 with and without a BOM", () => {
    expect(detectEncoding(encodeText(SMALL_NOVEL, "utf-8", { bom: true }))).toEqual({
      encoding: "utf-8",
      confidence: 1,
      bom: true,
    });
    expect(detectEncoding(encodeText(SMALL_NOVEL, "utf-8"))).toMatchObject({ encoding: "utf-8", bom: false });
  });

  it("detects UTF-16 LE and BE with a BOM", () => {
    expect(detectEncoding(encodeText(SMALL_NOVEL, "utf-16le", { bom: true }))).toEqual({
      encoding: "utf-16le",
      confidence: 1,
      bom: true,
    });
    expect(detectEncoding(encodeText(SMALL_NOVEL, "utf-16be", { bom: true }))).toEqual({
      encoding: "utf-16be",
      confidence: 1,
      bom: true,
    });
  });

  it("detects UTF-16 LE and BE without a BOM by their NUL bytes", () => {
    for (const text of [SMALL_NOVEL, ENGLISH_NOVEL]) {
      expect(detectEncoding(encodeText(text, "utf-16le"))).toMatchObject({ encoding: "utf-16le", bom: false });
      expect(detectEncoding(encodeText(text, "utf-16be"))).toMatchObject({ encoding: "utf-16be", bom: false });
    }
  });

  it("detects GBK and GB18030 as gb18030", () => {
    expect(detectEncoding(encodeText(SMALL_NOVEL, "gb18030"))).toMatchObject({ encoding: "gb18030", bom: false });
    const gbk = new Uint8Array(iconv.encode(SMALL_NOVEL, "gbk"));
    expect(detectEncoding(gbk)).toMatchObject({ encoding: "gb18030", bom: false });
    expect(detectEncoding(gbk).confidence).toBeGreaterThan(0.5);
    // Traditional characters written in GBK are still GBK, not Big5.
    expect(detectEncoding(encodeText(TRADITIONAL_NOVEL, "gb18030")).encoding).toBe("gb18030");
  });

  it("detects Big5", () => {
    expect(detectEncoding(encodeText(TRADITIONAL_NOVEL, "big5"))).toMatchObject({ encoding: "big5", bom: false });
  });

  it("takes pure ASCII for UTF-8", () => {
    expect(detectEncoding(encodeText(ENGLISH_NOVEL, "utf-8"))).toEqual({
      encoding: "utf-8",
      confidence: 1,
      bom: false,
    });
  });

  it("prefers gb18030 when a short legacy text could be either", () => {
    expect(detectEncoding(encodeText("第一章 风起", "gb18030")).encoding).toBe("gb18030");
  });
});

describe("decodeText", () => {
  it("decodes every supported encoding back to the original text, without the BOM", () => {
    const cases = [
      [SMALL_NOVEL, "utf-8"],
      [SMALL_NOVEL, "utf-16le"],
      [SMALL_NOVEL, "utf-16be"],
      [SMALL_NOVEL, "gb18030"],
      [TRADITIONAL_NOVEL, "big5"],
    ] as const;
    for (const [text, encoding] of cases) {
      expect(decodeText(encodeText(text, encoding, { bom: true }), encoding)).toBe(text);
      expect(decodeText(encodeText(text, encoding), encoding)).toBe(text);
    }
  });

  it("throws DECODE_FAILED when the bytes are evidently in another encoding", () => {
    const gbk = encodeText(SMALL_NOVEL, "gb18030");
    expect(() => decodeText(gbk, "utf-8")).toThrowError(
      expect.objectContaining({ code: "DECODE_FAILED", params: { encoding: "utf-8" } }),
    );
  });

  it("drops NUL characters so the text can be stored", () => {
    expect(decodeText(encodeText("第一章\0 风起", "utf-16le"), "utf-16le")).toBe("第一章 风起");
  });
});

describe("binary files", () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  const zipHeader = (name: string) =>
    new Uint8Array([...Buffer.from("PK\x03\x04"), ...new Uint8Array(26), ...Buffer.from(name)]);

  it("recognises common binary formats by their signature", () => {
    expect(sniffBinaryFormat(png)).toBe("png");
    expect(sniffBinaryFormat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe("jpeg");
    expect(sniffBinaryFormat(new Uint8Array(Buffer.from("GIF89a\x01\x00")))).toBe("gif");
    expect(sniffBinaryFormat(new Uint8Array(Buffer.from("%PDF-1.7\n%âãÏÓ")))).toBe("pdf");
    expect(sniffBinaryFormat(zipHeader("[Content_Types].xml"))).toBe("docx");
    expect(sniffBinaryFormat(zipHeader("mimetypeapplication/epub+zip"))).toBe("epub");
    expect(sniffBinaryFormat(zipHeader("novel.txt"))).toBe("zip");
  });

  it("recognises unknown binary data by NUL and control bytes", () => {
    const noise = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    expect(isProbablyBinary(noise)).toBe(true);
    const controls = new Uint8Array(1000).map((_, i) => (i % 10 === 0 ? 0x01 : 0x41));
    expect(isProbablyBinary(controls)).toBe(true);
  });

  it("takes text in every supported encoding for text", () => {
    for (const encoding of ["utf-8", "utf-16le", "utf-16be", "gb18030"] as const) {
      expect(isProbablyBinary(encodeText(SMALL_NOVEL, encoding))).toBe(false);
      expect(isProbablyBinary(encodeText(SMALL_NOVEL, encoding, { bom: true }))).toBe(false);
    }
    expect(isProbablyBinary(encodeText(TRADITIONAL_NOVEL, "big5"))).toBe(false);
  });

  it("throws NOT_TEXT naming the format", () => {
    expect(() => assertNotBinary(png)).toThrowError(ImportError);
    expect(() => assertNotBinary(png)).toThrowError(
      expect.objectContaining({ code: "NOT_TEXT", params: { format: "png" } }),
    );
  });
});
