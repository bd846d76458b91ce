import { getRequestConfig } from "next-intl/server";
import { env } from "@/lib/env";
import { messages, siteLocale } from "./messages";

// One UI language per deployment: nothing here reads the request, so pages stay static.
export default getRequestConfig(async () => ({ locale: siteLocale, messages, timeZone: env.SITE_TIME_ZONE }));
