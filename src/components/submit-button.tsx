"use client";

import { useFormStatus } from "react-dom";

import { Button, type ButtonProps } from "@/components/ui/button";

interface SubmitButtonProps extends Omit<ButtonProps, "type" | "children"> {
  label: string;
  pendingLabel: string;
}

/** Disabled while its form submits, and says so ("Signing in…"). */
export function SubmitButton({ label, pendingLabel, disabled, ...button }: SubmitButtonProps) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending || disabled} aria-disabled={pending || disabled} {...button}>
      {pending ? pendingLabel : label}
    </Button>
  );
}
