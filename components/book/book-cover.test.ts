import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BookCover } from "./book-cover";

const render = (coverUrl: string | null, size?: "small" | "large") =>
  renderToStaticMarkup(createElement(BookCover, { book: { id: 7, title: "书名", coverUrl }, size }));

describe("BookCover", () => {
  it("offers the uploaded cover's WebP renditions by width", () => {
    const html = render("/covers/7/0123456789ab");
    expect(html).toContain('src="/covers/7/0123456789ab/88.webp"');
    expect(html).toContain(
      'srcSet="/covers/7/0123456789ab/88.webp 88w, /covers/7/0123456789ab/144.webp 144w, ' +
        '/covers/7/0123456789ab/176.webp 176w, /covers/7/0123456789ab/288.webp 288w"',
    );
    expect(html).toContain('sizes="5.5rem"');
    expect(html).toContain('width="88" height="117"');
  });

  it("sizes the large cover for the book page", () => {
    const html = render("/covers/7/0123456789ab", "large");
    expect(html).toContain('src="/covers/7/0123456789ab/144.webp"');
    expect(html).toContain('sizes="(max-width: 40rem) 6.5rem, 9rem"');
    expect(html).toContain('loading="eager"');
  });

  it("shows any other cover URL as it is", () => {
    const html = render("https://img.example.test/c.jpg");
    expect(html).toContain('src="https://img.example.test/c.jpg"');
    expect(html).not.toContain("srcSet");
  });

  it("shows the title placeholder without a cover", () => {
    const html = render(null);
    expect(html).toContain("书名");
    expect(html).not.toContain("<img");
  });
});
