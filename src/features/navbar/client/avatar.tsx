"use client";

import { useEffect, useRef, useState } from "react";

function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((word) => [...(word ?? "")][0]?.toUpperCase() ?? "").join("") || "?";
}

/**
 * The person's image, or their initials when there is none or it fails to load. A plain <img>: no image proxy
 * that would fetch arbitrary hosts for us, and no referrer leaked to whoever hosts the image.
 */
export function Avatar({ name, image }: { name: string; image: string | null }) {
  const [failed, setFailed] = useState<string | null>(null);
  const img = useRef<HTMLImageElement>(null);
  // On a full page load the browser fetches the server-rendered <img> before React hydrates, so its error event
  // may have fired before onError was listening: a finished image with no pixels is one that failed.
  useEffect(() => {
    const element = img.current;
    if (image && element?.complete && element.naturalWidth === 0) setFailed(image);
  }, [image]);
  if (image && failed !== image) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- deliberate: next/image would proxy any host
      <img
        ref={img}
        data-testid="nav-user-avatar"
        src={image}
        alt={`${name}'s avatar`}
        width={32}
        height={32}
        referrerPolicy="no-referrer"
        className="h-8 w-8 shrink-0 rounded-full object-cover"
        onError={() => setFailed(image)}
      />
    );
  }
  return (
    <span
      data-testid="nav-user-avatar"
      role="img"
      aria-label={`${name}'s initials`}
      className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-zinc-200 text-xs font-semibold dark:bg-zinc-700"
    >
      {initialsOf(name)}
    </span>
  );
}
