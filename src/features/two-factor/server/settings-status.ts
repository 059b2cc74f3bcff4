// What the Two-factor section of /settings shows, read in one statement.
import "server-only";

export type TwoFactorSettings =
  | { state: "off" }
  /** Set up but not confirmed yet: the secret (base32, as the app takes it) and its otpauth:// URI for the QR code. */
  | { state: "enrolling"; secret: string; uri: string }
  | { state: "on"; enabledAt: Date; recoveryCodesLeft: number };

export async function twoFactorSettings(userId: string, email: string): Promise<TwoFactorSettings> {
  void userId;
  void email;
  return { state: "off" }; // CONTRACT STUB: the real read lands with the database work
}
