import { describe, expect, it } from "vitest";
import {
  DEFAULT_LISTING_PARAMS,
  LONG_BOOK_MIN_WORDS_EXCLUSIVE,
  MAX_LISTING_PAGE,
  SHORT_BOOK_MAX_WORDS_EXCLUSIVE,
  lengthWordCountRange,
  listingHref,
  listingParamsSchema,
  parseListingParams,
  parseRankKind,
  type ListingParams,
} from "./listing";

describe("parseListingParams", () => {
  it("uses the defaults for an empty query, which is canonical", () => {
    expect(parseListingParams({})).toEqual({
      params: { status: "all", length: "all", sort: "updated", page: 1 },
      canonical: true,
    });
  });

  it("reads every valid filter", () => {
    expect(
      parseListingParams({
        status: "completed",
        length: "long",
        sort: "words",
        page: "3",
      }),
    ).toEqual({
      params: { status: "completed", length: "long", sort: "words", page: 3 },
      canonical: true,
    });
  });

  it("ignores keys whose value is undefined", () => {
    expect(parseListingParams({ status: "hiatus", sort: undefined })).toEqual({
      params: { ...DEFAULT_LISTING_PARAMS, status: "hiatus" },
      canonical: true,
    });
  });

  it.each([
    ["unknown status", { status: "finished" }],
    ["unknown length", { length: "huge" }],
    ["unknown sort", { sort: "random" }],
    ["wrong case", { status: "Ongoing" }],
    ["empty value", { sort: "" }],
  ])("falls back to the default for an %s and reports the URL as not canonical", (_, query) => {
    expect(parseListingParams(query)).toEqual({
      params: DEFAULT_LISTING_PARAMS,
      canonical: false,
    });
  });

  it.each(["0", "-1", "1.5", "1e3", "abc", " 2", "0x10", "", "99999999999999999999"])(
    "falls back to page 1 for page=%j",
    (page) => {
      expect(parseListingParams({ page })).toEqual({
        params: DEFAULT_LISTING_PARAMS,
        canonical: false,
      });
    },
  );

  it("clamps a page beyond the cap to the last allowed page", () => {
    expect(parseListingParams({ page: "5000" })).toEqual({
      params: { ...DEFAULT_LISTING_PARAMS, page: MAX_LISTING_PAGE },
      canonical: false,
    });
    expect(parseListingParams({ page: String(MAX_LISTING_PAGE) }).canonical).toBe(true);
  });

  it("keeps valid values next to invalid ones", () => {
    expect(parseListingParams({ status: "ongoing", sort: "bogus", page: "2" })).toEqual({
      params: { ...DEFAULT_LISTING_PARAMS, status: "ongoing", page: 2 },
      canonical: false,
    });
  });

  it("takes the first value of a repeated key and marks the URL not canonical", () => {
    expect(parseListingParams({ sort: ["popular", "new"] })).toEqual({
      params: { ...DEFAULT_LISTING_PARAMS, sort: "popular" },
      canonical: false,
    });
    expect(parseListingParams({ sort: [] }).params.sort).toBe("updated");
  });

  it("marks explicit defaults, leading zeros and unknown keys as not canonical", () => {
    expect(parseListingParams({ sort: "updated" })).toEqual({
      params: DEFAULT_LISTING_PARAMS,
      canonical: false,
    });
    expect(parseListingParams({ page: "1" }).canonical).toBe(false);
    expect(parseListingParams({ page: "02" })).toEqual({
      params: { ...DEFAULT_LISTING_PARAMS, page: 2 },
      canonical: false,
    });
    expect(parseListingParams({ utm_source: "x" })).toEqual({
      params: DEFAULT_LISTING_PARAMS,
      canonical: false,
    });
  });

  it("does not care about the order of keys in the query", () => {
    expect(parseListingParams({ page: "2", sort: "new", status: "ongoing" }).canonical).toBe(true);
  });

  it("never throws, whatever the query", () => {
    const odd = {
      status: ["x", "y"],
      length: "",
      sort: "__proto__",
      page: "NaN",
      constructor: "1",
    };
    expect(() => parseListingParams(odd)).not.toThrow();
    expect(listingParamsSchema.safeParse(parseListingParams(odd).params).success).toBe(true);
  });
});

describe("listingHref", () => {
  it("omits defaults, giving the bare path for the default listing", () => {
    expect(listingHref("/books", DEFAULT_LISTING_PARAMS)).toBe("/books");
  });

  it("writes non-default keys in a fixed order", () => {
    const params: ListingParams = {
      page: 4,
      sort: "popular",
      length: "short",
      status: "ongoing",
    };
    expect(listingHref("/category/xuanhuan", params)).toBe(
      "/category/xuanhuan?status=ongoing&length=short&sort=popular&page=4",
    );
    expect(listingHref("/books", { ...DEFAULT_LISTING_PARAMS, page: 2 })).toBe("/books?page=2");
  });

  it("round-trips: parsing the canonical URL gives the same params and canonical=true", () => {
    const params: ListingParams = {
      status: "hiatus",
      length: "medium",
      sort: "new",
      page: 7,
    };
    const query = new URL(listingHref("/books", params), "https://example.test").searchParams;
    expect(parseListingParams(Object.fromEntries(query))).toEqual({
      params,
      canonical: true,
    });
  });
});

describe("lengthWordCountRange", () => {
  it("has no filter for all lengths", () => {
    expect(lengthWordCountRange("all")).toBeNull();
  });

  it("splits books into short (<300k), medium (300k–1M) and long (>1M) without gaps or overlaps", () => {
    expect(SHORT_BOOK_MAX_WORDS_EXCLUSIVE).toBe(300_000);
    expect(LONG_BOOK_MIN_WORDS_EXCLUSIVE).toBe(1_000_000);
    const inRange = (count: number, range: { gte?: number; lte?: number } | null) =>
      range !== null && count >= (range.gte ?? -Infinity) && count <= (range.lte ?? Infinity);
    const bucketOf = (count: number) =>
      (["short", "medium", "long"] as const).filter((length) => inRange(count, lengthWordCountRange(length)));
    expect(bucketOf(0)).toEqual(["short"]);
    expect(bucketOf(299_999)).toEqual(["short"]);
    expect(bucketOf(300_000)).toEqual(["medium"]);
    expect(bucketOf(1_000_000)).toEqual(["medium"]);
    expect(bucketOf(1_000_001)).toEqual(["long"]);
  });
});

describe("parseRankKind", () => {
  it.each(["popular", "shelved", "new", "completed"] as const)("accepts %s", (kind) => {
    expect(parseRankKind(kind)).toBe(kind);
  });

  it.each(["", "Popular", "popular ", "hot", "toString", "__proto__"])("rejects %j", (kind) => {
    expect(parseRankKind(kind)).toBeNull();
  });
});
