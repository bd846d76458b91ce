"use client";

import { postInBackground } from "./background-post";

// Counts a read (POST /api/views) once a chapter page, or one of its sub-pages, has loaded in a
// browser. Only chapter pages send it: on a novel site a read is a chapter opened, not a visit to
// the book page or its table of contents. The pages themselves are static and the same for every
// visitor, so the browser reports the read; readers without JavaScript and crawlers are not
// counted. The server counts a reader's chapter once per half hour, so sub-pages and reloads
// add nothing. Fire-and-forget: a lost view is only a statistic.

export function sendChapterView(bookId: number, chapterId: number): void {
  postInBackground("/api/views", { bookId, chapterId }, { beacon: true });
}
