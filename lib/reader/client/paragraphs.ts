// The chapter's paragraphs on this page, numbered over the whole chapter (the body's data-first
// is the number of its first), as 段评 comments, bookmarks and read-aloud count them.

export type Paragraph = { el: HTMLParagraphElement; index: number };

export function pageParagraphs(): Paragraph[] {
  const body = document.querySelector<HTMLElement>(".chapter-body[data-first]");
  if (!body) return [];
  const first = Number(body.dataset.first);
  return Array.from(body.querySelectorAll<HTMLParagraphElement>(":scope > p"), (el, i) => ({ el, index: first + i }));
}

/** The paragraph's own text (without a comment bubble's count appended to it). */
export const paragraphText = (p: Paragraph) => (p.el.firstChild?.textContent ?? "").trim();

/** The first paragraph whose text is still on the screen; the first of the page above it. */
export function firstInView(list = pageParagraphs()): Paragraph | undefined {
  return list.find((p) => p.el.getBoundingClientRect().bottom > 8) ?? list.at(-1);
}

/** Scrolls to a paragraph (no smooth scrolling on the reading page) and marks it for a moment. */
export function showParagraph(p: Paragraph): void {
  p.el.scrollIntoView({ block: "start" });
  p.el.classList.add("para-flash");
  setTimeout(() => p.el.classList.remove("para-flash"), 2000);
}

/** Scrolls to the paragraph the address names (#p-12), as a bookmark's link asks. */
export function showLinkedParagraph(): void {
  const index = Number(/^#p-(\d+)$/.exec(window.location.hash)?.[1] ?? NaN);
  const target = pageParagraphs().find((p) => p.index === index);
  if (target) showParagraph(target);
}
