// The paths under /admin, for the pages, the links and the actions alike.
import { ROUTES } from "@/config/routes";

/** One person's page: their facts, devices and events, and every action on the account. */
export const adminUserPath = (id: string): string => `${ROUTES.admin.path}/users/${id}`;

/** Where a deletion lands: the table, which says the account was deleted. */
export const ACCOUNT_DELETED_PATH = `${ROUTES.admin.path}?deleted=1`;
