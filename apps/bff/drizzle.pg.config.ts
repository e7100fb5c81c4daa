import { defineConfig } from "drizzle-kit";

// Issue 16: PostgreSQL's migrations, generated from db/postgres/schema.ts (itself generated from db/schema.ts).
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/postgres/schema.ts",
  out: "./drizzle-pg",
});
