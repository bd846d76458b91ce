"use server";

import type { z } from "zod";
import { CoverError, coverTooLarge, isCoverError } from "@/lib/covers/errors";
import { removeBookCover, saveBookCover } from "@/lib/data/covers";
import { DomainError } from "@/lib/data/errors";
import { db } from "@/lib/db";
import { MAX_COVER_BYTES } from "@/lib/uploads/limits.mjs";
import { parseId } from "@/lib/validation/ids";
import { coverRemoveFormSchema, coverUploadFormSchema } from "@/lib/validation/covers";
import type { FormObject } from "@/lib/validation/form";
import { type Actor, formAction } from "./client";

// Cover upload and removal on the dashboard's book page, each a formAction (lib/actions/client.ts).
// The form's fields are parsed with a strict schema first: a forged field refuses the whole post,
// with one message (the form has one control).
// The data layer checks ownership again (another author's book is NOT_FOUND) and validates the
// image; its refusals (CoverError) become form messages.

/** The book's page to come back to after signing in. */
const bookPage = (fields: FormObject) => {
  const bookId = parseId(fields.bookId);
  return bookId ? `/dashboard/books/${bookId}` : "/dashboard";
};

/** A cover's refusal as the one domain error, with its message and the values it names. */
async function asDomainError<R>(write: () => Promise<R>): Promise<R> {
  try {
    return await write();
  } catch (error) {
    if (!isCoverError(error)) throw error;
    throw new DomainError("INVALID", { messageKey: error.messageKey, params: error.params });
  }
}

async function upload(actor: Actor, { bookId, cover }: z.output<typeof coverUploadFormSchema>) {
  return asDomainError(async () => {
    if (!(cover instanceof File) || cover.size === 0) throw new CoverError("NOT_AN_IMAGE");
    // Refused before its bytes are read (the site's server already refused a larger request).
    if (cover.size > MAX_COVER_BYTES) throw coverTooLarge(cover.size);
    return saveBookCover(db, actor, bookId, new Uint8Array(await cover.arrayBuffer()));
  });
}

export const uploadCoverAction = formAction({
  role: "AUTHOR",
  returnTo: bookPage,
  messageOnly: true,
  form: coverUploadFormSchema,
  run: upload,
});

export const removeCoverAction = formAction({
  role: "AUTHOR",
  returnTo: bookPage,
  messageOnly: true,
  form: coverRemoveFormSchema,
  run: (actor, input: z.output<typeof coverRemoveFormSchema>) =>
    asDomainError(() => removeBookCover(db, actor, input.bookId)),
});
