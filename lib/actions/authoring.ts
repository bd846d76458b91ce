"use server";

import { refresh, updateTag } from "next/cache";
import { redirect } from "next/navigation";
import { hasRole, requireUser } from "@/lib/auth/session";
import type { Actor } from "@/lib/data/authoring/actor";
import * as books from "@/lib/data/authoring/books";
import * as chapters from "@/lib/data/authoring/chapters";
import { AuthoringError, isAuthoringError } from "@/lib/data/authoring/errors";
import * as volumes from "@/lib/data/authoring/volumes";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { getT } from "@/lib/i18n/messages";
import { logger } from "@/lib/log";
import type { AuthoringFieldErrors, FieldError } from "@/lib/validation/authoring";
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
import type { FormState } from "./form-state";
import { formIdValue, parseId } from "@/lib/validation/ids";

// Server actions of the author dashboard. Each one is a public POST endpoint, so each one
// authenticates (requireUser), builds the actor from the session only (never from the form),
// and hands the form's values to the data layer, which parses them with a strict schema and
// checks role and ownership again in its transaction. On success the returned cache tags are
// expired with updateTag, so the author and any logged-out reader see the change at once.

type Translate = (key: string, values?: Record<string, string | number>) => string;

function translate(error: FieldError): string {
  return (getT() as unknown as Translate)(error.key, error.values);
}

function fieldMessages(errors: AuthoringFieldErrors): Record<string, string[]> {
  return Object.fromEntries(Object.entries(errors).map(([field, list]) => [field, list.map(translate)]));
}

async function currentActor(returnTo: string): Promise<Actor> {
  const user = await requireUser(returnTo);
  return { id: user.id, role: user.role };
}

/**
 * Runs a write for `actor`; an AuthoringError becomes form state, anything else is logged and
 * rethrown. Every write but a first book needs the AUTHOR role (a reader's first book makes
 * them an author); the data layer checks role and ownership again inside its transaction.
 */
async function attempt<R extends { tags: string[] }>(
  actor: Actor,
  write: () => Promise<R>,
  opts: { values?: Record<string, string>; anyRole?: boolean } = {},
): Promise<{ ok: true; result: R } | { ok: false; state: FormState }> {
  const values = opts.values;
  try {
    if (!opts.anyRole && !hasRole(actor, "AUTHOR")) throw new AuthoringError("FORBIDDEN");
    const result = await write();
    for (const tag of result.tags) updateTag(tag);
    return { ok: true, result };
  } catch (error) {
    if (!isAuthoringError(error)) {
      logger.error({ err: error }, "authoring action failed");
      throw error;
    }
    const t = getT() as unknown as Translate;
    const message = error.code === "INVALID" ? t("dashboard.fixErrors") : t(error.messageKey);
    return { ok: false, state: { status: "error", message, fieldErrors: fieldMessages(error.fieldErrors), values } };
  }
}

function textValues(formData: FormData, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const v = formData.get(key);
    if (typeof v === "string") out[key] = v;
  }
  return out;
}

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

function saved(key: "saved" | "done"): FormState {
  refresh();
  return { status: "success", message: (getT() as unknown as Translate)(`dashboard.${key}`) };
}

/** The id a form names, for the address to come back to after signing in ("" when it names none). */
const idOf = (formData: FormData, key: string) => String(parseId(String(formData.get(key))) ?? "");

// Books

export async function createBookAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await currentActor("/dashboard/books/new");
  const r = await attempt(actor, () => books.createBook(db, actor, bookCreateInput(formData)), {
    values: bookFormValues(formData),
    anyRole: true,
  });
  if (!r.ok) return r.state;
  redirect(`/dashboard/books/${r.result.bookId}`);
}

export async function updateBookAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await currentActor(`/dashboard/books/${idOf(formData, "bookId")}`);
  const r = await attempt(actor, () => books.updateBook(db, actor, bookUpdateInput(formData)), {
    values: bookFormValues(formData),
  });
  return r.ok ? saved("saved") : r.state;
}

export async function trashBookAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await currentActor("/dashboard");
  const r = await attempt(actor, () =>
    books.trashBook(db, actor, refInput(formData, ["bookId"]) as { bookId: number }),
  );
  if (!r.ok) return r.state;
  redirect("/dashboard");
}

export async function restoreBookAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await currentActor("/dashboard");
  const r = await attempt(actor, () =>
    books.restoreBook(db, actor, refInput(formData, ["bookId"]) as { bookId: number }),
  );
  return r.ok ? saved("done") : r.state;
}

// Volumes

export async function createVolumeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await currentActor(`/dashboard/books/${idOf(formData, "bookId")}`);
  const input = refInput(formData, ["bookId"]) as { bookId: number; title: string };
  const r = await attempt(actor, () => volumes.createVolume(db, actor, input));
  return r.ok ? saved("saved") : r.state;
}

