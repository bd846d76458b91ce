import { expect } from "vitest";
import { DomainError } from "@/lib/data/errors";

/**
 * Awaits a write that must be refused: a DomainError with this code and, when given, a message
 * key (of the whole form or of a field) containing `key`. Answers the error for more checks.
 */
export async function refused(write: Promise<unknown>, code: DomainError["code"], key?: string): Promise<DomainError> {
  const error = await write.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  if (key)
    expect(JSON.stringify((error as DomainError).fieldErrors) + (error as DomainError).messageKey).toContain(key);
  return error as DomainError;
}
