"use server";

import { redirect } from "next/navigation";
import * as books from "@/lib/data/authoring/books";
import * as chapters from "@/lib/data/authoring/chapters";
import * as volumes from "@/lib/data/authoring/volumes";
import { DomainError } from "@/lib/data/errors";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { formIdValue, parseId } from "@/lib/validation/ids";
import {
  bookCreateInput,
  bookUpdateInput,
  chapterBulkInput,
  chapterCreateInput,
  chapterUpdateInput,
  refInput,
  volumeDeleteInput,
  volumeMoveInput,
} from "./authoring-input";
import { formAction, saved, textValues } from "./client";

// Server actions of the author dashboard, each a formAction (lib/actions/client.ts). Every write
// but a first book needs the AUTHOR role (a reader's first book makes them an author); the data
// layer parses the input with a strict schema and checks role and ownership again in its
// transaction. A "use server" module may export only async functions: formAction returns one.

/** The book form's fields to give back after an error; the ticked tags as one comma-joined value. */
function bookFormValues(formData: FormData): Record<string, string> {
  return {
    ...textValues(formData, ["title", "intro", "language", "categoryId", "status"]),
    tagIds: formData
      .getAll("tagIds")
      .filter((v) => typeof v === "string")
      .join(","),
  };
}

const chapterFormValues = (formData: FormData) =>
  textValues(formData, ["title", "body", "authorNote", "publishAt", "volumeId"]);

/** The id a form names, for the address to come back to after signing in ("" when it names none). */
const idOf = (formData: FormData, key: string) => String(parseId(formData.get(key)) ?? "");

const done = () => saved("dashboard.done");

/** An option the form does not offer (a forged step or direction). */
const invalidOption = () => new DomainError("INVALID", { messageKey: "authoring.errors.invalidOption" });

// Books

export const createBookAction = formAction({
  role: "READER",
  returnTo: "/dashboard/books/new",
  input: bookCreateInput,
  values: bookFormValues,
  run: (actor, input) => books.createBook(db, actor, input),
  done: (result) => redirect(`/dashboard/books/${result.bookId}`),
});

export const updateBookAction = formAction({
  role: "AUTHOR",
  returnTo: (formData) => `/dashboard/books/${idOf(formData, "bookId")}`,
  input: bookUpdateInput,
  values: bookFormValues,
  run: (actor, input) => books.updateBook(db, actor, input),
});

export const trashBookAction = formAction({
  role: "AUTHOR",
  returnTo: "/dashboard",
  input: (formData) => refInput(formData, ["bookId"]),
  run: (actor, input) => books.trashBook(db, actor, input),
  done: () => redirect("/dashboard"),
});

export const restoreBookAction = formAction({
  role: "AUTHOR",
  returnTo: "/dashboard",
  input: (formData) => refInput(formData, ["bookId"]),
  run: (actor, input) => books.restoreBook(db, actor, input),
  done,
});

// Volumes

export const createVolumeAction = formAction({
  role: "AUTHOR",
  returnTo: (formData) => `/dashboard/books/${idOf(formData, "bookId")}`,
  input: (formData) => refInput(formData, ["bookId"]),
  run: (actor, input) => volumes.createVolume(db, actor, input),
});

export const renameVolumeAction = formAction({
  role: "AUTHOR",
  returnTo: "/dashboard",
  input: (formData) => refInput(formData, ["volumeId"]),
  run: (actor, input) => volumes.renameVolume(db, actor, input),
});

/** Moves a volume one place up or down: the form sends the whole current order and `direction`. */
export const moveVolumeAction = formAction({
  role: "AUTHOR",
  returnTo: "/dashboard",
  input: (formData) => volumeMoveInput(formData) ?? throwError(invalidOption()),
  run: (actor, input) => volumes.reorderVolumes(db, actor, input),
  done,
});

export const deleteVolumeAction = formAction({
  role: "AUTHOR",
  returnTo: "/dashboard",
  input: volumeDeleteInput,
  run: (actor, input) => volumes.deleteVolume(db, actor, input),
  done,
});

// Chapters

export const createChapterAction = formAction({
  role: "AUTHOR",
  returnTo: (formData) => `/dashboard/books/${idOf(formData, "bookId")}/chapters/new`,
  input: (formData) => chapterCreateInput(formData, env.SITE_TIME_ZONE),
  values: chapterFormValues,
  run: (actor, input) => chapters.createChapter(db, actor, input),
  done: (result) => redirect(`/dashboard/chapters/${result.chapterId}?saved=1`),
});

export const updateChapterAction = formAction({
  role: "AUTHOR",
  returnTo: (formData) => `/dashboard/chapters/${idOf(formData, "chapterId")}`,
  input: (formData) => chapterUpdateInput(formData, env.SITE_TIME_ZONE),
  values: chapterFormValues,
  run: (actor, input) => chapters.updateChapter(db, actor, input),
});

const CHAPTER_STEPS = {
  publish: chapters.publishChapter,
  unpublish: chapters.unpublishChapter,
  trash: chapters.trashChapter,
  restore: chapters.restoreChapter,
} as const;

const ROW_MOVES = { up: -1, down: 1, move: 0 } as const;

type RowInput =
  { step: keyof typeof CHAPTER_STEPS; ref: Record<string, unknown> } | { step: "move"; ref: Record<string, unknown> };

/**
 * The one form of a row of the chapter list: its buttons name the step (`step`: publish,
 * unpublish, trash, restore, or up / down / move), the form carries the chapter's current
 * `position` and the place typed in `to`. Moves use the book's whole order, so a chapter moved
 * up from the top of a page lands at the bottom of the page before it.
 */
function chapterRowInput(formData: FormData): RowInput {
  const step = String(formData.get("step"));
  const current = String(formData.get("position") ?? "");
  const to = String(formData.get("to") ?? "");
  const fields = new FormData();
  for (const [key, value] of formData.entries()) {
    if (key !== "step" && key !== "position" && key !== "to") fields.append(key, value);
  }
  if (Object.hasOwn(CHAPTER_STEPS, step)) {
    return { step: step as keyof typeof CHAPTER_STEPS, ref: refInput(fields, ["chapterId"]) };
  }
  if (!Object.hasOwn(ROW_MOVES, step)) throw invalidOption();
  const delta = ROW_MOVES[step as keyof typeof ROW_MOVES];
  const from = formIdValue(current);
  const position = step === "move" ? formIdValue(to) : typeof from === "number" ? from + delta : from;
  return { step: "move", ref: { ...refInput(fields, ["chapterId"]), position } };
}

/** One-button chapter forms of the chapter list: publish, unpublish, trash, restore, and moves. */
export const chapterRowAction = formAction({
  role: "AUTHOR",
  returnTo: "/dashboard",
  input: chapterRowInput,
  run: (actor, { step, ref }) =>
    step === "move" ? chapters.moveChapter(db, actor, ref) : CHAPTER_STEPS[step](db, actor, ref),
  done,
});

export const bulkChaptersAction = formAction({
  role: "AUTHOR",
  returnTo: (formData) => `/dashboard/books/${idOf(formData, "bookId")}`,
  input: (formData) => chapterBulkInput(formData, env.SITE_TIME_ZONE),
  run: (actor, input) => chapters.bulkUpdateChapters(db, actor, input),
  done,
});

function throwError(error: Error): never {
  throw error;
}
