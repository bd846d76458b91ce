import { describe, expect, it } from "vitest";
import { attachment, fileNameOf } from "./serve";
import { escapeXml, paragraphsOf, xmlSafe } from "./text";

describe("text for the downloads", () => {
  it("drops what XML 1.0 forbids (NUL, C0 controls, lone surrogates, U+FFFE/U+FFFF) and keeps the rest", () => {
    expect(xmlSafe("a\u0000b\u0008c\ud800d\udfffe\ufffef\uffffg")).toBe("abcdefg");
    expect(xmlSafe("tab\tand\r\nlines, \u202Ebidi\u202C, 😀, 𠀀, \u200d")).toBe(
      "tab\tand\r\nlines, \u202Ebidi\u202C, 😀, 𠀀, \u200d",
    );
  });

  it("escapes markup for elements and attributes", () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>\u0000`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;",
    );
  });

  it("reads paragraphs as lines, whatever the line ends, without blank ones", () => {
    expect(paragraphsOf("  一 \r\n\r\n二\r三\n\n\n四\u0000")).toEqual(["一", "二", "三", "四"]);
  });

  it("names the file after the title, safely, with an ASCII fallback and the UTF-8 name", () => {
    expect(fileNameOf('剑来: 第一部 / "终" <1>?')).toBe("剑来 第一部 终 1");
    expect(fileNameOf("evil\u202Etxt.exe")).toBe("evil txt.exe");
    expect(fileNameOf("...\u0000")).toBe("book");
    expect(attachment("剑来 (续)'.txt", "book-1.txt")).toBe(
      `attachment; filename="book-1.txt"; filename*=UTF-8''%E5%89%91%E6%9D%A5%20%28%E7%BB%AD%29%27.txt`,
    );
  });
});
