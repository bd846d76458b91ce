import { afterEach, describe, expect, it, vi } from "vitest";
import { convertDocument, convertText } from "./script-convert";
import { hasVariants, inCurrentVariant, SCRIPT_VARIANTS, splitVariant, variantHref } from "./script-variants";

const hant = SCRIPT_VARIANTS.find((v) => v.key === "hant")!;
const hans = SCRIPT_VARIANTS.find((v) => v.key === "hans")!;
const site = "https://novels.example";

describe("variant addresses", () => {
  it("splits the prefix off and keeps the rest of the address", () => {
    expect(splitVariant("/zh-hant/book/40/toc")).toEqual({ variant: hant, path: "/book/40/toc" });
    expect(splitVariant("/zh-hans")).toEqual({ variant: hans, path: "/" });
    expect(splitVariant("/zh-hant/")).toEqual({ variant: hant, path: "/" });
    expect(splitVariant("/zh-hantx/book/1")).toBeNull();
    expect(splitVariant("/book/1")).toBeNull();
    expect(variantHref(hant, "/")).toBe("/zh-hant");
    expect(variantHref(hant, "/search?q=剑")).toBe("/zh-hant/search?q=剑");
  });

  it("gives variants to the catalogue's pages only", () => {
    for (const page of [
      "/",
      "/books?sort=new",
      "/book/40",
      "/book/40/toc",
      "/book/40/4008/2",
      "/tag/xianxia",
      "/search?q=x",
    ]) {
      expect(hasVariants(page), page).toBe(true);
    }
    for (const other of [
      "/dashboard",
      "/account/blocks",
      "/login?next=/book/1",
      "/api/shelf",
      "/_next/static/chunks/a.js",
      "/_shuhai/reader.abc.js",
      "/book/40/cover.svg",
      "/book/40/download.epub",
      "/feed.xml",
      "/zh-hant/book/1",
      "//evil.example/x",
    ]) {
      expect(hasVariants(other), other).toBe(false);
    }
  });
});

describe("links made in the browser", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("follow the variant of the page the reader is on", () => {
    vi.stubGlobal("window", { location: { pathname: "/zh-hant/search" } });
    expect(inCurrentVariant("/book/40")).toBe("/zh-hant/book/40");
    expect(inCurrentVariant("/login")).toBe("/login");
    vi.stubGlobal("window", { location: { pathname: "/search" } });
    expect(inCurrentVariant("/book/40")).toBe("/book/40");
  });
});

describe("converting text", () => {
  it("converts phrase by phrase in both directions", () => {
    expect(convertText("头发在发展，后来的皇后", hant)).toBe("頭髮在發展，後來的皇后");
    expect(convertText("頭髮在發展，後來的皇后", hans)).toBe("头发在发展，后来的皇后");
  });

  it("keeps the author's vocabulary (characters only, no regional words)", () => {
    expect(convertText("软件和信息", hant)).toBe("軟件和信息");
  });

  it("keeps every character's UTF-8 length (React's flight data counts bytes)", () => {
    // OpenCC maps 㓆 to 𠗣, outside the Basic Multilingual Plane.
    const text = "他说㓆字难写";
    const out = convertText(text, hant);
    expect(Buffer.byteLength(out)).toBe(Buffer.byteLength(text));
    expect(out).toBe("他說㓆字難寫");
  });

  it("leaves text in the target script and Latin text alone", () => {
    expect(convertText("劍來 Sword of Coming", hant)).toBe("劍來 Sword of Coming");
    expect(convertText("剑来 2", hans)).toBe("剑来 2");
  });
});

describe("converting a page", () => {
  const html = [
    `<html lang="zh-CN"><head><link rel="canonical" href="${site}/book/40">`,
    `<link rel="alternate" hreflang="zh-Hant" href="${site}/zh-hant/book/40">`,
    `<meta property="og:url" content="${site}/book/40"></head><body>`,
    `<script type="application/ld+json">{"@type":"Book","url":"${site}/book/40","image":"${site}/book/40/cover.svg"}</script>`,
    `<a href="/book/40/toc">目录</a><a href="/login?next=/book/40">登录</a><a href="/zh-hans/book/40">简</a>`,
    `<form action="/search"><input name="q"></form><a href="https://other.example/x">外链</a>`,
    `<p>他写道 href="/x" 这段</p><p>也写 href=&quot;/y&quot;</p>`,
    `<script>self.__next_f.push([1,"{\\"href\\":\\"/book/41\\",\\"children\\":\\"书\\"}"])</script>`,
    `</body></html>`,
  ].join("");

  it("converts the text and keeps links to pages inside the variant", () => {
    const out = convertDocument(html, hant, { siteUrl: site, kind: "html" });
    expect(out).toContain('<html lang="zh-Hant">');
    expect(out).toContain('<a href="/zh-hant/book/40/toc">目錄</a>');
    expect(out).toContain('<a href="/login?next=/book/40">登錄</a>');
    expect(out).toContain('<a href="/zh-hans/book/40">簡</a>');
    expect(out).toContain('<form action="/zh-hant/search">');
    expect(out).toContain('href="https://other.example/x"');
    // Flight data inside the page, so that the page React hydrates is the one shown.
    expect(out).toContain('{\\"href\\":\\"/zh-hant/book/41\\",\\"children\\":\\"書\\"}');
    // Text that merely looks like an attribute is text.
    expect(out).toContain('<p>他寫道 href="/x" 這段</p><p>也寫 href=&quot;/y&quot;</p>');
  });

  it("names its own address (canonical, og:url, structured data) and leaves the hreflang alternates", () => {
    const out = convertDocument(html, hant, { siteUrl: site, kind: "html" });
    expect(out).toContain(`<link rel="canonical" href="${site}/zh-hant/book/40">`);
    expect(out).toContain(`<meta property="og:url" content="${site}/zh-hant/book/40">`);
    expect(out).toContain(`<link rel="alternate" hreflang="zh-Hant" href="${site}/zh-hant/book/40">`);
    expect(out).toContain(`{"@type":"Book","url":"${site}/zh-hant/book/40","image":"${site}/book/40/cover.svg"}`);
  });

  it("names the home page's variant address, which Next writes as the bare origin", () => {
    const home = `<html lang="zh-CN"><head><link rel="canonical" href="${site}"/><meta property="og:url" content="${site}"/></head></html>`;
    const out = convertDocument(home, hant, { siteUrl: site, kind: "html" });
    expect(out).toContain(`<link rel="canonical" href="${site}/zh-hant"/>`);
    expect(out).toContain(`<meta property="og:url" content="${site}/zh-hant"/>`);
  });

  it("converts a client navigation's flight data", () => {
    const flight = '0:{"a":1}\n1:["$","a",null,{"href":"/book/40/toc","children":"目录"}]\n2:"说\\"href\\":\\"/x\\""\n';
    const out = convertDocument(flight, hant, { siteUrl: site, kind: "flight" });
    expect(out).toContain('{"href":"/zh-hant/book/40/toc","children":"目錄"}');
    expect(out).toContain('2:"說\\"href\\":\\"/x\\""');
  });

  it("keeps an English page's language", () => {
    const out = convertDocument('<html lang="en"><body><p lang="zh-CN">汉字</p></body></html>', hant, {
      siteUrl: site,
      kind: "html",
    });
    expect(out).toBe('<html lang="en"><body><p lang="zh-Hant">漢字</p></body></html>');
  });
});
