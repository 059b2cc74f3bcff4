/** The product's name, as pages, mails and authenticator apps show it. A fork changes it here. */
export const APP_NAME = "Edge JWT Auth";
