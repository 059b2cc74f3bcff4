// Signing in or out changes the session the root layout (and its navbar) was rendered with, and a soft
// navigation keeps that layout. So with JavaScript the form tells its action "I can navigate myself", the action
// answers with where to go, and the page loads afresh there (./full-page-redirect.tsx). Without JavaScript the
// action redirects, which is a full page load anyway.
export const CLIENT_NAVIGATION_FIELD = "navigation";

export function wantsClientNavigation(formData: FormData): boolean {
  return formData.get(CLIENT_NAVIGATION_FIELD) === "client";
}
