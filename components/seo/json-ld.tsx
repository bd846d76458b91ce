import type { Thing, WithContext } from "schema-dts";

// Structured data as a <script type="application/ld+json">. JSON.stringify leaves "<" alone, so
// a title holding "</script>" could close the tag: every "<" is written as \u003c instead.
export function JsonLd({ data }: { data: WithContext<Thing> }) {
  return (
    <script
      type="application/ld+json"
      dangerouslySetInnerHTML={{ __html: JSON.stringify(data).replace(/</g, "\\u003c") }}
    />
  );
}