export async function renameVolumeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await currentActor("/dashboard");
  const input = refInput(formData, ["volumeId"]) as { volumeId: number; title: string };
  const r = await attempt(actor, () => volumes.renameVolume(db, actor, input));
  return r.ok ? saved("saved") : r.state;
}

/** Moves a volume one place up or down: the form sends the whole current order and `direction`. */
export async function moveVolumeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await currentActor("/dashboard");
  const input = volumeMoveInput(formData);
  if (!input) return { status: "error", message: (getT() as unknown as Translate)("authoring.errors.invalidOption") };
  const r = await attempt(actor, () => volumes.reorderVolumes(db, actor, input));
  return r.ok ? saved("done") : r.state;
}

export async function deleteVolumeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await currentActor("/dashboard");
  const r = await attempt(actor, () => volumes.deleteVolume(db, actor, volumeDeleteInput(formData)));
  return r.ok ? saved("done") : r.state;
}

// Chapters

export async function createChapterAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const bookId = idOf(formData, "bookId");
  const actor = await currentActor(`/dashboard/books/${bookId}/chapters/new`);
  const values = textValues(formData, ["title", "body", "authorNote", "publishAt", "volumeId"]);
  const r = await attempt(
    actor,
    () => chapters.createChapter(db, actor, chapterCreateInput(formData, env.SITE_TIME_ZONE)),
    { values },
  );
  if (!r.ok) return r.state;
  redirect(`/dashboard/chapters/${r.result.chapterId}?saved=1`);
}

export async function updateChapterAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await currentActor(`/dashboard/chapters/${idOf(formData, "chapterId")}`);
  const values = textValues(formData, ["title", "body", "authorNote", "publishAt", "volumeId"]);
  const r = await attempt(
    actor,
    () => chapters.updateChapter(db, actor, chapterUpdateInput(formData, env.SITE_TIME_ZONE)),
    { values },
  );
  return r.ok ? saved("saved") : r.state;
}

const CHAPTER_STEPS = {
  publish: chapters.publishChapter,
  unpublish: chapters.unpublishChapter,
  trash: chapters.trashChapter,
  restore: chapters.restoreChapter,
} as const;

/** One-button chapter forms of the chapter list: publish, unpublish, trash, restore. */
export async function chapterStepAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await currentActor("/dashboard");
  const step = String(formData.get("step"));
  if (!Object.hasOwn(CHAPTER_STEPS, step)) {
    return { status: "error", message: (getT() as unknown as Translate)("authoring.errors.invalidOption") };
  }
  formData.delete("step");
  const write = CHAPTER_STEPS[step as keyof typeof CHAPTER_STEPS];
  const r = await attempt(actor, () => write(db, actor, refInput(formData, ["chapterId"]) as { chapterId: number }));
  return r.ok ? saved("done") : r.state;
}

const ROW_MOVES = { up: -1, down: 1, move: 0 } as const;

/**
 * The one form of a row of the chapter list: its buttons name the step (`step`: publish,
 * unpublish, trash, or up / down / move), the form carries the chapter's current `position`
 * and the place typed in `to`. Moves use the book's whole order, so a chapter moved up from the
 * top of a page lands at the bottom of the page before it.
 */
export async function chapterRowAction(prev: FormState, formData: FormData): Promise<FormState> {
  const step = String(formData.get("step"));
  const current = String(formData.get("position") ?? "");
  const to = String(formData.get("to") ?? "");
  formData.delete("position");
  formData.delete("to");
  if (!Object.hasOwn(ROW_MOVES, step)) return chapterStepAction(prev, formData);
  const actor = await currentActor("/dashboard");
  formData.delete("step");
  const delta = ROW_MOVES[step as keyof typeof ROW_MOVES];
  const from = formIdValue(current);
  const position = step === "move" ? formIdValue(to) : typeof from === "number" ? from + delta : from;
  const input = { ...refInput(formData, ["chapterId"]), position } as { chapterId: number; position: number };
  const r = await attempt(actor, () => chapters.moveChapter(db, actor, input));
  return r.ok ? saved("done") : r.state;
}

/** Moves a chapter to `position` (move up / move down buttons send the neighbour's position). */
export async function moveChapterAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await currentActor("/dashboard");
  const input = refInput(formData, ["chapterId", "position"]) as { chapterId: number; position: number };
  const r = await attempt(actor, () => chapters.moveChapter(db, actor, input));
  return r.ok ? saved("done") : r.state;
}

export async function bulkChaptersAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await currentActor(`/dashboard/books/${idOf(formData, "bookId")}`);
  const r = await attempt(actor, () =>
    chapters.bulkUpdateChapters(db, actor, chapterBulkInput(formData, env.SITE_TIME_ZONE)),
  );
  return r.ok ? saved("done") : r.state;
}
