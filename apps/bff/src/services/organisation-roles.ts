import type { StaffOrganisationInput } from "@tietoni/domain";
import { and, asc, desc, eq, gte, isNull, or } from "drizzle-orm";
import { randomToken } from "../auth/tokens.ts";
import type { Queries, Tx } from "../db/port.ts";
import { organisationRoles, organisations } from "../db/schema.ts";

/*
 * A customer's organisation, as staff (or an approved correction request) give it. An organisation's name belongs to
 * all its members, so correcting one customer's organisation never renames it: the customer's role moves to the
 * organisation named, and nobody else's record changes (issue 12). The search index follows the role by its
 * triggers (migration 0005).
 */

/**
 * The organisation a customer acts for, as staff typed it: the one with that business ID, else one with exactly
 * that name (and no business ID that says otherwise), else a new one. An existing organisation is never renamed
 * here: its name belongs to all its members.
 */
export async function findOrCreateOrganisation(tx: Tx, org: Pick<StaffOrganisationInput, "name" | "businessId">) {
  if (org.businessId) {
    const byId = await tx
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(eq(organisations.businessId, org.businessId))
      .orderBy(asc(organisations.id))
      .get();
    if (byId) return byId;
  } else {
    const byName = await tx
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(eq(organisations.name, org.name))
      .orderBy(asc(organisations.id))
      .get();
    if (byName) return byName;
  }
  const id = randomToken();
  await tx.insert(organisations).values({ id, name: org.name, businessId: org.businessId });
  return { id, name: org.name };
}

/** The role the customer holds now (no end, or an end still to come), newest first. */
function currentRole(q: Queries, customerId: string, today: string) {
  return q
    .select({ id: organisationRoles.id, organisationId: organisationRoles.organisationId })
    .from(organisationRoles)
    .where(
      and(
        eq(organisationRoles.customerId, customerId),
        or(isNull(organisationRoles.endDate), gte(organisationRoles.endDate, today)),
      ),
    )
    .orderBy(desc(organisationRoles.startDate))
    .get();
}

/**
 * Moves the customer's current role to the organisation named (found or created; the role's kind and dates stay);
 * without a current role, the customer told us whom they represent, so a representative role starts today.
 * Returns the organisation's id.
 */
export async function moveToOrganisation(
  tx: Tx,
  customerId: string,
  org: Pick<StaffOrganisationInput, "name" | "businessId">,
  today: string,
): Promise<string> {
  const target = await findOrCreateOrganisation(tx, org);
  const role = await currentRole(tx, customerId, today);
  if (role) {
    if (role.organisationId !== target.id) {
      await tx.update(organisationRoles).set({ organisationId: target.id }).where(eq(organisationRoles.id, role.id));
    }
  } else {
    await tx.insert(organisationRoles).values({
      id: randomToken(),
      customerId,
      organisationId: target.id,
      role: "representative",
      startDate: today,
      endDate: null,
    });
  }
  return target.id;
}
