import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * The site's links between its React pages: next/link without prefetching unless asked for
 * (`prefetch`). Next prefetches every link that scrolls into view, which on a list page is dozens
 * of background requests (and on a phone's slow network, bandwidth taken from the page being
 * read) for pages the reader will mostly never open. Reading pages are plain links
 * (components/book/chapter-link.tsx); the reading page prefetches only its next page.
 */
export default function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}
