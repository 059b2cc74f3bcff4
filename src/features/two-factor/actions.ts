"use server";
// CONTRACT STUB: the real actions land with the server work. Names, fields and answers are final.
import { action, authedAction } from "@/features/auth/server/action";

import {
  cancelTwoFactorSetupSchema,
  disableTwoFactorSchema,
  enableTwoFactorSchema,
  regenerateRecoveryCodesSchema,
  startTwoFactorSchema,
  verifyRecoveryCodeSchema,
  verifyTotpSchema,
} from "./shared/schemas";

/** Settings, step 1 (currentPassword): makes a secret; the section then shows the QR code and key (revalidated). */
export const startTwoFactorAction = authedAction(startTwoFactorSchema, async () => ({ status: "success" }));
/** Settings, step 2 (code): on success `revealed` holds the 10 recovery codes, shown once; no revalidation. */
export const enableTwoFactorAction = authedAction(enableTwoFactorSchema, async () => ({ status: "success" }));
/** Settings: abandons an unconfirmed setup (revalidated). */
export const cancelTwoFactorSetupAction = authedAction(cancelTwoFactorSetupSchema, async () => ({
  status: "success",
}));
/** Settings (currentPassword): on success `revealed` holds the new set; the old one is void. */
export const regenerateRecoveryCodesAction = authedAction(regenerateRecoveryCodesSchema, async () => ({
  status: "success",
}));
/** Settings (currentPassword, code: an app code or a recovery code): off again (revalidated). */
export const disableTwoFactorAction = authedAction(disableTwoFactorSchema, async () => ({ status: "success" }));
/** /login/two-factor (code, plus hidden callbackUrl and the client-navigation field): finishes the sign-in. */
export const verifyTotpAction = action(verifyTotpSchema, async () => ({ status: "success", redirectTo: "/" }));
/** /login/two-factor?recovery (recoveryCode, plus hidden callbackUrl): finishes the sign-in with a recovery code. */
export const verifyRecoveryCodeAction = action(verifyRecoveryCodeSchema, async () => ({
  status: "success",
  redirectTo: "/",
}));
