// The two-factor forms' schemas, shared by each form and its server action. The codes themselves are ./codes.ts.
import "@/lib/shared/zod-without-eval"; // before any schema is made: no eval probe under the CSP

import { z } from "zod";

import { sensitiveSchema } from "@/features/reauthentication/shared/schemas";

import { recoveryCodeSchema, totpCodeSchema } from "./codes";

/** Settings, step 1: nothing to fill in — a new secret to scan. */
export const startTwoFactorSchema = z.object({});
/** Settings, step 2: one valid code from the new app, and the re-authentication, switch two-factor on. */
export const enableTwoFactorSchema = sensitiveSchema({ code: totpCodeSchema });
/** Settings: a new set of recovery codes voids the old one (re-authentication: the password and a code). */
export const regenerateRecoveryCodesSchema = sensitiveSchema({});
/** Settings: off again (re-authentication: the password and a code, which may be a recovery code). */
export const disableTwoFactorSchema = sensitiveSchema({});
/** Nothing to fill in: abandons an enrolment that was started but never confirmed. */
export const cancelTwoFactorSetupSchema = z.object({});

/** /login/two-factor: the second step of a sign-in, with a code from the app… */
export const verifyTotpSchema = z.object({ code: totpCodeSchema });
/** …or with a recovery code. */
export const verifyRecoveryCodeSchema = z.object({ recoveryCode: recoveryCodeSchema });
