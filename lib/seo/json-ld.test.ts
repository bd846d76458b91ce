import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { JsonLd } from "@/components/seo/json-ld";
import type { ReviewSummary, ReviewView } from "@/lib/data/reviews/queries";
import { RANK_MIN_RATINGS } from "@/lib/validation/reviews";
import { bookJsonLd } from "./json-ld";

// The book page's structured data carries its readers' rating and a few reviews once enough
// readers have rated it, and nothing about ratings before.

const book = {
  id: 7,
  title: "星海",
  intro: "简介",
  language: "zh-CN",
  coverUrl: null,
  wordCount: 1000,
  updatedAt: new Date("2026-12-01T00:00:00Z"),
  lastPublishedAt: new Date("2026-12-02T00:00:00Z"),
  createdAt: new Date("2026-11-01T00:00:00Z"),
  author: { id: 3, name: "作者" },
  category: { slug: "xuanhuan", name: "玄幻", nameEn: "Fantasy" },
};

const review = (id: number, overall: number, body: string): ReviewView => ({
  id,
  overall,
  style: null,
  story: 4,
  grammar: null,
  character: null,
  body,
  helpfulCount: 2,
  createdAt: "2026-12-03T00:00:00.000Z",
  updatedAt: "2026-12-03T00:00:00.000Z",
  user: { id: 100 + id, name: `读者${id}` },
});

function summary(count: number, sum: number, top: ReviewView[]): ReviewSummary {
  const none = { count: 0, average: null };
  return {
    rating: {
      overall: { count, average: count ? sum / count : null },
      style: none,
      story: none,
      grammar: none,
      character: none,
    },
    top,
  };
}

/** The JSON-LD as the page's script carries it. */
function parsed(data: object) {
  const html = renderToStaticMarkup(createElement(JsonLd, { data: data as never }));
  return JSON.parse(html.replace(/^<script type="application\/ld\+json">/, "").replace(/<\/script>$/, ""));
}

describe("book JSON-LD ratings", () => {
  it("AggregateRating and Reviews once the book has enough visible ratings", () => {
    const ld = parsed(bookJsonLd(book, summary(RANK_MIN_RATINGS, 13, [review(1, 5, "好看"), review(2, 4, "")])));
    expect(ld["@type"]).toBe("Book");
    expect(ld.aggregateRating).toEqual({
      "@type": "AggregateRating",
      ratingValue: 4.33,
      ratingCount: RANK_MIN_RATINGS,
      bestRating: 5,
      worstRating: 1,
    });
    expect(ld.review).toEqual([
      {
        "@type": "Review",
        author: { "@type": "Person", name: "读者1" },
        datePublished: "2026-12-03T00:00:00.000Z",
        reviewRating: { "@type": "Rating", ratingValue: 5, bestRating: 5, worstRating: 1 },
        reviewBody: "好看",
      },
      {
        "@type": "Review",
        author: { "@type": "Person", name: "读者2" },
        datePublished: "2026-12-03T00:00:00.000Z",
        reviewRating: { "@type": "Rating", ratingValue: 4, bestRating: 5, worstRating: 1 },
      },
    ]);
  });

  it("nothing about ratings with fewer, or without any", () => {
    for (const data of [
      bookJsonLd(book, summary(RANK_MIN_RATINGS - 1, 10, [review(1, 5, "好看")])),
      bookJsonLd(book, summary(0, 0, [])),
      bookJsonLd(book, null),
    ]) {
      const ld = parsed(data);
      expect(ld.name).toBe("星海");
      expect(ld).not.toHaveProperty("aggregateRating");
      expect(ld).not.toHaveProperty("review");
    }
  });
});
