import { z } from "zod";
import { locales } from "./localized.ts";

/** The API's `lang` parameter. Apart from localized.ts so the browser's first screen needs no zod. */
export const localeSchema = z.enum(locales);
