// npm run db:seed: the first admin (if there is no user yet) and the demo project (if missing).
import { ensureAdmin } from "../lib/auth/users";
import { getDb } from "../lib/db/client";
import { DEMO_SLUG, seedDemo } from "../lib/seed/demo";
import { getStorage } from "../lib/storage";

async function main() {
  const db = getDb();
  const admin = await ensureAdmin(db);
  if (admin) {
    console.log(`Admin account created: ${admin.email}`);
    console.log(admin.generated ? `Admin password (shown once, write it down): ${admin.password}` : "Admin password: the ADMIN_PASSWORD you set");
  } else {
    console.log("Users exist already; admin login unchanged. Lost it? npx srt user password <email>");
  }
  const owner = await db.user.findFirst({ where: { role: "ADMIN", disabled: false }, orderBy: { createdAt: "asc" } });
  if (!owner) throw new Error("no enabled ADMIN account to own the demo project");
  const project = await seedDemo(db, getStorage(), owner);
  console.log(project ? `Demo project created: /projects/${DEMO_SLUG}` : `Demo project exists: /projects/${DEMO_SLUG}`);
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
