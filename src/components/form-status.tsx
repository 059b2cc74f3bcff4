"use client";

// The messages rule: a form's status (its success or its form-level error) belongs to that form, and goes away
// once another form of the page is used — a "Password changed" must not sit above the Email form while you work
// there. Leaving the page clears every status by unmounting it. Each use of a form is counted here; FormAlert
// hides its message when a form other than its own was used after the message appeared.
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";

/** The last form submitted on this page, and the count of submits so far (to order "used" against "shown"). */
interface LastUse {
  form: Element;
  count: number;
}

const LastUseContext = createContext<LastUse | null>(null);

export function FormStatusScope({ children }: { children: ReactNode }) {
  const [lastUse, setLastUse] = useState<LastUse | null>(null);
  useEffect(() => {
    // Capture: a form that stops the event's propagation is still a form used. Every submit counts, whatever
    // starts it (a button, Enter, a confirm dialog's requestSubmit).
    const onSubmit = (event: SubmitEvent) => {
      if (event.target instanceof HTMLFormElement) {
        const form = event.target;
        setLastUse((last) => ({ form, count: (last?.count ?? 0) + 1 }));
      }
    };
    document.addEventListener("submit", onSubmit, true);
    return () => document.removeEventListener("submit", onSubmit, true);
  }, []);
  return <LastUseContext value={lastUse}>{children}</LastUseContext>;
}

/**
 * Whether a status shown now by the form (or section) around `element` has been overtaken: another form was used
 * since `content` last changed. Outside a FormStatusScope (a server-rendered test), never.
 */
export function useStatusOvertaken(element: Element | null, content: unknown): boolean {
  const lastUse = useContext(LastUseContext);
  const count = lastUse?.count ?? 0;
  // The count of uses when this content appeared: a message that arrives after its own form's submit is newer.
  const [shownAt, setShownAt] = useState({ content, count });
  if (shownAt.content !== content) setShownAt({ content, count });
  if (!lastUse || !element || lastUse.count <= shownAt.count) return false;
  const owner = element.closest("form") ?? element.closest("section");
  return owner !== null && !owner.contains(lastUse.form);
}
