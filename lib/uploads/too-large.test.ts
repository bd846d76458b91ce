import { describe, expect, it } from "vitest";
import { bytesOfTooLarge, tooLargeText } from "./too-large";

describe("the 413 text", () => {
  it("names the request's size and the limit, and is read back by the forms", () => {
    const text = tooLargeText(63_124_480, 53_477_376);
    expect(text).toBe("413 Payload Too Large: the request is 63124480 bytes; the limit here is 53477376 bytes.\n");
    expect(bytesOfTooLarge(text)).toBe(63_124_480);
    expect(bytesOfTooLarge(tooLargeText(53_477_377, 53_477_376, true))).toBe(53_477_377);
  });

  it("is not confused with other errors", () => {
    expect(bytesOfTooLarge("Unexpected end of form")).toBeNull();
    expect(bytesOfTooLarge("An unexpected response was received from the server.")).toBeNull();
    expect(bytesOfTooLarge(undefined)).toBeNull();
  });
});
