import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { JsonLd } from "@/components/seo/json-ld";
import { renderCoverSvg } from "./cover";
import { renderBookFeed } from "./feeds";
import { parseSitemapFile, sitemapFileName } from "./sitemap-files";
import { renderSitemapIndex, renderUrlset } from "./sitemap-xml";

const nasty = `Tom & Jerry <script>alert("x")</script> 'q'`;

describe("sitemap XML", () => {
  it("escapes URLs and writes W3C lastmod", () => {
    const xml = renderUrlset([{ url: `https://x.test/a?b=1&c=<2>`, lastModified: new Date(Date.UTC(2026, 0, 2)) }]);
    expect(xml).toContain("<loc>https://x.test/a?b=1&amp;c=&lt;2&gt;</loc><lastmod>2026-01-02T00:00:00.000Z</lastmod>");
    const alternates = { "x-default": "https://x.test/b", "zh-Hant": "https://x.test/zh-hant/b?x=1&y=2" };
    expect(renderUrlset([{ url: "https://x.test/b", lastModified: null, alternates }])).toContain(
      '<url><loc>https://x.test/b</loc><xhtml:link rel="alternate" hreflang="x-default" href="https://x.test/b"/>' +
        '<xhtml:link rel="alternate" hreflang="zh-Hant" href="https://x.test/zh-hant/b?x=1&amp;y=2"/></url>',
    );
    expect(renderSitemapIndex([{ url: "https://x.test/s.xml", lastModified: null }])).toContain(
      "<sitemap><loc>https://x.test/s.xml</loc></sitemap>",
    );
  });

  it("names files one way only", () => {
    for (const name of ["site.xml", "books-0.xml", "chapters-12.xml", "zh-hant-site.xml", "zh-hant-chapters-3.xml"]) {
      expect(sitemapFileName(parseSitemapFile(name)!)).toBe(name);
    }
    // The variant in the site's own script (zh-hans on a Simplified site) is not in the sitemap.
    for (const name of [
      "chapters-01.xml",
      "chapters-.xml",
      "pages-1.xml",
      "site.xml.gz",
      "books--1.xml",
      "zh-hans-books-0.xml",
      "zh-hantsite.xml",
    ]) {
      expect(parseSitemapFile(name)).toBeNull();
    }
  });
});

describe("JSON-LD", () => {
  it("cannot close its script tag", () => {
    const html = renderToStaticMarkup(
      createElement(JsonLd, { data: { "@context": "https://schema.org", "@type": "Book", name: nasty } }),
    );
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    const json = html.replace(/^<script type="application\/ld\+json">/, "").replace(/<\/script>$/, "");
    expect(JSON.parse(json).name).toBe(nasty);
  });
});

describe("feeds and covers", () => {
  const date = new Date(Date.UTC(2026, 5, 1));
  it("escapes titles in the Atom feed", () => {
    const xml = renderBookFeed({
      book: {
        id: 7,
        title: nasty,
        intro: "简介 & more",
        language: "zh-CN",
        coverUrl: null,
        updatedAt: date,
        lastPublishedAt: date,
        author: { id: 3, name: "作者<b>" },
      },
      chapters: [{ id: 9, title: "第1章 <i>", wordCount: 10, publishedAt: date, updatedAt: date }],
    });
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\s*<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    expect(xml).not.toContain("<script>");
    expect(xml).not.toContain("<i>");
    expect(xml).toContain("<![CDATA[第1章 &lt;i&gt;]]>");
    expect(xml).toContain("/book/7/9</id>");
  });

  it("draws an SVG cover with the escaped title", () => {
    const svg = renderCoverSvg({ id: 1, title: nasty, author: "A & B", siteName: "书海" });
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("A &#38; B");
  });
});
