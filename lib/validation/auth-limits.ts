// Account field limits, apart from the schemas so client forms can show them without bundling zod.

export const PASSWORD_MIN_CHARS = 8;
export const PASSWORD_MAX_CHARS = 128;
/** UTF-8 bytes a password may have before hashing (argon2 input stays small and bounded). */
export const PASSWORD_MAX_BYTES = 512;
export const NAME_MAX_CHARS = 30;
/** `User.name` is VARCHAR(60): code points, which a name of 30 visible characters may exceed. */
export const NAME_MAX_CODE_POINTS = 60;
export const EMAIL_MAX_LENGTH = 254;
/** The values the `auth.errors` and hint messages interpolate. */
export const AUTH_MESSAGE_VALUES = {
  min: PASSWORD_MIN_CHARS,
  max: PASSWORD_MAX_CHARS,
  bytes: PASSWORD_MAX_BYTES,
  nameMax: NAME_MAX_CHARS,
} as const;
