"use client";

import { ServiceUnavailable } from "@/components/service-unavailable";

// A settings page whose data could not be read: the message takes the page's place, and the area's navigation
// (its layout, which reads nothing) stays, so the other pages are still a click away.
export default function SettingsErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ServiceUnavailable reset={reset} heading="h2" />;
}
