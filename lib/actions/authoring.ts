"use server";

import { redirect } from "next/navigation";
import * as books from "@/lib/data/authoring/books";
import * as chapters from "@/lib/data/authoring/chapters";
import * as volumes from "@/lib/data/authoring/volumes";
import { db } from "@/lib/db";
import {
  bookCreateSchema,
  bookRefSchema,
  volumeCreateSchema,
  volumeDeleteSchema,
  volumeRenameSchema,
} from "@/lib/validation/authoring";
import {
  bookUpdateForm,
  chapterBulkForm,
  chapterCreateForm,
  chapterRowForm,
  chapterUpdateForm,
  volumeMoveForm,
} from "@/lib/validation/authoring-forms";
import type { FormObject } from "@/lib/validation/form";
import { parseId } from "@/lib/validation/ids";
import { formAction, saved } from "./client";
import { textValues } from "./form-state";

// Server actions of the author dashboard, each a formAction (lib/actions/client.ts). Every write
// but a first book needs the AUTHOR role (a reader's first book makes them an author); the data
// layer parses the input with a strict schema and checks role and ownership again in its
// transaction. A "use server" module may export only async functions: formAction returns one.

/** The book form's fields to give back after an error; the ticked tags as one comma-joined value. */
function bookFormValues(fields: FormObject): Record<string, string> {
  const tags = fields.tagIds;
  return {
    ...textValues(fields, ["title", "intro", "language", "categoryId", "status"]),
    // An unticked box posts nothing: "" says it was unticked.
    downloadsEnabled: fields.downloadsEnabled === "on" ? "on" : "",
    tagIds: (Array.isArray(tags) ? tags : [tags]).filter((v) => typeof v === "string").join(","),
  };
}

const chapterFormValues = (fields: FormObject) =>
  textValues(fields, ["title", "body", "authorNote", "publishAt", "volumeId"]);

/** The id a form names, for the address to come back to after signing in ("" when it names none). */
const idOf = (fields: FormObject, key: string) => String(parseId(fields[key]) ?? "");

const done = () => saved("dashboard.done");

// Books

export const createBookAction = formAction({
  role: "READER",
  returnTo: "/dashboard/books/new",
  form: bookCreateSchema,
  values: bookFormValues,
  run: (actor, input) => books.createBook(db, actor, input),
  done: (result) => redirect(`/dashboard/books/${result.bookId}`),
});

export const updateBookAction = formAction({
  role: "AUTHOR",
  returnTo: (fields) => `/dashboard/books/${idOf(fields, "bookId")}`,
  form: bookUpdateForm,
  values: bookFormValues,
  run: (actor, input) => books.updateBook(db, actor, input),
});

export const trashBookAction = formAction({
  role: "AUTHOR",
  returnTo: "/dashboard",
  form: bookRefSchema,
  run: (actor, input) => books.trashBook(db, actor, input),
  done: () => redirect("/dashboard"),
});

export const restoreBookAction = formAction({
  role: "AUTHOR",
  returnTo: "/dashboard",
  form: bookRefSchema,
  run: (actor, input) => books.restoreBook(db, actor, input),
  done,
});

// Volumes

export const createVolumeAction = formAction({
  role: "AUTHOR",
  returnTo: (fields) => `/dashboard/books/${idOf(fields, "bookId")}`,
  form: volumeCreateSchema,
  run: (actor, input) => volumes.createVolume(db, actor, input),
});

export const renameVolumeAction = formAction({
  role: "AUTHOR",
  returnTo: "/dashboard",
  form: volumeRenameSchema,
  run: (actor, input) => volumes.renameVolume(db, actor, input),
});

/** Moves a volume one place up or down: the form sends the whole current order and `direction`. */
export const moveVolumeAction = formAction({
  role: "AUTHOR",
  returnTo: "/dashboard",
  form: volumeMoveForm,
  run: (actor, input) => volumes.reorderVolumes(db, actor, input),
  done,
});

export const deleteVolumeAction = formAction({
  role: "AUTHOR",
  returnTo: "/dashboard",
  form: volumeDeleteSchema,
  run: (actor, input) => volumes.deleteVolume(db, actor, input),
  done,
});

// Chapters

export const createChapterAction = formAction({
  role: "AUTHOR",
  returnTo: (fields) => `/dashboard/books/${idOf(fields, "bookId")}/chapters/new`,
  form: chapterCreateForm,
  values: chapterFormValues,
  run: (actor, input) => chapters.createChapter(db, actor, input),
  done: (result) => redirect(`/dashboard/chapters/${result.chapterId}?saved=1`),
});

export const updateChapterAction = formAction({
  role: "AUTHOR",
  returnTo: (fields) => `/dashboard/chapters/${idOf(fields, "chapterId")}`,
  form: chapterUpdateForm,
  values: chapterFormValues,
  run: (actor, input) => chapters.updateChapter(db, actor, input),
});

const CHAPTER_STEPS = {
  publish: chapters.publishChapter,
  unpublish: chapters.unpublishChapter,
  trash: chapters.trashChapter,
  restore: chapters.restoreChapter,
} as const;

/** One-button chapter forms of the chapter list: publish, unpublish, trash, restore, and moves. */
export const chapterRowAction = formAction({
  role: "AUTHOR",
  returnTo: "/dashboard",
  form: chapterRowForm,
  run: (actor, { step, ...ref }) =>
    step === "move" ? chapters.moveChapter(db, actor, ref) : CHAPTER_STEPS[step](db, actor, ref),
  done,
});

export const bulkChaptersAction = formAction({
  role: "AUTHOR",
  returnTo: (fields) => `/dashboard/books/${idOf(fields, "bookId")}`,
  form: chapterBulkForm,
  run: (actor, input) => chapters.bulkUpdateChapters(db, actor, input),
  done,
});
