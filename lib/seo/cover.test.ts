import { describe, expect, it } from "vitest";
import { coverImage, coverPath } from "./cover";

describe("coverPath", () => {
  it("points an uploaded cover at its 600×800 WebP rendition, which the covers route serves", () => {
    expect(coverPath({ id: 2, coverUrl: "/covers/2/9f86d081" })).toBe("/covers/2/9f86d081/600.webp");
    expect(coverImage({ id: 2, title: "书", coverUrl: "/covers/2/9f86d081" })).toMatchObject({
      url: "/covers/2/9f86d081/600.webp",
      width: 600,
      height: 800,
    });
  });

  it("falls back to the generated title cover without an upload, or for a URL that is not ours", () => {
    expect(coverPath({ id: 7, coverUrl: null })).toBe("/book/7/cover.svg");
    expect(coverPath({ id: 7, coverUrl: "https://evil.example/pixel.png" })).toBe("/book/7/cover.svg");
  });
});
