import { describe, expect, it } from "vitest";
import { escapeHtml, jsonLd, markup, raw, toHtmlString } from "./html";

describe("markup", () => {
  it("escapes every interpolated string, in text and in attributes", () => {
    const title = `"><script>alert('x')</script>&`;
    expect(toHtmlString(markup`<a title="${title}">${title}</a>`)).toBe(
      '<a title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</a>',
    );
  });

  it("nests templates and arrays without escaping them twice, and prints nothing for null, undefined and false", () => {
    const items = ["一", "<二>"].map((s) => markup`<li>${s}</li>`);
    expect(toHtmlString(markup`<ul>${items}${null}${undefined}${false}${0}</ul>`)).toBe(
      "<ul><li>一</li><li>&lt;二&gt;</li>0</ul>",
    );
  });

  it("passes raw markup through, and only raw markup", () => {
    expect(toHtmlString(markup`${raw("<br>")}${"<br>"}`)).toBe("<br>&lt;br&gt;");
    expect(escapeHtml("a & b")).toBe("a &amp; b");
  });

  it("writes JSON-LD that no string can close", () => {
    const out = toHtmlString(jsonLd({ name: "</script><script>alert(1)</script>" }));
    expect(out.match(/<\/script>/g)).toHaveLength(1);
    expect(JSON.parse(out.slice(out.indexOf(">") + 1, out.lastIndexOf("<")))).toEqual({
      name: "</script><script>alert(1)</script>",
    });
  });
});
